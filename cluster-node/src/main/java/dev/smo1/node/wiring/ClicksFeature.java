package dev.smo1.node.wiring;

import dev.smo1.clicks.ClickPipeline;
import dev.smo1.clicks.ClickSettings;
import dev.smo1.http.clicks.ClickSignature;
import dev.smo1.http.clicks.OriginClicks;
import dev.smo1.link.LinkEntitySettings;
import dev.smo1.node.db.Redis;
import java.util.Optional;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Clicks on a node: the pipeline (buffer, consumer into ClickHouse, analytics), the clicks of the
 * redirects this node answers, and the signature of the edge's click batches.
 */
public record ClicksFeature(
    ClickPipeline pipeline, Optional<OriginClicks> originClicks, Optional<ClickSignature> edge) {

  public static ClicksFeature init(NodeContext node, LinkEntitySettings links) {
    var settings = ClickSettings.from(node.system().settings().config().getConfig("smo1"));
    var self = Cluster.get(node.system()).selfMember().address();
    var pipeline =
        ClickPipeline.init(
            node.system(),
            settings,
            node.settings()
                .clickStreamRedis()
                .map(redis -> timeout -> Redis.client(redis, timeout)),
            node.duration("smo1.redis.command-timeout"),
            node.dataSource(),
            self.getHost().orElse("node") + ":" + self.getPort().orElse(0),
            node.blocking(),
            node::closeOnShutdown,
            node.clock(),
            node.registry());
    Optional<String> secret = node.settings().edgeClickSecret();
    Optional<OriginClicks> origin =
        pipeline
            .originRecorder()
            .flatMap(
                recorder ->
                    secret.map(
                        key ->
                            new OriginClicks(
                                recorder,
                                new OriginClicks.Settings(
                                    links.defaultDomain(), key, settings.origin().maxWait()),
                                node.clock(),
                                node.registry())));
    return new ClicksFeature(
        pipeline,
        origin,
        secret.map(key -> new ClickSignature(key, node.settings().edgeClickWindow())));
  }
}
