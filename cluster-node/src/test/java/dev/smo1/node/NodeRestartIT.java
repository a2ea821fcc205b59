package dev.smo1.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.testing.NodeProcess;
import dev.smo1.node.testing.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Durability across a crash: links acknowledged by a node that is then killed with SIGKILL (no
 * graceful shutdown) all redirect from a new node process on the same database. Two node JVMs one
 * after the other (about 50 s): with the slow fault tests ({@code -Pcluster-faults}).
 */
@org.junit.jupiter.api.Tag("cluster-faults")
class NodeRestartIT {
  private static final int LINKS = 1_000;
  private static final int IN_FLIGHT = 16;
  private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void allLinksRedirectAfterTheNodeIsKilledAndANewOneStartsOnTheSameDatabase() throws Exception {
    var environment = TestNodes.processEnvironment(TestPostgres.newDatabase());
    Map<String, String> targets = new ConcurrentHashMap<>();

    try (var first = NodeProcess.start("restart-first", environment)) {
      String base = first.awaitReady(Duration.ofSeconds(90));
      createLinks(base, targets);
      assertThat(targets).hasSize(LINKS);

      first.kill();
      assertThat(first.isAlive()).isFalse();
      assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    try (var second = NodeProcess.start("restart-second", environment)) {
      String base = second.awaitReady(Duration.ofSeconds(90));
      List<String> wrong = new ArrayList<>();
      forAll(
          new ArrayList<>(targets.keySet()),
          code ->
              HTTP.sendAsync(
                      HttpRequest.newBuilder(URI.create(base + "/" + code)).GET().build(),
                      HttpResponse.BodyHandlers.discarding())
                  .thenAccept(
                      response -> {
                        String location = response.headers().firstValue("Location").orElse(null);
                        if (response.statusCode() != 302 || !targets.get(code).equals(location)) {
                          synchronized (wrong) {
                            wrong.add(code + " -> " + response.statusCode() + " " + location);
                          }
                        }
                      }));
      assertThat(wrong)
          .as("links not redirecting after the restart\n" + second.logTail())
          .isEmpty();
    }
  }

  private static void createLinks(String base, Map<String, String> targets) throws Exception {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < LINKS; i++) {
      indexes.add(i);
    }
    forAll(
        indexes,
        i -> {
          String target = "https://example.com/restart/" + i;
          var request =
              HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                  .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"" + target + "\"}"))
                  .build();
          return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .thenAccept(
                  response -> {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    var matcher = CODE.matcher(response.body());
                    assertThat(matcher.find()).isTrue();
                    targets.put(matcher.group(1), target);
                  });
        });
  }

  private static <T> void forAll(
      List<T> items, java.util.function.Function<T, CompletableFuture<Void>> call)
      throws Exception {
    var permits = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (T item : items) {
      permits.acquire();
      calls.add(call.apply(item).whenComplete((ignored, error) -> permits.release()));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
  }
}
