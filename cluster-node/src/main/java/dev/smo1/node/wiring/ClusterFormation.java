package dev.smo1.node.wiring;

import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node joins: through Cluster Bootstrap when a discovery method is configured (needs Pekko
 * Management running), else the configured seed nodes, or itself when there are none.
 *
 * <p>Called only once sharding (with its replicator) and the projections run on the node: once the
 * node is Up the shard coordinator writes its state to every member, this one included, and
 * allocates shards to it; a member that is Up before its sharding has started stalls both.
 */
public final class ClusterFormation {
  private static final Logger log = LoggerFactory.getLogger(ClusterFormation.class);

  private ClusterFormation() {}

  /** Joins through seed nodes (or itself); nothing when Cluster Bootstrap is configured. */
  public static void joinSeedNodes(NodeContext node) {
    if (node.settings().discoveryMethod().isPresent()) {
      return;
    }
    var cluster = Cluster.get(node.system());
    if (node.settings().seedNodes().isEmpty()) {
      cluster.manager().tell(new Join(cluster.selfMember().address()));
    } else {
      cluster
          .manager()
          .tell(
              new JoinSeedNodes(
                  node.settings().seedNodes().stream().map(AddressFromURIString::parse).toList()));
    }
  }

  /** Starts Cluster Bootstrap when a discovery method is configured (after management runs). */
  public static void bootstrap(NodeContext node) {
    if (node.settings().discoveryMethod().isPresent()) {
      log.info("forming or joining the cluster through Cluster Bootstrap");
      ClusterBootstrap.get(node.system().classicSystem()).start();
    }
  }
}
