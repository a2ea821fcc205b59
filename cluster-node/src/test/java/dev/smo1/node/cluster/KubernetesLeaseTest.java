package dev.smo1.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import dev.smo1.node.config.NodeConfig;
import dev.smo1.node.testing.FakeKubernetesApi;
import dev.smo1.node.testing.TestNodes;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.coordination.lease.javadsl.Lease;
import org.apache.pekko.coordination.lease.javadsl.LeaseProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lease the split brain resolver takes with {@code lease-majority}, as the node configures it
 * (the Kubernetes API's own {@code coordination.k8s.io/v1} Lease in the pod's namespace), against
 * {@link FakeKubernetesApi}: one holder at a time, released for the next, and a stale update (a 409
 * after another client wrote first) read as "held by someone else".
 */
class KubernetesLeaseTest {
  private static final String NAMESPACE = "smo1-test";
  private static final String LEASE = "smo1-pekko-sbr";
  private static FakeKubernetesApi kubernetes;
  private static ActorSystem first;
  private static ActorSystem second;

  @BeforeAll
  static void start() {
    kubernetes = FakeKubernetesApi.start();
    first = ActorSystem.create("smo1", nodeConfig());
    second = ActorSystem.create("smo1", nodeConfig());
  }

  @AfterAll
  static void stop() {
    first.terminate();
    second.terminate();
    kubernetes.close();
  }

  /** The node's configuration, with the service account a pod would have. */
  private static Config nodeConfig() {
    var overrides = new HashMap<String, Object>(TestNodes.overrides("jdbc:postgresql://unused/x"));
    overrides.put("smo1.cluster.discovery-method", "kubernetes-api");
    overrides.put("pekko.coordination.lease.kubernetes.namespace", NAMESPACE);
    overrides.put("pekko.coordination.lease.kubernetes.api-service-host", "127.0.0.1");
    overrides.put("pekko.coordination.lease.kubernetes.api-service-port", kubernetes.port());
    overrides.put(
        "pekko.coordination.lease.kubernetes.api-ca-path", kubernetes.caPath().toString());
    overrides.put(
        "pekko.coordination.lease.kubernetes.api-token-path", kubernetes.tokenPath().toString());
    return NodeConfig.load(overrides);
  }

  private static Lease lease(ActorSystem system, String owner) {
    String implementation =
        system
            .settings()
            .config()
            .getString("pekko.cluster.split-brain-resolver.lease-majority.lease-implementation");
    return LeaseProvider.get(system).getLease(LEASE, implementation, owner);
  }

  @Test
  void oneHolderAtATimeAndAStaleUpdateIsReadAsHeldByAnother() throws Exception {
    Lease a = lease(first, "smo1-a");
    Lease b = lease(second, "smo1-b");

    assertThat(a.acquire().toCompletableFuture().get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(kubernetes.leaseHolder(NAMESPACE, LEASE)).isEqualTo("smo1-a");
    assertThat(a.checkLease()).isTrue();
    assertThat(b.acquire().toCompletableFuture().get(20, TimeUnit.SECONDS))
        .as("held by smo1-a")
        .isFalse();
    assertThat(kubernetes.leaseHolder(NAMESPACE, LEASE)).isEqualTo("smo1-a");

    assertThat(a.release().toCompletableFuture().get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(kubernetes.leaseHolder(NAMESPACE, LEASE)).isNull();

    // another client takes it between b's read and b's update: b's update is stale (409)
    kubernetes.anotherClientUpdatesFirst("smo1-c");
    assertThat(b.acquire().toCompletableFuture().get(20, TimeUnit.SECONDS))
        .as("taken by smo1-c first")
        .isFalse();
    assertThat(kubernetes.leaseHolder(NAMESPACE, LEASE)).isEqualTo("smo1-c");
    assertThat(kubernetes.requests())
        .contains(
            "PUT /apis/coordination.k8s.io/v1/namespaces/"
                + NAMESPACE
                + "/leases/"
                + LEASE
                + "?null 409");
  }
}
