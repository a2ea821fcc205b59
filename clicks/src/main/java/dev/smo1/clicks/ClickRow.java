package dev.smo1.clicks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of ClickHouse's {@code clicks} table, made from a {@link Click}, its link's owner and its
 * user agent's reading: the referrer's host, the short URL's UTM parameters, and the visitor
 * pseudonym as a 64-bit number (unique-visitor counts over numbers are several times faster than
 * over strings). Written as one JSONEachRow line with every column (18.16 does not fill a missing
 * field from its {@code DEFAULT}).
 */
public record ClickRow(
    Click click,
    String owner,
    String referrerHost,
    Map<String, String> utm,
    UserAgents.Reading agent,
    long visitor,
    Instant receivedAt) {
  static final int MAX_UTM_LENGTH = 256;
  private static final String[] UTM_KEYS = {
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"
  };
  private static final JsonFactory JSON = new JsonFactory();

  public static ClickRow of(Click click, String owner, UserAgents.Reading agent, Instant now) {
    return new ClickRow(
        click, owner, host(click.referrer()), utm(click.query()), agent, visitor(click), now);
  }

  /** The referrer's host name, lower case, without a leading {@code www.}; empty when none. */
  public static String referrerHostOf(String referrer) {
    return host(referrer);
  }

  /** The referrer's host name, lower case, without a leading {@code www.}; empty when none. */
  static String host(String referrer) {
    if (referrer == null || referrer.isBlank()) {
      return "";
    }
    try {
      String host = URI.create(referrer.strip()).getHost();
      if (host == null) {
        return "";
      }
      host = host.toLowerCase(Locale.ROOT);
      return host.startsWith("www.") ? host.substring(4) : host;
    } catch (IllegalArgumentException notAUri) {
      return "";
    }
  }

  /**
   * The UTM parameters of the short URL's query ({@code ?} optional; first value wins), decoded and
   * capped.
   */
  static Map<String, String> utm(String query) {
    Map<String, String> found = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return found;
    }
    // the edge sends the query with its '?', the origin without
    for (String pair : (query.startsWith("?") ? query.substring(1) : query).split("&")) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || !pair.regionMatches(true, 0, "utm_", 0, 4)) {
        continue;
      }
      String key = decode(pair.substring(0, equals)).toLowerCase(Locale.ROOT);
      for (String utmKey : UTM_KEYS) {
        if (utmKey.equals(key) && !found.containsKey(key)) {
          String value = decode(pair.substring(equals + 1)).strip();
          found.put(
              key, value.length() > MAX_UTM_LENGTH ? value.substring(0, MAX_UTM_LENGTH) : value);
        }
      }
    }
    return found;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return text;
    }
  }

  /**
   * The visitor pseudonym (hex, daily-rotating, made where the click happened) as its first 64
   * bits. A click without one counts as a visitor of its own (bits of its event id).
   */
  static long visitor(Click click) {
    String visitor = click.visitor();
    if (visitor != null && visitor.length() >= 16) {
      try {
        return HexFormat.fromHexDigitsToLong(visitor, 0, 16);
      } catch (IllegalArgumentException notHex) {
        // fall through
      }
    }
    return click.id().getMostSignificantBits() ^ click.id().getLeastSignificantBits();
  }

  /** Rows as JSONEachRow lines in UTF-8, through one generator. */
  public static void writeJsonLines(List<ClickRow> rows, OutputStream out) {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setRootValueSeparator(new SerializedString("\n"));
      for (ClickRow row : rows) {
        row.writeJson(json);
      }
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeJson(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("event_id", click.id().toString());
    // DateTime columns read Unix seconds as they are: no formatting on the way
    json.writeNumberField("ts", click.at().getEpochSecond());
    json.writeStringField("owner", owner);
    json.writeStringField("domain", click.domain());
    json.writeStringField("code", click.code());
    json.writeStringField("source", click.source());
    json.writeStringField("country", text(click.country()));
    json.writeStringField("colo", text(click.colo()));
    json.writeStringField("referrer", text(click.referrer()));
    json.writeStringField("referrer_host", referrerHost);
    for (String key : UTM_KEYS) {
      json.writeStringField(key, utm.getOrDefault(key, ""));
    }
    json.writeStringField("trigger", click.trigger());
    json.writeNumberField("rule", click.rule());
    json.writeNumberField("variant", click.variant());
    json.writeStringField("device", agent.device());
    json.writeStringField("browser", agent.browser());
    json.writeStringField("os", agent.os());
    json.writeNumberField("is_bot", agent.bot() ? 1 : 0);
    // UInt64 in ClickHouse: the unsigned decimal of the 64 bits
    json.writeFieldName("visitor");
    json.writeRawValue(Long.toUnsignedString(visitor));
    json.writeStringField("user_agent", text(click.userAgent()));
    json.writeNumberField("received_at", receivedAt.getEpochSecond());
    json.writeEndObject();
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
