package dev.smo1.node.wiring;

import dev.smo1.clicks.ClickPipeline;
import dev.smo1.clicks.ClickSettings;
import dev.smo1.clicks.visitor.RedisVisitorSalts;
import dev.smo1.clicks.visitor.VisitorSaltPublisher;
import dev.smo1.clicks.visitor.VisitorSalts;
import dev.smo1.http.clicks.ClickSignature;
import dev.smo1.http.clicks.OriginClicks;
import dev.smo1.link.LinkEntitySettings;
import dev.smo1.node.config.EdgeKvSettings;
import dev.smo1.node.config.RedisEndpoint;
import dev.smo1.node.db.Redis;
import dev.smo1.projection.edge.CloudflareKvApi;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Clicks on a node: the pipeline (buffer, consumer into ClickHouse, analytics), the daily visitor
 * salts (Redis) and their publication to the edge (Workers KV), the clicks of the redirects this
 * node answers, and the signature of the edge's calls.
 */
public record ClicksFeature(
    ClickPipeline pipeline,
    Optional<OriginClicks> originClicks,
    Optional<ClickSignature> edge,
    Optional<VisitorSalts> salts) {

  /** How often a node checks that the edge has the salts it needs (today's, tomorrow's). */
  static final Duration SALT_PUBLISHING = Duration.ofMinutes(5);

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
    // beside the click stream: a Redis that never evicts (an evicted salt would be made again, and
    // that day's visitors counted twice) and writes its append-only file on every write
    Optional<VisitorSalts> salts =
        node.settings().clickStreamRedis().map(redis -> salts(node, redis));
    salts.ifPresent(
        daily -> node.settings().edgeKv().ifPresent(kv -> publishToTheEdge(node, daily, kv)));
    Optional<OriginClicks> origin =
        pipeline
            .originRecorder()
            .flatMap(
                recorder ->
                    salts.map(
                        daily ->
                            new OriginClicks(
                                recorder,
                                daily,
                                new OriginClicks.Settings(
                                    links.defaultDomain(), settings.origin().maxWait()),
                                node.clock(),
                                node.registry())));
    Optional<String> secret = node.settings().edgeClickSecret();
    return new ClicksFeature(
        pipeline,
        origin,
        secret.map(key -> new ClickSignature(key, node.settings().edgeClickWindow())),
        salts);
  }

  private static VisitorSalts salts(NodeContext node, RedisEndpoint redis) {
    var client = Redis.client(redis, node.system());
    var connection = client.connect();
    node.closeOnShutdown(
        "close-visitor-salts",
        () -> {
          connection.close();
          client.shutdown();
        });
    return new RedisVisitorSalts(connection, node.clock());
  }

  /** Today's salt (and tomorrow's, near midnight) into Workers KV, expiring with it. */
  private static void publishToTheEdge(NodeContext node, VisitorSalts salts, EdgeKvSettings kv) {
    var api =
        new CloudflareKvApi(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
            kv.apiUrl(),
            kv.accountId(),
            kv.namespaceId(),
            kv.apiToken(),
            kv.requestTimeout());
    VisitorSaltPublisher.Edge edge =
        (key, value, expiresAt) ->
            api.bulkWrite(List.of(new CloudflareKvApi.Pair(key, value, Optional.of(expiresAt))))
                .thenCompose(
                    outcome ->
                        switch (outcome) {
                          case CloudflareKvApi.Outcome.Done done
                              when done.unsuccessfulKeys().isEmpty() ->
                              CompletableFuture.<Void>completedFuture(null);
                          case CloudflareKvApi.Outcome.Done done ->
                              CompletableFuture.<Void>failedFuture(
                                  new IllegalStateException("Workers KV did not take the salt"));
                          case CloudflareKvApi.Outcome.RateLimited limited ->
                              CompletableFuture.<Void>failedFuture(
                                  new IllegalStateException("Workers KV API rate limit reached"));
                          case CloudflareKvApi.Outcome.Failed failed ->
                              CompletableFuture.<Void>failedFuture(
                                  new IllegalStateException(
                                      "Workers KV write failed (status "
                                          + failed.status()
                                          + ": "
                                          + failed.message()
                                          + ")"));
                        });
    new VisitorSaltPublisher(salts, edge, node.clock()).start(node.system(), SALT_PUBLISHING);
  }
}
