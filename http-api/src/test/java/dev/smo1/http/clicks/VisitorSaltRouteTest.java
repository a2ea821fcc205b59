package dev.smo1.http.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.clicks.visitor.VisitorSalt;
import dev.smo1.clicks.visitor.VisitorSalts;
import dev.smo1.http.json.Json;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.testing.RouteTestServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /internal/visitor-salt} over a real server, with salts made on demand behind it: a
 * signed request gets a live salt of yesterday, today or tomorrow; anything else is refused before
 * a salt is looked up.
 */
class VisitorSaltRouteTest {
  private static final String SECRET = "test-secret";
  private static final Instant MORNING = Instant.parse("2030-03-01T10:00:00Z");
  private static final Instant NIGHT = Instant.parse("2030-03-01T01:00:00Z");
  private static final List<LocalDate> asked = new CopyOnWriteArrayList<>();
  private static volatile boolean failing;
  private static RouteTestServer morning;
  private static RouteTestServer night;
  private static RouteTestServer withoutRedis;

  /** A salt per day, as Redis would hand them out; fails while {@link #failing}. */
  private static final VisitorSalts SALTS =
      day -> {
        asked.add(day);
        if (failing) {
          return CompletableFuture.failedFuture(new IllegalStateException("Redis is down"));
        }
        return CompletableFuture.completedFuture(
            new VisitorSalt(
                day, String.format("%064x", day.toEpochDay()), VisitorSalt.expiry(day)));
      };

  @BeforeAll
  static void start() {
    var signature = Optional.of(new ClickSignature(SECRET, Duration.ofMinutes(5)));
    morning = server("visitor-salt-morning", signature, Optional.of(SALTS), MORNING);
    night = server("visitor-salt-night", signature, Optional.of(SALTS), NIGHT);
    withoutRedis = server("visitor-salt-unconfigured", signature, Optional.empty(), MORNING);
  }

  private static RouteTestServer server(
      String name, Optional<ClickSignature> signature, Optional<VisitorSalts> salts, Instant now) {
    var routes =
        new ClickRoutes(
            signature,
            Optional.empty(),
            salts,
            Clock.fixed(now, ZoneOffset.UTC),
            new HttpMetrics(new PrometheusRegistry()));
    return new RouteTestServer(name, routes::routes);
  }

  @AfterAll
  static void stop() {
    morning.close();
    night.close();
    withoutRedis.close();
  }

  @BeforeEach
  void reset() {
    asked.clear();
    failing = false;
  }

  @Test
  void aSignedRequestGetsTodaysOrTomorrowsSaltWithItsExpiry() throws Exception {
    for (String day : List.of("2030-03-01", "2030-03-02")) {
      var response = post(morning, "{\"day\":\"" + day + "\"}", SECRET, MORNING);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode salt = Json.MAPPER.readTree(response.body());
      assertThat(salt.get("day").asText()).isEqualTo(day);
      assertThat(salt.get("salt").asText())
          .isEqualTo(String.format("%064x", LocalDate.parse(day).toEpochDay()));
      assertThat(Instant.parse(salt.get("expiresAt").asText()))
          .isEqualTo(Instant.parse(day + "T00:00:00Z").plus(Duration.ofHours(26)));
    }
  }

  @Test
  void yesterdaysSaltOnlyWhileItLives() throws Exception {
    String yesterday = "{\"day\":\"2030-02-28\"}";

    assertThat(post(night, yesterday, SECRET, NIGHT).statusCode())
        .as("01:00: until 02:00 it lives")
        .isEqualTo(200);
    var gone = post(morning, yesterday, SECRET, MORNING);
    assertThat(gone.statusCode()).as("10:00: gone").isEqualTo(400);
    assertThat(Json.MAPPER.readTree(gone.body()).get("field").asText()).isEqualTo("day");
    assertThat(asked).containsExactly(LocalDate.parse("2030-02-28"));
  }

  @Test
  void otherDaysAndMalformedRequestsAre400AndLookNothingUp() throws Exception {
    for (var request :
        Map.of(
                "{\"day\":\"2030-03-03\"}", "invalid_parameter",
                "{\"day\":\"2030-02-01\"}", "invalid_parameter",
                "{\"day\":\"2030-3-1\"}", "invalid_parameter",
                "{\"day\":\"2030-02-30\"}", "invalid_parameter",
                "{\"day\":20300301}", "invalid_type",
                "{}", "invalid_type",
                "{\"day\":\"2030-03-01\",\"address\":\"203.0.113.7\"}", "unknown_field",
                "[]", "malformed_json")
            .entrySet()) {
      var response = post(morning, request.getKey(), SECRET, MORNING);

      assertThat(response.statusCode()).as(request.getKey()).isEqualTo(400);
      assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
          .as(request.getKey())
          .isEqualTo(request.getValue());
    }
    assertThat(asked).isEmpty();
  }

  @Test
  void aWrongOrStaleSignatureIs401AndLooksNothingUp() throws Exception {
    String body = "{\"day\":\"2030-03-01\"}";
    var wrong = post(morning, body, "another-secret", MORNING);
    var stale = post(morning, body, SECRET, MORNING.minusSeconds(301));

    for (var response : List.of(wrong, stale)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
          .isEqualTo("invalid_signature");
    }
    assertThat(asked).isEmpty();
  }

  @Test
  void redisDownIs503WithRetryAfterAndANodeWithoutRedisSaysSo() throws Exception {
    failing = true;
    var down = post(morning, "{\"day\":\"2030-03-01\"}", SECRET, MORNING);
    var unconfigured = post(withoutRedis, "{\"day\":\"2030-03-01\"}", SECRET, MORNING);

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(Json.MAPPER.readTree(down.body()).get("code").asText()).isEqualTo("unavailable");
    assertThat(unconfigured.statusCode()).isEqualTo(503);
    assertThat(Json.MAPPER.readTree(unconfigured.body()).get("code").asText())
        .isEqualTo("clicks_not_configured");
  }

  private static HttpResponse<String> post(
      RouteTestServer server, String body, String secret, Instant at) throws Exception {
    String timestamp = Long.toString(at.getEpochSecond());
    byte[] signature =
        new ClickSignature(secret, Duration.ofMinutes(5))
            .sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
    return server.send(
        "POST",
        "/internal/visitor-salt",
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
