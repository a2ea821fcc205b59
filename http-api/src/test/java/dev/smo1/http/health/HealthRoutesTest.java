package dev.smo1.http.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.http.json.Json;
import dev.smo1.http.testing.RouteTestServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public health routes with a readiness the test sets. */
class HealthRoutesTest {
  private static volatile List<String> problems = List.of();
  private static RouteTestServer server;

  @BeforeAll
  static void start() {
    var routes =
        new HealthRoutes(() -> CompletableFuture.completedFuture(new Readiness.Report(problems)));
    server = new RouteTestServer("health-routes-test", routes::routes);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void alivenessNeedsNothing() throws Exception {
    problems = List.of("journal unreachable");
    var response = server.send("GET", "/healthz", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).get("status").asText()).isEqualTo("alive");
  }

  @Test
  void readinessAnswers200WhenReadyAnd503WithTheProblemsWhenNot() throws Exception {
    problems = List.of();
    var ready = server.send("GET", "/readyz", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(ready.body()).get("status").asText()).isEqualTo("ready");

    problems = List.of("not an Up member", "journal unreachable");
    var notReady = server.send("GET", "/readyz", null);
    assertThat(notReady.statusCode()).isEqualTo(503);
    var body = Json.MAPPER.readTree(notReady.body());
    assertThat(body.get("status").asText()).isEqualTo("not_ready");
    assertThat(body.get("problems").toString())
        .isEqualTo("[\"not an Up member\",\"journal unreachable\"]");
  }
}
