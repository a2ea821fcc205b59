package dev.smo1.node.management;

import dev.smo1.http.health.Readiness;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * The {@code node} readiness check of Pekko Management's {@code /ready} (configured in {@code
 * management.conf}): the node's own {@link NodeReadiness}, so the management port and {@code
 * /readyz} agree.
 */
public final class NodeReadinessCheck implements Supplier<CompletionStage<Boolean>> {
  private final NodeHealth health;

  public NodeReadinessCheck(ActorSystem system) {
    this.health = NodeHealth.ID.apply(Adapter.toTyped(system));
  }

  @Override
  public CompletionStage<Boolean> get() {
    Readiness readiness = health.readiness();
    if (readiness == null) {
      return CompletableFuture.completedFuture(false);
    }
    return readiness.check().thenApply(Readiness.Report::ready);
  }
}
