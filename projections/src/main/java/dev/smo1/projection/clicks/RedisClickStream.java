package dev.smo1.projection.clicks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The durable click buffer: a Redis stream ({@value #STREAM}), one entry per click with the click
 * as JSON in field {@code c}. A batch is appended with pipelined XADDs and acknowledged when Redis
 * acknowledged every entry (durable as far as Redis' append-only file is; the local Redis fsyncs
 * every write). The consumers that move clicks on to ClickHouse read this stream.
 */
public final class RedisClickStream implements ClickSink, AutoCloseable {
  public static final String STREAM = "smo1:clicks";
  private static final JsonFactory JSON = new JsonFactory();

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  public RedisClickStream(RedisClient client) {
    this.client = client;
    this.connection = client.connect();
  }

  @Override
  public CompletionStage<Void> append(List<Click> clicks) {
    var commands = connection.async();
    CompletableFuture<?>[] added =
        clicks.stream()
            .map(click -> commands.xadd(STREAM, Map.of("c", json(click))).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(added);
  }

  /** The click as one JSON object, fields in declaration order, nulls written as null. */
  static String json(Click click) {
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

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
