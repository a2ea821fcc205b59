package dev.smo1.node.api;

import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * While the journal's database refuses connections, writes answer 503 {@code unavailable} with
 * {@code Retry-After} instead of hanging, links already cached keep redirecting, and the node
 * recovers by itself once the database is back.
 */
@ExtendWith(LogCapturingExtension.class)
class JournalOutageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String databaseUrl;
  private static String databaseName;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() {
    databaseUrl = TestPostgres.newDatabase();
    databaseName = URI.create(databaseUrl.substring("jdbc:".length())).getPath().substring(1);
    node =
        TestNodes.start(
            databaseUrl, Clock.systemUTC(), true, Map.of("smo1.links.ask-timeout", "2s"));
    api = new ApiClient(node.httpAddress());
  }

  @AfterAll
  static void stopNode() {
    allowConnections(true);
    node.close();
  }

  @Test
  void writesAnswer503AndCachedLinksRedirectWhileTheJournalIsDown() throws Exception {
    assertThat(create("before").statusCode()).isEqualTo(201);
    assertThat(api.visit("before").statusCode()).isEqualTo(302);

    allowConnections(false);
    HttpResponse<String> during = create("during");
    assertThat(api.visit("before").statusCode())
        .as("a cached link redirects while PostgreSQL is down")
        .isEqualTo(302);

    assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
    assertThat(JSON.readTree(during.body()).get("code").asText()).isEqualTo("unavailable");
    assertThat(during.headers().firstValue("Retry-After")).hasValue("1");
    // probes see it: the node is taken out of the load balancer instead of answering 503s
    var readyz = api.send(api.request("/readyz").GET());
    assertThat(readyz.statusCode()).isEqualTo(503);
    assertThat(readyz.body()).contains("journal database unavailable");
    assertThat(managementReady()).isEqualTo(500);

    allowConnections(true);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int status;
    do {
      status = create("after").statusCode();
    } while (status == 503 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(201);
    assertThat(api.visit("before").statusCode()).isEqualTo(302);
    assertThat(api.visit("after").statusCode()).isEqualTo(302);
    // readiness asks the journal once a second and shares a check under way: a check started
    // while the database was down answers for it, so ready again within a few seconds
    deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int ready;
    do {
      ready = managementReady();
    } while (ready != 200 && System.nanoTime() < deadline && sleep(200));
    assertThat(ready).isEqualTo(200);
  }

  private static boolean sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return true;
  }

  private static int managementReady() throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(node.managementAddress().resolve("/ready"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static HttpResponse<String> create(String alias) {
    return api.post(
        "/api/v1/links",
        OWNER_KEY,
        "{\"target\":\"https://example.com/" + alias + "\",\"alias\":\"" + alias + "\"}");
  }

  /** Closes the door on the node's database (and cuts its open connections), or reopens it. */
  private static void allowConnections(boolean allowed) {
    String admin = databaseUrl.replace("/" + databaseName + "?", "/postgres?");
    TestPostgres.execute(admin, "ALTER DATABASE " + databaseName + " ALLOW_CONNECTIONS " + allowed);
    if (!allowed) {
      TestPostgres.execute(
          admin,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?",
          databaseName);
    }
  }
}
