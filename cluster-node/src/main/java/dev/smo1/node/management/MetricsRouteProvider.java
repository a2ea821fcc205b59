package dev.smo1.node.management;

import dev.smo1.http.metrics.MetricsRoutes;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * {@code GET /metrics} on the management port (Prometheus scrapes the pod network; the public HTTP
 * port never shows the node's metrics). Named in {@code pekko.management.http.routes}.
 */
public final class MetricsRouteProvider implements ManagementRouteProvider {
  private final Route route;

  public MetricsRouteProvider(ExtendedActorSystem system) {
    this.route =
        new MetricsRoutes(NodeMetrics.ID.apply(Adapter.toTyped(system)).registry()).routes();
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return route;
  }
}
