package dev.smo1.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.testing.TempDirectories;
import dev.smo1.node.testing.NodeProcess;
import dev.smo1.node.testing.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A crash needs no second start: a node of the local profile (as {@code ./smo1 run} runs it, with
 * the embedded PostgreSQL, redis-server and clickhouse-server it starts under its data directory)
 * is killed with its whole process group by SIGKILL while links are being created, as a power loss
 * would. The very next start on the same data directory recovers PostgreSQL, says so, and every
 * link whose creation was acknowledged (201) redirects. Slow (two node starts with their stores,
 * about a minute and a half here): -Pcluster-faults.
 */
@Tag("cluster-faults")
class NodeCrashIT {
  private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 300;
  private static final int IN_FLIGHT = 8;
  private static final Duration START = Duration.ofMinutes(4);
  private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void theFirstStartAfterTheProcessGroupIsKilledUnderWritesHasEveryAcknowledgedLink()
      throws Exception {
    Path dataDir = TempDirectories.create("smo1-node-crash");
    var environment = localProfile(dataDir);
    Map<String, String> acknowledged = new ConcurrentHashMap<>();

    try (var first = NodeProcess.startInOwnProcessGroup("crash-first", environment)) {
      String base = first.awaitReady(START);
      var creating = new AtomicBoolean(true);
      // a thread of its own: on two cores the common pool has one thread, which the HTTP client
      // needs too
      var writes =
          Thread.ofPlatform()
              .name("create-links")
              .start(() -> createLinks(base, creating, acknowledged));
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (acknowledged.size() < ACKNOWLEDGED_BEFORE_THE_KILL && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(acknowledged)
          .as(first.logTail())
          .hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_THE_KILL);

      first.killProcessGroup(); // while links are still being created
      creating.set(false);
      writes.join(Duration.ofSeconds(60));
    }

    try (var second = NodeProcess.startInOwnProcessGroup("crash-second", environment)) {
      String base = second.awaitReady(START);
      assertThat(second.logLines())
          .as("the start says what it recovers")
          .anyMatch(line -> line.contains("recovering PostgreSQL after an unclean shutdown"));
      List<String> wrong = new ArrayList<>();
      var permits = new Semaphore(IN_FLIGHT);
      List<CompletableFuture<Void>> checks = new ArrayList<>();
      for (var link : acknowledged.entrySet()) {
        permits.acquire();
        checks.add(
            HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/" + link.getKey())).GET().build(),
                    HttpResponse.BodyHandlers.discarding())
                .thenAccept(
                    response -> {
                      String location = response.headers().firstValue("Location").orElse(null);
                      if (response.statusCode() != 302 || !link.getValue().equals(location)) {
                        synchronized (wrong) {
                          wrong.add(
                              link.getKey() + " -> " + response.statusCode() + " " + location);
                        }
                      }
                    })
                .whenComplete((ignored, error) -> permits.release()));
      }
      CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get();
      assertThat(wrong)
          .as(
              acknowledged.size()
                  + " links acknowledged before the kill; not redirecting after one start:\n"
                  + second.logTail())
          .isEmpty();
      second.terminate(Duration.ofSeconds(90));
    }
  }

  /** As {@code ./smo1 run} starts a node (no local edge or inbox), on free ports. */
  private static Map<String, String> localProfile(Path dataDir) {
    return Map.ofEntries(
        Map.entry("SMO1_PROFILE", "local"),
        Map.entry("SMO1_DATA_DIR", dataDir.toString()),
        Map.entry("SMO1_HTTP_HOST", "127.0.0.1"),
        Map.entry("SMO1_HTTP_PORT", "0"),
        Map.entry("SMO1_REMOTE_PORT", "0"),
        Map.entry("SMO1_MANAGEMENT_PORT", "0"),
        Map.entry("SMO1_PUBLIC_BASE_URL", TestNodes.PUBLIC_BASE_URL),
        Map.entry("SMO1_SHORT_DOMAIN", TestNodes.SHORT_DOMAIN),
        Map.entry("SMO1_BOOTSTRAP_API_KEY", TestNodes.OWNER_KEY),
        Map.entry("SMO1_BOOTSTRAP_WORKSPACE", TestNodes.OWNER),
        Map.entry("SMO1_EXAMPLE_LINK_ALIAS", ""),
        Map.entry("SMO1_LOG_FORMAT", "text"),
        Map.entry("SMO1_LOG_LEVEL", "WARN"));
  }

  /**
   * Creates links, IN_FLIGHT at a time, until told to stop; a create that fails (a timeout on a
   * busy machine, the node killed) is simply not acknowledged.
   */
  private static void createLinks(
      String base, AtomicBoolean creating, Map<String, String> acknowledged) {
    var permits = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (int i = 0; creating.get(); i++) {
      permits.acquireUninterruptibly();
      String target = "https://example.com/crash/" + i;
      var request =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
              .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"" + target + "\"}"))
              .build();
      calls.add(
          HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, error) -> {
                    if (error == null && response.statusCode() == 201) {
                      var matcher = CODE.matcher(response.body());
                      if (matcher.find()) {
                        acknowledged.put(matcher.group(1), target);
                      }
                    }
                    permits.release();
                    return null;
                  }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
  }
}
