package dev.smo1.clicks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The durable click buffer: a Redis stream ({@value #STREAM}), one entry per appended batch with
 * its clicks as JSON lines in field {@code b}. A batch is appended by one Lua script, so
 * atomically: a click whose id was appended before (a field of the hash {@value #SEEN_PREFIX}{@code
 * <hour of the click>}, kept until the dedupe window after that hour) is skipped, so a batch the
 * edge delivers again (a retried queue message) adds nothing. The batch is acknowledged when Redis
 * answered (durable as far as Redis' append-only file is; the local Redis fsyncs every write). The
 * consumers that move clicks on to ClickHouse read this stream.
 */
public final class RedisClickStream implements ClickSink, AutoCloseable {
  public static final String STREAM = "smo1:clicks";

  /**
   * Where the ingest sets aside entries of {@link #STREAM} it cannot read, as they were, with the
   * reason and when: for an operator to look at (XRANGE), never read by the ingest.
   */
  public static final String DEAD_LETTERS = STREAM + ":dead-letter";

  public static final String SEEN_PREFIX = "smo1:click-seen:";
  static final String BATCH_FIELD = "b";

  /**
   * On an entry whose clicks may be in ClickHouse already (a dead letter added again): the consumer
   * looks each one up before it inserts, as for an entry delivered again.
   */
  static final String MAY_BE_STORED_FIELD = "r";

  /**
   * ARGV: the dedupe window in seconds, then per click its hour bucket (Unix hours of its time), id
   * and JSON. A click is new if its id is new in its bucket's hash (a redelivered click has its
   * time, so its bucket); a bucket expires the window after its hour ends. The new clicks go into
   * one stream entry: one field per click in a hash instead of a key with its own expiry, and one
   * entry per batch instead of one per click, made Redis' work per click several times smaller.
   */
  private static final String APPEND =
      """
      local window = tonumber(ARGV[1])
      local new = {}
      local touched = {}
      for i = 2, #ARGV, 3 do
        local bucket = KEYS[2] .. ARGV[i]
        if redis.call('HSETNX', bucket, ARGV[i + 1], '1') == 1 then
          new[#new + 1] = ARGV[i + 2]
          if not touched[bucket] then
            redis.call('EXPIREAT', bucket, (tonumber(ARGV[i]) + 1) * 3600 + window)
            touched[bucket] = true
          end
        end
      end
      if #new > 0 then
        redis.call('XADD', KEYS[1], '*', 'b', table.concat(new, '\\n'))
      end
      return #new
      """;

  private static final JsonFactory JSON = new JsonFactory();

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final Duration dedupeWindow;

  public RedisClickStream(RedisClient client, Duration dedupeWindow) {
    this.client = client;
    this.connection = client.connect();
    this.dedupeWindow = dedupeWindow;
  }

  /** Completes with how many of the clicks were new (the others were appended before). */
  @Override
  public CompletionStage<Integer> append(List<Click> clicks) {
    String[] arguments = new String[1 + 3 * clicks.size()];
    arguments[0] = Long.toString(Math.max(1, dedupeWindow.toSeconds()));
    long now = System.currentTimeMillis() / 1000;
    String[] objects = json(clicks);
    for (int i = 0; i < clicks.size(); i++) {
      Click click = clicks.get(i);
      arguments[1 + 3 * i] = Long.toString(bucket(click.at().getEpochSecond(), now));
      arguments[2 + 3 * i] = click.id().toString();
      arguments[3 + 3 * i] = objects[i];
    }
    return connection
        .async()
        .<Long>eval(APPEND, ScriptOutputType.INTEGER, new String[] {STREAM, SEEN_PREFIX}, arguments)
        .thenApply(Long::intValue);
  }

  /**
   * The hour bucket of a click's id: its time in Unix hours, held within the last week and the next
   * hour (a clock far off would otherwise keep a bucket for years).
   */
  static long bucket(long clickSecond, long nowSecond) {
    long held = Math.max(nowSecond - 7 * 86_400, Math.min(nowSecond + 3_600, clickSecond));
    return held / 3_600;
  }

  /**
   * Appends clicks made on this node a moment ago (origin redirects): their ids are new, so there
   * is nothing to dedupe and no seen-key to keep; one script call, so one write for all of them.
   */
  public CompletionStage<Integer> appendNew(List<Click> clicks) {
    return connection
        .async()
        .xadd(STREAM, Map.of(BATCH_FIELD, String.join("\n", json(clicks))))
        .thenApply(id -> clicks.size());
  }

  /**
   * The clicks of one stream entry: field {@value #BATCH_FIELD} holds one JSON click per line;
   * entries written before batching hold one click in field {@code c}. Throws on anything else.
   */
  public static List<Click> clicksOf(Map<String, String> entry) {
    String batch = entry.get(BATCH_FIELD);
    if (batch != null) {
      // one parser over the whole entry: its objects follow each other at the root
      List<Click> clicks = new ArrayList<>();
      try (JsonParser json = JSON.createParser(batch)) {
        JsonToken next;
        while ((next = json.nextToken()) == JsonToken.START_OBJECT) {
          clicks.add(read(json));
        }
        if (next != null || clicks.isEmpty()) {
          throw new IllegalArgumentException("not JSON click objects, one per line");
        }
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("not a click entry: " + e.getMessage(), e);
      }
      return clicks;
    }
    String single = entry.get("c");
    if (single != null) {
      return List.of(parse(single));
    }
    throw new IllegalArgumentException("a stream entry without clicks: " + entry.keySet());
  }

  /** The click as one JSON object, fields in declaration order, nulls written as null. */
  public static String json(Click click) {
    return json(List.of(click))[0];
  }

  /** The clicks as JSON objects, written through one generator (one per click costs more). */
  static String[] json(List<Click> clicks) {
    var out = new StringWriter(512 * clicks.size());
    String[] objects = new String[clicks.size()];
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.setRootValueSeparator(null);
      for (int i = 0; i < clicks.size(); i++) {
        Click click = clicks.get(i);
        json.writeStartObject();
        json.writeStringField("id", click.id().toString());
        json.writeStringField("domain", click.domain());
        json.writeStringField("code", click.code());
        json.writeStringField("at", click.at().toString());
        json.writeStringField("source", click.source());
        json.writeStringField("country", click.country());
        json.writeStringField("colo", click.colo());
        json.writeStringField("referrer", click.referrer());
        json.writeStringField("userAgent", click.userAgent());
        json.writeStringField("query", click.query());
        json.writeStringField("visitor", click.visitor());
        json.writeStringField("trigger", click.trigger());
        json.writeNumberField("rule", click.rule());
        json.writeNumberField("variant", click.variant());
        json.writeEndObject();
        json.flush();
        objects[i] = out.toString();
        out.getBuffer().setLength(0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return objects;
  }

  /** Reads a click back from its entry's JSON ({@link #json}); throws on anything else. */
  static Click parse(String text) {
    try (JsonParser json = JSON.createParser(text)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return read(json);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a click entry: " + e.getMessage(), e);
    }
  }

  /** Reads one click object, its start token already read (a streaming read: no tree). */
  private static Click read(JsonParser json) throws IOException {
    String id = null;
    String domain = null;
    String code = null;
    String at = null;
    String source = null;
    String country = null;
    String colo = null;
    String referrer = null;
    String userAgent = null;
    String query = null;
    String visitor = null;
    // entries written before decision 0027 have none of these: a followed link, no rule, no variant
    String trigger = null;
    int rule = 0;
    int variant = 0;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      String value = json.nextToken() == JsonToken.VALUE_NULL ? null : json.getValueAsString();
      switch (field) {
        case "id" -> id = value;
        case "domain" -> domain = value;
        case "code" -> code = value;
        case "at" -> at = value;
        case "source" -> source = value;
        case "country" -> country = value;
        case "colo" -> colo = value;
        case "referrer" -> referrer = value;
        case "userAgent" -> userAgent = value;
        case "query" -> query = value;
        case "visitor" -> visitor = value;
        case "trigger" -> trigger = value;
        case "rule" -> rule = value == null ? 0 : Integer.parseInt(value);
        case "variant" -> variant = value == null ? 0 : Integer.parseInt(value);
        default -> json.skipChildren();
      }
    }
    if (id == null || at == null) {
      throw new IllegalArgumentException("a click without id or time");
    }
    return new Click(
        UUID.fromString(id),
        domain,
        code,
        Instant.parse(at),
        source,
        country,
        colo,
        referrer,
        userAgent,
        query,
        visitor,
        trigger,
        rule,
        variant);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
