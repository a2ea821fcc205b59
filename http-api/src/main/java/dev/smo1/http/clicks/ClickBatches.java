package dev.smo1.http.clicks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.clicks.Click;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.link.RoutingPolicy;
import dev.smo1.link.ShortCodes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads an edge click batch, {@code {"format":1,"clicks":[...]}}, strictly: an unknown format, a
 * missing or mistyped field, or a text over its limit refuses the whole batch (400), so nothing of
 * a batch the edge and origin disagree about is stored. The edge caps texts before sending. A click
 * time more than {@link #OLDEST} ago or {@link #NEWEST} ahead refuses the batch as well.
 */
final class ClickBatches {
  static final int MAX_CLICKS = 1000;
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "domain",
          "code",
          "at",
          "source",
          "country",
          "colo",
          "referrer",
          "userAgent",
          "query",
          "visitor",
          "trigger",
          "rule",
          "variant");
  private static final Pattern VISITOR = Pattern.compile("^[0-9a-f]{32}$");

  private ClickBatches() {}

  /** How old a click may be: the edge's queue keeps a batch for days of retries, not more. */
  static final Duration OLDEST = Duration.ofDays(7);

  /** How far ahead a click's time may be: clocks disagree, by seconds, not hours. */
  static final Duration NEWEST = Duration.ofHours(1);

  static List<Click> read(JsonNode batch, Instant now) {
    if (batch.path("format").asInt(-1) != 1 || !batch.path("format").isInt()) {
      throw invalid("format", "only click batch format 1 is understood");
    }
    JsonNode clicks = batch.path("clicks");
    if (!clicks.isArray() || clicks.isEmpty() || clicks.size() > MAX_CLICKS) {
      throw invalid("clicks", "clicks must be an array of 1 to " + MAX_CLICKS + " clicks");
    }
    var read = new ArrayList<Click>(clicks.size());
    for (JsonNode click : clicks) {
      read.add(click(click, now));
    }
    return read;
  }

  private static Click click(JsonNode click, Instant now) {
    if (!click.isObject()) {
      throw invalid("clicks", "every click must be an object");
    }
    click
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                throw invalid(name, "unknown click field '" + name + "'");
              }
            });
    UUID id;
    try {
      id = UUID.fromString(text(click, "id", 36, true));
    } catch (IllegalArgumentException e) {
      throw invalid("id", "id must be a UUID");
    }
    Instant at;
    try {
      at = Instant.parse(text(click, "at", 40, true));
    } catch (DateTimeParseException e) {
      throw invalid("at", "at must be an ISO-8601 instant in UTC");
    }
    if (at.isBefore(now.minus(OLDEST)) || at.isAfter(now.plus(NEWEST))) {
      throw invalid(
          "at",
          "click time "
              + at
              + " is outside [now - "
              + OLDEST.toDays()
              + " days, now + "
              + NEWEST.toHours()
              + " hour]");
    }
    String source = text(click, "source", 16, true);
    if (!source.equals("edge")) {
      throw invalid("source", "source must be 'edge'");
    }
    String visitor = text(click, "visitor", 32, true);
    if (!VISITOR.matcher(visitor).matches()) {
      throw invalid("visitor", "visitor must be 32 lower-case hex digits");
    }
    String code = text(click, "code", 64, true);
    if (!ShortCodes.mayExist(code)) {
      // the redirect path's own test: no link can have such a code, so no one clicked it
      throw invalid("code", "code is not a possible short code");
    }
    String trigger = text(click, "trigger", 8, false);
    if (trigger != null && !trigger.equals(Click.LINK) && !trigger.equals(Click.QR)) {
      throw invalid("trigger", "trigger must be 'link' or 'qr'");
    }
    return new Click(
        id,
        text(click, "domain", 253, true),
        code,
        at,
        source,
        text(click, "country", 8, false),
        text(click, "colo", 16, false),
        text(click, "referrer", 2048, false),
        text(click, "userAgent", 512, false),
        text(click, "query", 2048, true),
        visitor,
        trigger,
        position(click, "rule", RoutingPolicy.MAX_RULES),
        position(click, "variant", RoutingPolicy.MAX_VARIANTS));
  }

  /**
   * A rule's or variant's position from 1 ({@code max} at most); absent or null: none (a Worker of
   * before decision 0027 sends neither).
   */
  private static int position(JsonNode click, String field, int max) {
    JsonNode value = click.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, "click field '" + field + "' must be an integer", field);
    }
    if (!value.canConvertToInt() || value.intValue() < 1 || value.intValue() > max) {
      throw invalid(field, field + " must be a position from 1 to " + max);
    }
    return value.intValue();
  }

  private static String text(JsonNode click, String field, int maxLength, boolean required) {
    JsonNode value = click.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(field, field + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, "click field '" + field + "' must be a string", field);
    }
    if (value.textValue().length() > maxLength) {
      throw invalid(field, field + " is longer than " + maxLength + " characters");
    }
    return value.textValue();
  }

  private static ApiException invalid(String field, String message) {
    return ApiException.badRequest(HttpErrorCodes.INVALID_CLICK_BATCH, message, field);
  }
}
