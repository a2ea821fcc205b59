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
        List<Integer> onFour = counts(nodes);
        String four = join(onFour);
        int totalOnFour = sum(onFour);
        int onFourth = onFour.getLast();

        double left = fourth.terminate(Duration.ofSeconds(90));
        nodes.remove(fourth);
        Thread.sleep(5_000);
        load.stop();
        // the shards the fourth handed back are allocated anew at once; each node counts its own
        // every second, so the reading on four may count a shard that moved in the rebalance round
        // of that second (at most rebalance-absolute-limit, 20) on two nodes
        int handedBack = totalOnFour - 20;
        List<Integer> onThree = counts(nodes);
        long leaving = System.nanoTime();
        while (sum(onThree) < handedBack
            && System.nanoTime() - leaving < Duration.ofSeconds(30).toNanos()) {
          Thread.sleep(1_000);
          onThree = counts(nodes);
        }
        String back = join(onThree);

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
        // balanced: the newcomer holds at least 60 % of an even share (the wait above ends at 80 %;
        // the runbook's run: 140 of 650, 86 %, in 154/166/190/140)
        assertThat(onFourth)
            .as("shards rebalanced onto the fourth node: " + four)
            .isGreaterThanOrEqualTo((int) Math.ceil(0.6 * totalOnFour / 4));
        // scaled in: the fourth node is gone, every shard the four held is on the three (within
        // the reading's allowance), and each holds at least 80 % of an even third (the shards
        // handed back go to the least loaded first; the runbook's run: 226/226/225)
        assertThat(fourth.isAlive()).as("fourth node's process").isFalse();
        assertThat(sum(onThree))
            .as("shards on the three remaining nodes (%s) after the four held %s", back, four)
            .isGreaterThanOrEqualTo(handedBack);
        int evenThird = sum(onThree) / 3;
        assertThat(onThree)
            .as("shards on the three remaining nodes")
            .allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(evenThird * 4 / 5));
        assertThat(load.failedCreates() + load.failedRedirects())
            .as("failed requests: " + load.failures())
            .isZero();
        assertThat(wrong).as("acknowledged links that do not resolve to their target").isEmpty();
      }
    }
  }

  private static String shards(List<NodeProcess> nodes) {
    return join(counts(nodes));
  }

  /** The shards each node hosts, one reading of each, in the order of {@code nodes}. */
  private static List<Integer> counts(List<NodeProcess> nodes) {
    return nodes.stream().map(ClusterLoad::shards).toList();
  }

  private static int sum(List<Integer> counts) {
    return counts.stream().mapToInt(Integer::intValue).sum();
  }

  private static String join(List<Integer> counts) {
    return counts.stream().map(String::valueOf).collect(Collectors.joining("/"));
  }
}
