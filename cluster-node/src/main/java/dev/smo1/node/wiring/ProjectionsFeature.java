package dev.smo1.node.wiring;

import dev.smo1.node.config.EdgeKvSettings;
import dev.smo1.projection.JdbcSessions;
import dev.smo1.projection.edge.CloudflareKvApi;
import dev.smo1.projection.edge.KvSyncProjection;
import dev.smo1.projection.edge.KvWriter;
import dev.smo1.projection.monitoring.ProjectionLag;
import dev.smo1.projection.readmodel.LinkQueries;
import dev.smo1.projection.readmodel.ReadModelProjection;
import dev.smo1.projection.readmodel.ReadModelTargetCheck;
import dev.smo1.projection.readmodel.TargetCheck;
import dev.smo1.projection.rebuild.ProjectionRebuild;
import dev.smo1.projection.redis.RedisCacheProjection;
import dev.smo1.projection.redis.RedisLinkCache;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projections of the link events a node runs (each as sharded daemons over the event tags): the
 * PostgreSQL read model, the Redis redirect cache when Redis is there, Workers KV when a namespace
 * is configured; their lag as metrics; the queries on the read model, the check of its stored
 * targets against today's rules, and the rebuild.
 */
public record ProjectionsFeature(
    List<String> names, LinkQueries queries, TargetCheck targetCheck, ProjectionRebuild rebuild) {
  private static final Logger log = LoggerFactory.getLogger(ProjectionsFeature.class);

  /**
   * @param shortDomains the node's own short domains, as its link policy has them
   */
  public static ProjectionsFeature init(
      NodeContext node, Optional<RedisLinkCache> redis, Set<String> shortDomains) {
    var sessions = new JdbcSessions(node.dataSource());
    var names = new ArrayList<String>();
    ReadModelProjection.init(node.system(), sessions);
    names.add(ReadModelProjection.NAME);
    redis.ifPresent(
        cache -> {
          RedisCacheProjection.init(node.system(), sessions, cache);
          names.add(RedisCacheProjection.NAME);
        });
    node.settings()
        .edgeKv()
        .ifPresent(
            kv -> {
              KvSyncProjection.init(
                  node.system(),
                  sessions,
                  node.dataSource(),
                  node.blocking(),
                  kvWriter(node, kv),
                  node.clock(),
                  node.registry());
              names.add(KvSyncProjection.NAME);
            });
    new ProjectionLag(node.dataSource(), names, node.clock(), node.registry())
        .start(
            node.system(), node.duration("smo1.metrics.projection-lag-interval"), node.blocking());
    return new ProjectionsFeature(
        List.copyOf(names),
        new LinkQueries(node.dataSource(), node.pools().requests(), node.clock()),
        new ReadModelTargetCheck(node.dataSource(), node.blocking(), shortDomains),
        new ProjectionRebuild(node.system(), node.dataSource(), names, redis, node.blocking()));
  }

  private static final Duration MEMBERS_CHECK = Duration.ofSeconds(5);

  /** The cluster's members up, as this node sees them. */
  private static int membersUp(NodeContext node) {
    int up = 0;
    for (Member member : Cluster.get(node.system()).state().getMembers()) {
      if (member.status() == MemberStatus.up()) {
        up++;
      }
    }
    return up;
  }

  /** The node's writer to Workers KV, closed when the node shuts down. */
  private static KvWriter kvWriter(NodeContext node, EdgeKvSettings kv) {
    log.info("Workers KV sync on: {}", kv);
    var api =
        new CloudflareKvApi(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
            kv.apiUrl(),
            kv.accountId(),
            kv.namespaceId(),
            kv.apiToken(),
            kv.requestTimeout());
    var writer = new KvWriter(api, kv.requestsPerSecond(membersUp(node)), node.registry());
    node.closeOnShutdown("close-kv-writer", writer::close);
    if (kv.fixedRequestsPerSecond().isEmpty()) {
      // this node's share of the cluster's budget follows the members up (checked every 5 s: a
      // node joining may overshoot the budget for that long, well inside Cloudflare's 5 minutes)
      node.system()
          .scheduler()
          .scheduleWithFixedDelay(
              MEMBERS_CHECK,
              MEMBERS_CHECK,
              () -> writer.requestsPerSecond(kv.requestsPerSecond(membersUp(node))),
              node.system().executionContext());
    }
    return writer;
  }
}
