package dev.smo1.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.node.db.LoopbackPorts;
import dev.smo1.node.testing.NodeProcess;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.node.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in JVMs of their own under a steady load of creates and redirects spread over them;
 * the oldest (shard coordinator, and host of a third of the links) is killed with SIGKILL. The
 * survivors' split brain resolver (keep-majority) downs it, its shards start again on the survivors
 * from the journal, and every create that was acknowledged, before or after the kill, resolves to
 * exactly its target. Reports the seconds until every link takes writes again and the requests that
 * failed.
 */
class NodeKilledUnderLoadIT {
  private static final int BEFORE = 300;
  private static final int CLIENTS = 6;
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @Test
  void killingTheOldestNodeLosesNoAcknowledgedLinkAndTheSurvivorsServeThemAll() throws Exception {
    String database = TestPostgres.newDatabase();
    int seedPort = LoopbackPorts.free();
    List<NodeProcess> nodes = new ArrayList<>();
    List<String> bases = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int i = 0; i < 3; i++) {
        Map<String, String> environment = new HashMap<>(TestNodes.processEnvironment(database));
        environment.put("SMO1_REMOTE_PORT", Integer.toString(i == 0 ? seedPort : 0));
        environment.put("SMO1_SEED_NODES", "pekko://smo1@127.0.0.1:" + seedPort);
        // the production default is 20 s; shorter here to keep the test short
        environment.put("SMO1_SPLIT_BRAIN_STABLE_AFTER", "5s");
        nodes.add(NodeProcess.start("killed-under-load-" + (i + 1), environment));
        bases.add(nodes.get(i).awaitReady(Duration.ofSeconds(90)));
      }
      awaitAllServe(bases, Duration.ofSeconds(60));

      Map<String, String> acknowledged = new ConcurrentHashMap<>();
      for (int i = 0; i < BEFORE; i++) {
        String code = "pre" + i;
        assertThat(create(bases.get(i % 3), code)).as(code).isEqualTo(201);
        acknowledged.put(code, target(code));
      }

      // steady load: creates and redirects of known links, spread over the live nodes
      Set<String> live = ConcurrentHashMap.newKeySet();
      live.addAll(bases);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong requests = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      AtomicLong failedAtKilledNode = new AtomicLong();
      AtomicInteger sequence = new AtomicInteger();
      String killed = bases.get(0);
      List<String> known = new ArrayList<>(acknowledged.keySet());
      for (int c = 0; c < CLIENTS; c++) {
        clients.submit(
            () -> {
              while (running.get()) {
                List<String> targets = new ArrayList<>(live);
                String base = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
                requests.incrementAndGet();
                try {
                  if (ThreadLocalRandom.current().nextInt(4) == 0) {
                    String code = "load" + sequence.incrementAndGet();
                    int status = create(base, code);
                    if (status == 201) {
                      acknowledged.put(code, target(code));
                    } else {
                      failed.incrementAndGet();
                    }
                  } else {
                    String code = known.get(ThreadLocalRandom.current().nextInt(known.size()));
                    var response = visit(base, code);
                    if (response.statusCode() != 302) {
                      failed.incrementAndGet();
                    }
                  }
                } catch (Exception unreachable) {
                  failed.incrementAndGet();
                  if (base.equals(killed)) {
                    // the load balancer takes a node out once it refuses connections
                    failedAtKilledNode.incrementAndGet();
                    live.remove(base);
                  }
                }
              }
              return null;
            });
      }
      Thread.sleep(5_000);
      long beforeKill = requests.get();
      nodes.get(0).kill();
      long killedAt = System.nanoTime();
      live.remove(killed);

      // every link created before the kill takes writes again through the survivors
      List<String> survivors = bases.subList(1, 3);
      double recoveredAfter = awaitAllWritable(survivors, known, Duration.ofSeconds(90), killedAt);
      Thread.sleep(5_000);
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      // nothing acknowledged was lost: every create resolves to exactly its target, on each
      // survivor
      List<String> wrong = new ArrayList<>();
      for (String base : survivors) {
        for (var link : acknowledged.entrySet()) {
          var response = visit(base, link.getKey());
          String location = response.headers().firstValue("Location").orElse(null);
          if (response.statusCode() != 302 || !link.getValue().equals(location)) {
            wrong.add(base + "/" + link.getKey() + " -> " + response.statusCode() + " " + location);
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "NODE_KILLED_UNDER_LOAD acknowledged=%d requests=%d requests_before_kill=%d failed=%d"
              + " failed_at_killed_node=%d all_writable_after_s=%.1f%n",
          acknowledged.size(),
          requests.get(),
          beforeKill,
          failed.get(),
          failedAtKilledNode.get(),
          recoveredAfter);
      assertThat(wrong)
          .as("acknowledged links that do not resolve to their target\n" + nodes.get(1).logTail())
          .isEmpty();
      assertThat(acknowledged.size()).isGreaterThan(BEFORE);
    } finally {
      clients.shutdownNow();
      for (NodeProcess node : nodes) {
        node.close();
      }
    }
  }

  private static String target(String code) {
    return "https://example.com/killed/" + code;
  }

  private static int create(String base, String code) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"target\":\"" + target(code) + "\",\"alias\":\"" + code + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static HttpResponse<Void> visit(String base, String code) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/" + code))
            .timeout(Duration.ofSeconds(15))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** Waits until a write through each node succeeds (the cluster has formed). */
  private static void awaitAllServe(List<String> bases, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    for (int i = 0; i < bases.size(); i++) {
      int status = 0;
      while (System.nanoTime() < deadline) {
        try {
          status = create(bases.get(i), "warm" + i);
          if (status == 201 || status == 409) {
            break;
          }
        } catch (Exception notYet) {
          // not serving yet
        }
        Thread.sleep(500);
      }
      assertThat(status).as(bases.get(i) + " serves writes").isIn(201, 409);
    }
  }

  /**
   * Seconds from the kill until every code's link takes a write again through the survivors (a
   * redirect could be answered from a node's memory; a write needs the link's entity, so its shard
   * must be running again).
   */
  private static double awaitAllWritable(
      List<String> survivors, List<String> codes, Duration within, long killedAt) throws Exception {
    long deadline = killedAt + within.toNanos();
    List<String> pending = new ArrayList<>(codes);
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Map<String, java.util.concurrent.CompletableFuture<Integer>> answers = new HashMap<>();
      for (int i = 0; i < pending.size(); i++) {
        String code = pending.get(i);
        answers.put(
            code,
            HTTP.sendAsync(
                    HttpRequest.newBuilder(
                            URI.create(
                                survivors.get(i % survivors.size()) + "/api/v1/links/" + code))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                        .header("Content-Type", "application/json")
                        .method(
                            "PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"after\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode)
                .exceptionally(error -> 0));
      }
      List<String> still = new ArrayList<>();
      for (var answer : answers.entrySet()) {
        if (answer.getValue().get(30, TimeUnit.SECONDS) != 200) {
          still.add(answer.getKey());
        }
      }
      pending = still;
      if (!pending.isEmpty()) {
        Thread.sleep(250);
      }
    }
    assertThat(pending).as("links not writable " + within + " after the kill").isEmpty();
    return (System.nanoTime() - killedAt) / 1e9;
  }
}
