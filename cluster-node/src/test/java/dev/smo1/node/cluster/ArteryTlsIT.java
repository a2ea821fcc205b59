package dev.smo1.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.node.config.NodeConfig;
import dev.smo1.node.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over mutual TLS as the production overlay sets it ({@code SMO1_REMOTE_TRANSPORT=tls-tcp},
 * {@code SMO1_REMOTE_TLS_DIR} holding a cert-manager style tls.key, tls.crt and ca.crt), read
 * through the node's own configuration: two nodes with certificates of the cluster's CA form a
 * cluster; a node whose certificate another CA issued is never let in. Half a minute of cluster
 * formation: with the slow fault tests (-Pcluster-faults); KubernetesManifestsTest holds the
 * production overlay to tls-tcp in every run.
 */
@Tag("cluster-faults")
class ArteryTlsIT {
  private final List<ActorSystem<?>> systems = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void stop() throws Exception {
    systems.forEach(ActorSystem::terminate);
    for (var system : systems) {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void nodesWithCertificatesOfTheClustersCaFormAClusterOverTlsAndAStrangerIsRefused()
      throws Exception {
    var authority = TestCertificates.authority(temp.resolve("ca"), "smo1-test-ca");
    var first = node(authority.issue("first", "smo1-node", "dns:smo1-node,ip:127.0.0.1"));
    var second = node(authority.issue("second", "smo1-node", "dns:smo1-node,ip:127.0.0.1"));
    assertThat(first.settings().config().getString("pekko.remote.artery.transport"))
        .isEqualTo("tls-tcp");

    var seed = Cluster.get(first).selfMember().address();
    Cluster.get(first).manager().tell(Join.create(seed));
    Cluster.get(second).manager().tell(Join.create(seed));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((upMembers(first) < 2 || upMembers(second) < 2) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(upMembers(first)).as("members up, as the first node sees them").isEqualTo(2);
    assertThat(upMembers(second)).as("members up, as the second node sees them").isEqualTo(2);

    var stranger =
        node(
            TestCertificates.authority(temp.resolve("other-ca"), "other-ca")
                .issue("stranger", "smo1-node", "dns:smo1-node,ip:127.0.0.1"));
    Cluster.get(stranger).manager().tell(Join.create(seed));
    // the stranger keeps trying to join; for 10 s it is never seen, by either side
    long quiet = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < quiet) {
      assertThat(Cluster.get(first).state().getMembers()).hasSize(2);
      assertThat(Cluster.get(stranger).selfMember().status()).isNotEqualTo(MemberStatus.up());
      Thread.sleep(200);
    }
  }

  @Test
  void theDefaultTransportStaysPlainTcp() {
    Config config =
        NodeConfig.load(
            Map.of(
                "smo1.db.url", "jdbc:postgresql://db.internal:5432/smo1",
                "smo1.links.default-domain", "s.example",
                "smo1.http.public-base-url", "https://s.example"));
    assertThat(config.getString("pekko.remote.artery.transport")).isEqualTo("tcp");
    assertThat(config.getString("pekko.remote.artery.ssl.rotating-keys-engine.key-file"))
        .isEqualTo("/var/run/secrets/smo1/artery-tls/tls.key");
  }

  private ActorSystem<?> node(Path tls) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("pekko.remote.artery.transport", "tls-tcp");
    overrides.put(
        "pekko.remote.artery.ssl.rotating-keys-engine.secret-mount-point", tls.toString());
    overrides.put("pekko.remote.artery.canonical.port", LoopbackPorts.free());
    overrides.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    overrides.put("smo1.db.url", "jdbc:postgresql://db.internal:5432/smo1");
    overrides.put("smo1.links.default-domain", "s.example");
    overrides.put("smo1.http.public-base-url", "https://s.example");
    ActorSystem<?> system =
        ActorSystem.create(Behaviors.empty(), "smo1", NodeConfig.load(overrides));
    systems.add(system);
    return system;
  }

  private static long upMembers(ActorSystem<?> system) {
    var members = Cluster.get(system).state().getMembers();
    long up = 0;
    for (var member : members) {
      if (member.status().equals(MemberStatus.up())) {
        up++;
      }
    }
    return up;
  }
}
