package dev.smo1.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.node.testing.NodeProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scale 3 → 4 → 3 under a steady load of creates and redirects: the fourth node joins and the
 * shards rebalance onto it (shard count per node reported, from each node's metrics); then it gets
 * SIGTERM, hands its shards back and leaves. No request fails, and every acknowledged create
 * resolves afterwards to exactly its target.
 */
@Tag("cluster-faults")
class ScaleOutAndInIT {
  @Test
  void scalingOutAndInMovesShardsWithoutFailedRequests() throws Exception {
    try (var cluster = new TestCluster("scale", 4, Map.of())) {
      List<NodeProcess> nodes = new ArrayList<>(cluster.startAll(3));
      List<String> bases = ClusterLoad.bases(nodes);
      Map<String, String> before = ClusterLoad.createLinks(bases, "scale", 300);
      try (var load = ClusterLoad.over(nodes, "scaled", before)) {
        Thread.sleep(3_000);
        String three = shards(nodes);

        long starting = System.nanoTime();
        NodeProcess fourth = cluster.start(4);
        load.add(fourth);
        load.awaitInRotation(fourth, Duration.ofSeconds(120));
        nodes.add(fourth);
        double joined = (System.nanoTime() - starting) / 1e9;
        // rebalancing: at most 20 shards per 10 s round, until the newcomer holds its share
        long rebalancing = System.nanoTime();
        int total = nodes.stream().mapToInt(ClusterLoad::shards).sum();
        while (ClusterLoad.shards(fourth) < total / 4 - total / 20
            && System.nanoTime() - rebalancing < Duration.ofSeconds(90).toNanos()) {
          Thread.sleep(1_000);
          total = nodes.stream().mapToInt(ClusterLoad::shards).sum();
        }
        double balanced = (System.nanoTime() - rebalancing) / 1e9;
        String four = shards(nodes);
        int onFourth = ClusterLoad.shards(fourth);

        double left = fourth.terminate(Duration.ofSeconds(90));
        nodes.remove(fourth);
        Thread.sleep(5_000);
        load.stop();
        String back = shards(nodes);

        List<String> wrong = ClusterLoad.wrongLinks(bases, load.acknowledged());
        System.out.printf(
            Locale.ROOT,
            "SCALE_OUT_AND_IN %s shards_3=%s shards_4=%s shards_back_to_3=%s"
                + " fourth_in_rotation_s=%.1f rebalanced_s=%.1f fourth_left_s=%.1f%n",
            load.summary(),
            three,
            four,
            back,
            joined,
            balanced,
            left);
        assertThat(onFourth).as("shards rebalanced onto the fourth node: " + four).isPositive();
        assertThat(load.failedCreates() + load.failedRedirects())
            .as("failed requests: " + load.failures())
            .isZero();
        assertThat(wrong).as("acknowledged links that do not resolve to their target").isEmpty();
      }
    }
  }

  private static String shards(List<NodeProcess> nodes) {
    return nodes.stream()
        .map(node -> Integer.toString(ClusterLoad.shards(node)))
        .collect(Collectors.joining("/"));
  }
}
