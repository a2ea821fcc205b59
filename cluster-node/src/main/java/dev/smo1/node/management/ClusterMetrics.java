package dev.smo1.node.management;

import dev.smo1.link.LinkEntity;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.ShardRegion.ShardState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster as this node sees it: members by status ({@code smo1_cluster_members{status}}),
 * members it cannot reach ({@code smo1_cluster_unreachable_members}), and the link shards and
 * entities it hosts ({@code smo1_sharding_shards}, {@code smo1_sharding_entities}; asked of the
 * local shard region every {@code interval}, since counting them is a message round trip).
 */
public final class ClusterMetrics {
  private static final Logger log = LoggerFactory.getLogger(ClusterMetrics.class);

  private final ActorSystem<?> system;
  private final Gauge shards;
  private final Gauge entities;

  private ClusterMetrics(ActorSystem<?> system, PrometheusRegistry registry) {
    this.system = system;
    Cluster cluster = Cluster.get(system);
    GaugeWithCallback.builder()
        .name("smo1_cluster_members")
        .help("Members of the cluster by status, as this node sees them")
        .labelNames("status")
        .callback(
            callback -> {
              for (var count : membersByStatus(cluster.state()).entrySet()) {
                callback.call(count.getValue(), count.getKey());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("smo1_cluster_unreachable_members")
        .help("Members this node's failure detector marks unreachable")
        .callback(callback -> callback.call(cluster.state().getUnreachable().size()))
        .register(registry);
    this.shards =
        Gauge.builder()
            .name("smo1_sharding_shards")
            .help("Shards of the entity type running on this node")
            .labelNames("type")
            .register(registry);
    this.entities =
        Gauge.builder()
            .name("smo1_sharding_entities")
            .help("Entities of the entity type running on this node")
            .labelNames("type")
            .register(registry);
  }

  /** Registers the metrics and counts this node's shards every {@code interval}. */
  public static void start(ActorSystem<?> system, PrometheusRegistry registry, Duration interval) {
    var metrics = new ClusterMetrics(system, registry);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO, interval, metrics::countShards, system.executionContext());
  }

  private void countShards() {
    String type = LinkEntity.TYPE_KEY.name();
    AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
            ClusterSharding.get(system).shardState(),
            replyTo -> new GetShardRegionState(LinkEntity.TYPE_KEY, replyTo),
            Duration.ofSeconds(5),
            system.scheduler())
        .whenComplete(
            (state, error) -> {
              if (error != null) {
                log.debug("shard region state not available: {}", error.toString());
                return;
              }
              shards.labelValues(type).set(state.getShards().size());
              entities
                  .labelValues(type)
                  .set(state.getShards().stream().mapToInt(ClusterMetrics::entityCount).sum());
            });
  }

  private static int entityCount(ShardState shard) {
    return shard.getEntityIds().size();
  }

  /** Every status, zero included, so a query for one never finds the series missing. */
  static Map<String, Integer> membersByStatus(CurrentClusterState state) {
    var counts = new LinkedHashMap<String, Integer>();
    for (MemberStatus status : STATUSES) {
      counts.put(label(status), 0);
    }
    for (Member member : state.getMembers()) {
      counts.merge(label(member.status()), 1, Integer::sum);
    }
    return counts;
  }

  private static final List<MemberStatus> STATUSES =
      List.of(
          MemberStatus.joining(),
          MemberStatus.weaklyUp(),
          MemberStatus.up(),
          MemberStatus.shuttingDown(),
          MemberStatus.shutDown(),
          MemberStatus.leaving(),
          MemberStatus.exiting(),
          MemberStatus.down(),
          MemberStatus.removed());

  /** {@code Up} → {@code up}, {@code WeaklyUp} → {@code weakly_up}. */
  static String label(MemberStatus status) {
    return status.toString().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
