package dev.smo1.http.clicks;

import static dev.smo1.http.testing.EdgeClickBatches.batch;
import static dev.smo1.http.testing.EdgeClickBatches.click;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickSink;
import dev.smo1.http.json.Json;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.testing.RouteTestServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge's click batches over a real server with a recording sink: a signed batch is handed to
 * the sink and answered 202 only once it is durable; a sink failure is a 503 to retry; a bad
 * signature or an unconfigured node stores nothing.
 */
class ClickRoutesTest {
  private static final String SECRET = "test-secret";
  private static final Instant NOW = Instant.parse("2030-03-01T10:00:00Z");
  private static final ClickSignature SIGNATURE = new ClickSignature(SECRET, Duration.ofMinutes(5));
  private static final Recording sink = new Recording();
  private static RouteTestServer configured;
  private static RouteTestServer unconfigured;

  /** Records what it is given; fails as told; a click id seen before is not new. */
  static final class Recording implements ClickSink {
    final List<Click> appended = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public CompletionStage<Integer> append(List<Click> clicks) {
      if (failing) {
        return CompletableFuture.failedFuture(new IllegalStateException("Redis is down"));
      }
      int added = 0;
      for (Click click : clicks) {
        if (appended.stream().noneMatch(seen -> seen.id().equals(click.id()))) {
          appended.add(click);
          added++;
        }
      }
      return CompletableFuture.completedFuture(added);
    }
  }

  @BeforeAll
  static void start() {
    var clock = Clock.fixed(NOW, ZoneOffset.UTC);
    var metrics = new HttpMetrics(new PrometheusRegistry());
    configured =
        new RouteTestServer(
            "click-routes-test",
            new ClickRoutes(Optional.of(SIGNATURE), Optional.of(sink), clock, metrics)::routes);
    unconfigured =
        new RouteTestServer(
            "click-routes-unconfigured-test",
            new ClickRoutes(Optional.empty(), Optional.empty(), clock, metrics)::routes);
  }

  @AfterAll
  static void stop() {
    configured.close();
    unconfigured.close();
  }

  @BeforeEach
  void reset() {
    sink.appended.clear();
    sink.failing = false;
  }

  @Test
  void aSignedBatchIsAppendedAndAnswered202WithItsDuplicates() throws Exception {
    String body = batch(click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0001", "docs"));

    var first = post(configured, body, SECRET);
    var again = post(configured, body, SECRET);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(Json.MAPPER.readTree(first.body()).get("duplicates").asInt()).isZero();
    assertThat(Json.MAPPER.readTree(again.body()).get("duplicates").asInt()).isEqualTo(1);
    assertThat(sink.appended).hasSize(1);
    assertThat(sink.appended.getFirst().code()).isEqualTo("docs");
  }

  @Test
  void aFailingSinkAnswers503WithRetryAfter() throws Exception {
    sink.failing = true;

    var response =
        post(configured, batch(click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0002", "docs")), SECRET);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText()).isEqualTo("unavailable");
  }

  @Test
  void aWrongSignatureAnswers401AndAppendsNothing() throws Exception {
    var response =
        post(configured, batch(click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0003", "docs")), "other");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
        .isEqualTo("invalid_signature");
    assertThat(sink.appended).isEmpty();
  }

  @Test
  void aNodeWithoutSecretOrBufferAnswers503NotConfigured() throws Exception {
    var response =
        post(unconfigured, batch(click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0004", "docs")), SECRET);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
        .isEqualTo("clicks_not_configured");
  }

  private static java.net.http.HttpResponse<String> post(
      RouteTestServer server, String body, String secret) throws Exception {
    String timestamp = Long.toString(NOW.getEpochSecond());
    byte[] signature =
        new ClickSignature(secret, Duration.ofMinutes(5))
            .sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
    return server.send(
        "POST",
        "/internal/clicks",
        body,
        Map.of(
            "Content-Type",
            "application/json",
            ClickSignature.TIMESTAMP_HEADER,
            timestamp,
            ClickSignature.SIGNATURE_HEADER,
            "v1=" + HexFormat.of().formatHex(signature)));
  }
}
