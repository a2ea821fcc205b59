package dev.smo1.node.management;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The node's one metrics registry (the JVM's metrics registered in it from the start), shared by
 * the node's components and by {@link MetricsRouteProvider}, which Pekko Management builds by
 * reflection and which only gets the actor system.
 */
public final class NodeMetrics implements Extension {
  public static final ExtensionId<NodeMetrics> ID =
      new ExtensionId<>() {
        @Override
        public NodeMetrics createExtension(ActorSystem<?> system) {
          return new NodeMetrics();
        }
      };

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private NodeMetrics() {
    // memory, GC, threads, classes, buffer pools, process CPU and file descriptors
    JvmMetrics.builder().register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }
}
