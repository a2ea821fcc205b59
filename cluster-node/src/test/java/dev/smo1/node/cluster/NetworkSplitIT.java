package dev.smo1.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.node.testing.FakeKubernetesApi;
import dev.smo1.node.testing.NetworkFaultRoutes;
import dev.smo1.node.testing.NodeProcess;
import dev.smo1.node.testing.TestNodes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A network split of 2|1 (Artery's test-mode blackhole between node 3 and nodes 1 and 2) while
 * writers change the targets of shared links through all three nodes. Each link has one writer, so
 * its changes are ordered; after every change the writer reads the link through every node ({@code
 * GET /api/v1/links/{code}} always asks the link's entity). No read, on either side, during or
 * after the split, ever returns a target other than the last acknowledged one (or one attempted
 * since, whose answer was lost to a timeout): no link has two writers. The minority downs itself
 * and its process exits; the majority takes over its shards and every link takes writes again. Run
 * with each split brain strategy the node offers: keep-majority (without Kubernetes) and
 * lease-majority (on Kubernetes: the side that takes the Lease in the API server survives; here
 * {@link FakeKubernetesApi}).
 */
@Tag("cluster-faults")
class NetworkSplitIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LINKS = 30;
  private static final int WRITERS = 6;

  @Test
  void keepMajorityTheMinorityStopsTheMajorityGoesOnAndNoLinkEverHasTwoTargets() throws Exception {
    try (var cluster = new TestCluster("split", 3, NetworkFaultRoutes.PROPERTIES)) {
      splitWhileWriting(cluster);
    }
  }

  @Test
  void leaseMajorityTheMajorityTakesTheLeaseTheMinorityStopsAndNoLinkEverHasTwoTargets()
      throws Exception {
    String namespace = "smo1-split";
    try (var kubernetes = FakeKubernetesApi.start()) {
      Map<String, String> properties = new HashMap<>(NetworkFaultRoutes.PROPERTIES);
      properties.put("pekko.cluster.split-brain-resolver.active-strategy", "lease-majority");
      properties.put("pekko.coordination.lease.kubernetes.namespace", namespace);
      properties.put("pekko.coordination.lease.kubernetes.api-service-host", "127.0.0.1");
      properties.put(
          "pekko.coordination.lease.kubernetes.api-service-port",
          Integer.toString(kubernetes.port()));
      properties.put(
          "pekko.coordination.lease.kubernetes.api-ca-path", kubernetes.caPath().toString());
      properties.put(
          "pekko.coordination.lease.kubernetes.api-token-path", kubernetes.tokenPath().toString());
      try (var cluster = new TestCluster("lease-split", 3, properties)) {
        splitWhileWriting(cluster);

        String holder = kubernetes.leaseHolder(namespace, "smo1-pekko-sbr");
        assertThat(holder)
            .as("the lease's holder: a node of the majority")
            .isNotNull()
            .containsAnyOf(hostPort(cluster.address(1)), hostPort(cluster.address(2)));
        assertThat(kubernetes.requests())
            .as("the lease was taken through the API")
            .anyMatch(
                request -> request.contains("/leases/smo1-pekko-sbr") && request.endsWith(" 200"));
      }
    }
  }

  private static String hostPort(String address) {
    return address.substring(address.indexOf('@') + 1);
  }

  /** The split of node 3 from nodes 1 and 2 under writes, and what must hold during and after. */
  private static void splitWhileWriting(TestCluster cluster) throws Exception {
    List<NodeProcess> nodes = cluster.startAll(3);
    List<String> bases = ClusterLoad.bases(nodes);
    Map<String, String> created = ClusterLoad.createLinks(bases, "split", LINKS);
    // per link: the last acknowledged target, and any attempted since whose answer was lost
    Map<String, Set<String>> possible = new ConcurrentHashMap<>();
    created.forEach((code, target) -> possible.put(code, Set.of(target)));
    // every link's entity runs (and is known to every node) before the split
    ClusterLoad.awaitAllWritable(
        bases, List.copyOf(created.keySet()), Duration.ofSeconds(60), System.nanoTime());

    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong acknowledgedByMinorityDuringSplit = new AtomicLong();
    AtomicLong refusedWrites = new AtomicLong();
    AtomicBoolean split = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    List<String> codes = List.copyOf(created.keySet());
    for (int w = 0; w < WRITERS; w++) {
      List<String> mine = new ArrayList<>();
      for (int i = w; i < codes.size(); i += WRITERS) {
        mine.add(codes.get(i));
      }
      writers.submit(
          () -> {
            int version = 0;
            while (running.get()) {
              for (String code : mine) {
                int via = ThreadLocalRandom.current().nextInt(bases.size());
                String target = "https://example.com/split/" + code + "/v" + (++version);
                int status = patchTarget(bases.get(via), code, target);
                if (status == 200) {
                  possible.put(code, Set.of(target));
                  acknowledged.incrementAndGet();
                  if (split.get() && via == 2) {
                    acknowledgedByMinorityDuringSplit.incrementAndGet();
                  }
                } else {
                  refusedWrites.incrementAndGet();
                  Set<String> either = new HashSet<>(possible.get(code));
                  either.add(target);
                  possible.put(code, Set.copyOf(either));
                }
                // the link's entity, asked through every node that answers
                Set<String> expected = possible.get(code);
                for (String base : bases) {
                  readTarget(base, code)
                      .filter(seen -> !expected.contains(seen))
                      .ifPresent(
                          seen ->
                              violations.add(
                                  base
                                      + "/"
                                      + code
                                      + " read "
                                      + seen
                                      + ", last acknowledged "
                                      + expected));
                }
              }
            }
            return null;
          });
    }
    Thread.sleep(5_000);

    // 2|1: node 3 can no longer reach nodes 1 and 2, nor they it (both directions, both sides)
    split.set(true);
    long splitAt = System.nanoTime();
    blackhole(nodes.get(0), cluster.address(3));
    blackhole(nodes.get(1), cluster.address(3));
    blackhole(nodes.get(2), cluster.address(1));
    blackhole(nodes.get(2), cluster.address(2));

    boolean minorityExited = nodes.get(2).awaitExit(Duration.ofSeconds(90));
    double minorityGoneAfter = (System.nanoTime() - splitAt) / 1e9;
    List<String> majority = bases.subList(0, 2);
    double majorityWritableAfter =
        ClusterLoad.awaitAllWritable(majority, codes, Duration.ofSeconds(90), splitAt);
    Thread.sleep(5_000);
    running.set(false);
    writers.shutdown();
    assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    List<String> wrong = new ArrayList<>();
    for (String base : majority) {
      for (String code : codes) {
        var response = ClusterLoad.visit(base, code);
        String location = response.headers().firstValue("Location").orElse("none");
        if (response.statusCode() != 302 || !possible.get(code).contains(location)) {
          wrong.add(base + "/" + code + " -> " + response.statusCode() + " " + location);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "NETWORK_SPLIT acknowledged_writes=%d refused_writes=%d"
            + " acknowledged_by_minority_during_split=%d minority_exited_after_s=%.1f"
            + " majority_all_writable_after_s=%.1f violations=%d%n",
        acknowledged.get(),
        refusedWrites.get(),
        acknowledgedByMinorityDuringSplit.get(),
        minorityGoneAfter,
        majorityWritableAfter,
        violations.size());
    assertThat(violations)
        .as("a link read with another target than its last acknowledged one")
        .isEmpty();
    assertThat(minorityExited)
        .as("the minority downs itself and its process exits\n" + nodes.get(2).logTail())
        .isTrue();
    assertThat(wrong).as("links not redirecting to their last acknowledged target").isEmpty();
    writers.shutdownNow();
  }

  private static void blackhole(NodeProcess node, String address) throws Exception {
    var response =
        ClusterLoad.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(node.managementUrl() + "/test/network/blackhole?address=" + address))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("blackhole " + address + ": " + response.body())
        .isEqualTo(204);
  }

  private static int patchTarget(String base, String code, String target) {
    try {
      return ClusterLoad.HTTP
          .send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/links/" + code))
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                  .header("Content-Type", "application/json")
                  .method(
                      "PATCH",
                      HttpRequest.BodyPublishers.ofString("{\"target\":\"" + target + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception unreachable) {
      return 0;
    }
  }

  /** The link's target as its entity answers through {@code base}; empty if it does not answer. */
  private static java.util.Optional<String> readTarget(String base, String code) {
    try {
      var response =
          ClusterLoad.HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/links/" + code))
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(JSON.readTree(response.body()).path("target").asText());
    } catch (Exception unreachable) {
      return java.util.Optional.empty();
    }
  }
}
