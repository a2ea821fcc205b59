package dev.smo1.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.node.testing.NodeProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in JVMs of their own under a steady load of creates and redirects spread over them;
 * the oldest (shard coordinator, and host of a third of the links) is killed with SIGKILL. The
 * survivors' split brain resolver (keep-majority) downs it, its shards start again on the survivors
 * from the journal, and every create that was acknowledged, before or after the kill, resolves to
 * exactly its target. Reports the seconds until every link takes writes again and the requests that
 * failed. Then one of the survivors is stopped with SIGTERM under load: its shards are handed off
 * to the last node without a failed redirect. About 100 s: with the slow fault tests ({@code
 * -Pcluster-faults}).
 */
@Tag("cluster-faults")
class NodeKilledUnderLoadIT {
  @Test
  void killingTheOldestNodeLosesNoAcknowledgedLinkAndTheSurvivorsServeThemAll() throws Exception {
    try (var cluster = new TestCluster("killed-under-load", 3, Map.of())) {
      List<NodeProcess> nodes = cluster.startAll(3);
      List<String> bases = ClusterLoad.bases(nodes);
      Map<String, String> before = ClusterLoad.createLinks(bases, "pre", 300);
      try (var load = ClusterLoad.over(nodes, "load", before)) {
        Thread.sleep(5_000);
        long requestsBeforeKill = load.requests();
        nodes.get(0).kill();
        long killedAt = System.nanoTime();

        // every link created before the kill takes writes again through the survivors
        List<String> survivors = bases.subList(1, 3);
        double writable =
            ClusterLoad.awaitAllWritable(
                survivors, List.copyOf(before.keySet()), Duration.ofSeconds(90), killedAt);
        Thread.sleep(5_000);
        load.stop();

        // nothing acknowledged was lost: every create resolves to exactly its target, on each
        // survivor
        List<String> wrong = ClusterLoad.wrongLinks(survivors, load.acknowledged());
        System.out.printf(
            Locale.ROOT,
            "NODE_KILLED_UNDER_LOAD %s requests_before_kill=%d all_writable_after_s=%.1f%n",
            load.summary(),
            requestsBeforeKill,
            writable);
        assertThat(wrong)
            .as("acknowledged links that do not resolve to their target\n" + nodes.get(1).logTail())
            .isEmpty();
        assertThat(load.acknowledged().size()).isGreaterThan(before.size());

        // then a graceful stop, as Kubernetes stops a pod: SIGTERM to one of the two survivors
        // under load; it reports not ready, drains, hands its shards off and leaves; the last node
        // serves every link, and no redirect of a known link fails meanwhile
        List<NodeProcess> remaining = nodes.subList(1, 3);
        try (var drain = ClusterLoad.over(remaining, "drain", load.acknowledged())) {
          Thread.sleep(3_000);
          double stopped = remaining.get(0).terminate(Duration.ofSeconds(60));
          Thread.sleep(5_000);
          drain.stop();
          List<String> last = List.of(bases.get(2));
          System.out.printf(
              Locale.ROOT,
              "NODE_TERMINATED_UNDER_LOAD %s stopped_s=%.1f%n",
              drain.summary(),
              stopped);
          // a JVM ended by SIGTERM exits 143 (128 + 15) once its shutdown hooks have run
          assertThat(remaining.get(0).exitValue()).as("exit after SIGTERM").isIn(0, 143);
          assertThat(drain.failedRedirects())
              .as("redirects of known links that failed during the hand-off: " + drain.failures())
              .isZero();
          assertThat(ClusterLoad.wrongLinks(last, drain.acknowledged()))
              .as("acknowledged links the last node does not resolve to their target")
              .isEmpty();
        }
      }
    }
  }
}
