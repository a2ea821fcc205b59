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
  void aClickCarriesItsTriggerRuleAndVariantAndAnOlderWorkersClickIsAFollowedLink()
      throws Exception {
    String scanned =
        click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0011", "docs")
            .replace("}", ",\"trigger\":\"qr\",\"rule\":2,\"variant\":null}");
    String routed =
        click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0012", "docs")
            .replace("}", ",\"trigger\":\"link\",\"rule\":null,\"variant\":5}");
    String older = click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0013", "docs");

    var response = post(configured, batch(scanned, routed, older), SECRET);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(sink.appended)
        .extracting(Click::trigger, Click::rule, Click::variant)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("qr", 2, 0),
            org.assertj.core.groups.Tuple.tuple("link", 0, 5),
            org.assertj.core.groups.Tuple.tuple("link", 0, 0));
  }

  @Test
  void aTriggerRuleOrVariantOutOfItsRangeRefusesTheBatch() throws Exception {
    for (String[] bad :
        new String[][] {
          {"\"trigger\":\"scan\"", "trigger", "invalid_click_batch"},
          {"\"trigger\":1", "trigger", "invalid_type"},
          {"\"rule\":0", "rule", "invalid_click_batch"},
          {"\"rule\":11", "rule", "invalid_click_batch"},
          {"\"rule\":1.5", "rule", "invalid_type"},
          {"\"rule\":\"1\"", "rule", "invalid_type"},
          {"\"variant\":6", "variant", "invalid_click_batch"},
          {"\"variant\":-1", "variant", "invalid_click_batch"},
          {"\"variant\":4294967297", "variant", "invalid_click_batch"}
        }) {
      String click =
          click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0014", "docs").replace("}", "," + bad[0] + "}");

      var response = post(configured, batch(click), SECRET);

      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      var error = Json.MAPPER.readTree(response.body());
      assertThat(error.get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
      assertThat(error.get("code").asText()).as(bad[0]).isEqualTo(bad[2]);
    }
    assertThat(sink.appended).as("nothing of a refused batch").isEmpty();
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

  @Test
  void clickTimesOutsideTheLastWeekOrMoreThanAnHourAheadRefuseTheBatch() throws Exception {
    String fresh = click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0005", "docs");
    for (String at :
        List.of(
            "2030-02-22T09:59:59Z", // 7 days and a second ago
            "2030-03-01T11:00:01Z", // an hour and a second ahead
            "1970-01-01T00:00:00Z")) {
      String late =
          click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0006", "docs")
              .replace("2030-03-01T09:59:58.123Z", at);
      var response = post(configured, batch(fresh, late), SECRET);

      assertThat(response.statusCode()).as(at).isEqualTo(400);
      var error = Json.MAPPER.readTree(response.body());
      assertThat(error.get("code").asText()).isEqualTo("invalid_click_batch");
      assertThat(error.get("field").asText()).isEqualTo("at");
    }
    assertThat(sink.appended).as("nothing of a refused batch").isEmpty();

    for (String at : List.of("2030-02-22T10:00:00Z", "2030-03-01T11:00:00Z")) {
      String edge =
          click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0007", "docs")
              .replace("2030-03-01T09:59:58.123Z", at);
      assertThat(post(configured, batch(edge), SECRET).statusCode()).as(at).isEqualTo(202);
    }
  }

  /**
   * Headers that refuse a batch are answered before its body is read: the request below declares a
   * body it never finishes sending, and still gets its answer at once (reading would wait 10 s).
   */
  @Test
  void unsignedOrOversizedBatchesAreRefusedBeforeTheBodyIsRead() throws Exception {
    String timestamp = Long.toString(NOW.getEpochSecond());
    String validLooking = "v1=" + "ab".repeat(32);
    assertThat(startedOnly(configured, 1000, Map.of())).startsWith("HTTP/1.1 401");
    assertThat(
            startedOnly(
                configured,
                1000,
                Map.of(ClickSignature.TIMESTAMP_HEADER, "1", "X-SMO1-Signature", validLooking)))
        .as("a timestamp outside the window")
        .startsWith("HTTP/1.1 401");
    assertThat(
            startedOnly(
                configured,
                1000,
                Map.of(ClickSignature.TIMESTAMP_HEADER, timestamp, "X-SMO1-Signature", "v1=zz")))
        .as("a signature that is not 64 hex digits")
        .startsWith("HTTP/1.1 401");
    assertThat(sink.appended).isEmpty();
  }

  /**
   * The cap is what the edge sends at most: a batch padded (JSON whitespace, signed as sent) to
   * exactly 512 KiB is taken, one byte more is refused and stores nothing. The refusal is a 413,
   * unless the server closes the connection on the unread body before the client reads it.
   */
  @Test
  void batchesAreTakenUpTo512KiBAndNotOneByteMore() throws Exception {
    String batch = batch(click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0008", "docs"));
    String atTheCap = batch + " ".repeat((int) ClickRoutes.MAX_BODY_BYTES - batch.length());
    assertThat(post(configured, atTheCap, SECRET).statusCode()).isEqualTo(202);
    sink.appended.clear();

    String overTheCap =
        batch(click("0b1f7a4e-5d1c-4a57-9d33-5f5a1c1e0009", "docs"))
            + " ".repeat((int) ClickRoutes.MAX_BODY_BYTES - batch.length() + 1);
    try {
      var refused = post(configured, overTheCap, SECRET);
      assertThat(refused.statusCode()).isEqualTo(413);
      assertThat(Json.MAPPER.readTree(refused.body()).get("code").asText())
          .isEqualTo("payload_too_large");
    } catch (java.io.IOException closedOnTheUnreadBody) {
      // refused too: the server answered and closed while the client was still sending
    }
    assertThat(sink.appended).isEmpty();
  }

  /**
   * Sends the headers of a POST declaring {@code length} bytes but none of the body, then waits up
   * to 3 s for the answer's status line.
   */
  private static String startedOnly(
      RouteTestServer server, long length, Map<String, String> headers) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(3_000);
      var request = new StringBuilder("POST /internal/clicks HTTP/1.1\r\nHost: localhost\r\n");
      request.append("Content-Type: application/json\r\nContent-Length: ").append(length);
      request.append("\r\n");
      headers.forEach(
          (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      request.append("\r\n"); // and not a byte of the body
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      return reader.readLine();
    }
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
