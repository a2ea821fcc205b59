package dev.smo1.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.node.testing.NodeProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A rolling update of three nodes under a steady load of creates and redirects, as the Deployment
 * rolls (maxSurge 1, maxUnavailable 0): a node of the new version starts and joins; once it is in
 * rotation, an old node gets SIGTERM (it reports not ready, drains, hands off its shards, leaves:
 * the youngest old node first, as a ReplicaSet scales down, so the shard coordinator on the oldest
 * moves once); next. The new nodes carry a newer {@code app-version}, so shards move to them. No
 * redirect of a known link fails (a client retries a refused connection once on another node), and
 * every create that was acknowledged resolves afterwards to exactly its target.
 */
@Tag("cluster-faults")
class RollingRestartIT {
  @Test
  void aRollingUpdateFailsNoRedirectAndLosesNoAcknowledgedWrite() throws Exception {
    try (var cluster = new TestCluster("rolling-update", 4, Map.of())) {
      List<NodeProcess> old = cluster.startAll(3);
      List<String> bases = ClusterLoad.bases(old);
      Map<String, String> before = ClusterLoad.createLinks(bases, "roll", 300);
      try (var load = ClusterLoad.over(old, "rolled", before)) {
        Thread.sleep(3_000);
        List<NodeProcess> updated = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        // the surge node takes the fourth address; each next one the address just vacated
        int free = 4;
        for (int step = 0; step < 3; step++) {
          long starting = System.nanoTime();
          NodeProcess fresh = cluster.start(free, "1.0.1");
          load.add(fresh);
          load.awaitInRotation(fresh, Duration.ofSeconds(120));
          updated.add(fresh);
          double joined = (System.nanoTime() - starting) / 1e9;
          int victim = 2 - step;
          double stopped = old.get(victim).terminate(Duration.ofSeconds(90));
          free = victim + 1;
          steps.add(
              String.format(
                  Locale.ROOT,
                  "step%d_new_in_rotation_s=%.1f_old_stopped_s=%.1f",
                  step + 1,
                  joined,
                  stopped));
          Thread.sleep(3_000);
        }
        Thread.sleep(5_000);
        load.stop();

        List<String> now = ClusterLoad.bases(updated);
        List<String> wrong = ClusterLoad.wrongLinks(now, load.acknowledged());
        String shards =
            updated.stream()
                .map(n -> Integer.toString(ClusterLoad.shards(n)))
                .reduce((a, b) -> a + "/" + b)
                .orElseThrow();
        System.out.printf(
            Locale.ROOT,
            "ROLLING_UPDATE %s shards_per_new_node=%s %s%n",
            load.summary(),
            shards,
            String.join(" ", steps));
        assertThat(load.failedRedirects())
            .as("redirects of known links that failed: " + load.failures())
            .isZero();
        assertThat(wrong).as("acknowledged links that do not resolve to their target").isEmpty();
        assertThat(load.acknowledged().size()).isGreaterThan(before.size());
      }
    }
  }
}
