package dev.smo1.node.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.TestNodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pekko Management on its own port: readiness made of its checks (membership, sharding, the node's
 * own), liveness, read-only cluster membership; and at the start of a shutdown readiness drops
 * while the HTTP port still serves.
 */
@ExtendWith(LogCapturingExtension.class)
class ManagementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static String databaseUrl;

  @BeforeAll
  static void database() {
    databaseUrl = TestPostgres.newDatabase();
  }

  @Test
  void aJoinedNodeIsReadyAliveAndListsItselfAsUpMember() throws Exception {
    try (Node node = TestNodes.start(databaseUrl, Clock.systemUTC())) {
      URI management = node.managementAddress();
      assertThat(awaitStatus(management.resolve("/ready"), 200, Duration.ofSeconds(30)).body())
          .contains("OK");
      assertThat(get(management.resolve("/alive")).statusCode()).isEqualTo(200);

      JsonNode members = JSON.readTree(get(management.resolve("/cluster/members")).body());
      assertThat(members.path("members")).hasSize(1);
      assertThat(members.at("/members/0/status").asText()).isEqualTo("Up");
      assertThat(members.at("/members/0/node").asText())
          .isEqualTo(members.path("selfNode").asText());

      // membership is read-only over HTTP: nobody downs or removes a member through this port
      String self = members.path("selfNode").asText();
      var leave =
          HTTP.send(
              HttpRequest.newBuilder(management.resolve("/cluster/members/" + self))
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(leave.statusCode()).isIn(404, 405);
      Thread.sleep(500);
      JsonNode after = JSON.readTree(get(management.resolve("/cluster/members")).body());
      assertThat(after.at("/members/0/status").asText()).isEqualTo("Up");
    }
  }

  @Test
  void aNodeOutsideAnyClusterIsAliveButNotReady() throws Exception {
    try (Node lonely = TestNodes.start(databaseUrl, Clock.systemUTC(), false, Map.of())) {
      URI management = lonely.managementAddress();
      var ready = get(management.resolve("/ready"));
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(500);
      assertThat(ready.body()).startsWith("Not Healthy");
      assertThat(get(management.resolve("/alive")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aShutdownFirstReportsNotReadyAndServesOnWhileItDrains() throws Exception {
    Node node =
        TestNodes.start(
            databaseUrl, Clock.systemUTC(), true, Map.of("smo1.shutdown.drain-delay", "3s"));
    URI http = URI.create("http://127.0.0.1:" + node.httpAddress().getPort());
    URI management = node.managementAddress();
    awaitStatus(management.resolve("/ready"), 200, Duration.ofSeconds(30));
    assertThat(get(http.resolve("/readyz")).statusCode()).isEqualTo(200);

    long started = System.nanoTime();
    var closed = CompletableFuture.runAsync(node::close);
    var readyz = awaitStatus(http.resolve("/readyz"), 503, Duration.ofSeconds(2));
    assertThat(readyz.body()).contains("node is shutting down");
    assertThat(get(management.resolve("/ready")).statusCode()).isEqualTo(500);
    // still serving while it drains: the load balancer has time to stop sending
    assertThat(get(http.resolve("/healthz")).statusCode()).isEqualTo(200);
    assertThat(closed).isNotDone();

    closed.get(60, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(3));
    assertThatThrownBy(() -> get(http.resolve("/healthz"))).isInstanceOf(IOException.class);
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> awaitStatus(URI uri, int status, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> response = get(uri);
    while (response.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = get(uri);
    }
    assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(status);
    return response;
  }
}
