package dev.smo1.projection.clicks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The durable click buffer: a Redis stream ({@value #STREAM}), one entry per click with the click
 * as JSON in field {@code c}. A batch is appended by one Lua script, so atomically: a click whose
 * id was appended within the dedupe window ({@code SET NX EX} on {@value #SEEN_PREFIX}{@code <id>})
 * is skipped, so a batch the edge delivers again (a retried queue message) adds nothing. The batch
 * is acknowledged when Redis answered (durable as far as Redis' append-only file is; the local
 * Redis fsyncs every write). The consumers that move clicks on to ClickHouse read this stream.
 */
public final class RedisClickStream implements ClickSink, AutoCloseable {
  public static final String STREAM = "smo1:clicks";
  public static final String SEEN_PREFIX = "smo1:click-seen:";

  private static final String APPEND =
      """
      local added = 0
      for i = 2, #ARGV, 2 do
        if redis.call('SET', KEYS[2] .. ARGV[i], '1', 'NX', 'EX', ARGV[1]) then
          redis.call('XADD', KEYS[1], '*', 'c', ARGV[i + 1])
          added = added + 1
        end
      end
      return added
      """;
  private static final String APPEND_NEW =
      """
      for i = 1, #ARGV do
        redis.call('XADD', KEYS[1], '*', 'c', ARGV[i])
      end
      return #ARGV
      """;
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

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
    String[] arguments = new String[1 + 2 * clicks.size()];
    arguments[0] = Long.toString(Math.max(1, dedupeWindow.toSeconds()));
    for (int i = 0; i < clicks.size(); i++) {
      arguments[1 + 2 * i] = clicks.get(i).id().toString();
      arguments[2 + 2 * i] = json(clicks.get(i));
    }
    return connection
        .async()
        .<Long>eval(APPEND, ScriptOutputType.INTEGER, new String[] {STREAM, SEEN_PREFIX}, arguments)
        .thenApply(Long::intValue);
  }

  /**
   * Appends clicks made on this node a moment ago (origin redirects): their ids are new, so there
   * is nothing to dedupe and no seen-key to keep; one script call, so one write for all of them.
   */
  public CompletionStage<Integer> appendNew(List<Click> clicks) {
    String[] arguments = clicks.stream().map(RedisClickStream::json).toArray(String[]::new);
    return connection
        .async()
        .<Long>eval(APPEND_NEW, ScriptOutputType.INTEGER, new String[] {STREAM}, arguments)
        .thenApply(Long::intValue);
  }

  /** The click as one JSON object, fields in declaration order, nulls written as null. */
  public static String json(Click click) {
    var out = new StringWriter(512);
    try (JsonGenerator json = JSON.createGenerator(out)) {
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
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Reads a click back from its entry's JSON ({@link #json}); throws on anything else. */
  static Click parse(String text) {
    try {
      JsonNode json = MAPPER.readTree(text);
      return new Click(
          UUID.fromString(json.get("id").asText()),
          json.get("domain").asText(),
          json.get("code").asText(),
          Instant.parse(json.get("at").asText()),
          json.get("source").asText(),
          optional(json, "country"),
          optional(json, "colo"),
          optional(json, "referrer"),
          optional(json, "userAgent"),
          optional(json, "query"),
          optional(json, "visitor"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a click entry: " + e.getMessage(), e);
    }
  }

  private static String optional(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
