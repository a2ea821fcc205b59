package dev.smo1.node.management;

import dev.smo1.http.health.Readiness;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Hands the node's {@link Readiness} to health checks that Pekko Management builds by reflection
 * from configuration (they only get the actor system).
 */
public final class NodeHealth implements Extension {
  public static final ExtensionId<NodeHealth> ID =
      new ExtensionId<>() {
        @Override
        public NodeHealth createExtension(ActorSystem<?> system) {
          return new NodeHealth();
        }
      };

  private volatile Readiness readiness;

  private NodeHealth() {}

  /** Set once the node is wired; until then the node is not ready. */
  public void readiness(Readiness readiness) {
    this.readiness = readiness;
  }

  Readiness readiness() {
    return readiness;
  }
}
