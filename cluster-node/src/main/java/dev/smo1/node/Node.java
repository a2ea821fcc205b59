package dev.smo1.node;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import dev.smo1.http.ApiRoutes;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.admin.AdminRoutes;
import dev.smo1.http.analytics.AnalyticsRoutes;
import dev.smo1.http.auth.ApiKeyStore;
import dev.smo1.http.auth.ApiKeys;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.clicks.ClickRoutes;
import dev.smo1.http.clicks.ClickSignature;
import dev.smo1.http.clicks.OriginClicks;
import dev.smo1.http.health.HealthRoutes;
import dev.smo1.http.link.LinkRoutes;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.redirect.CacheInvalidation;
import dev.smo1.http.redirect.RedirectCache;
import dev.smo1.http.redirect.RedirectCacheSettings;
import dev.smo1.http.redirect.RedirectRoutes;
import dev.smo1.link.LinkChanges;
import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEntitySettings;
import dev.smo1.link.LinkPolicy;
import dev.smo1.link.LinkService;
import dev.smo1.node.clicks.ClickHouseSetup;
import dev.smo1.node.config.ClickSettings;
import dev.smo1.node.config.EdgeKvSettings;
import dev.smo1.node.config.NodeSettings;
import dev.smo1.node.db.Database;
import dev.smo1.node.db.Redis;
import dev.smo1.node.management.ClusterMetrics;
import dev.smo1.node.management.NodeHealth;
import dev.smo1.node.management.NodeMetrics;
import dev.smo1.node.management.NodeReadiness;
import dev.smo1.projection.JdbcSessions;
import dev.smo1.projection.clicks.ClickHouseAccess;
import dev.smo1.projection.clicks.ClickRecorder;
import dev.smo1.projection.clicks.ClickSink;
import dev.smo1.projection.clicks.RedisClickStream;
import dev.smo1.projection.clicks.analytics.ClickAnalytics;
import dev.smo1.projection.edge.CloudflareKvApi;
import dev.smo1.projection.edge.KvSyncProjection;
import dev.smo1.projection.edge.KvWriter;
import dev.smo1.projection.monitoring.ProjectionLag;
import dev.smo1.projection.readmodel.LinkQueries;
import dev.smo1.projection.readmodel.ReadModelProjection;
import dev.smo1.projection.rebuild.ProjectionRebuild;
import dev.smo1.projection.redis.RedisCacheProjection;
import dev.smo1.projection.redis.RedisLinkCache;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running SMO1 node: database migrated, actor system up, cluster joined, link entities sharded,
 * HTTP bound. Wiring only; behaviour lives in the modules it wires.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final URI managementAddress;
  private final Optional<String> generatedApiKey;

  private Node(
      ActorSystem<Void> system,
      ServerBinding binding,
      URI managementAddress,
      Optional<String> generatedApiKey) {
    this.managementAddress = managementAddress;
    this.system = system;
    this.binding = binding;
    this.generatedApiKey = generatedApiKey;
  }

  /**
   * Starts a node on a resolved configuration whose {@code smo1.db.url} is set.
   *
   * @param joinCluster whether to join: through Cluster Bootstrap when a discovery method is
   *     configured, else the configured seed nodes (or itself when there are none); false leaves
   *     joining to the caller (tests forming clusters by hand)
   */
  public static Node start(Config config, boolean joinCluster) throws SQLException {
    return start(config, joinCluster, Clock.systemUTC());
  }

  /** As {@link #start(Config, boolean)}, with the clock the link entities read time from. */
  public static Node start(Config config, boolean joinCluster, Clock clock) throws SQLException {
    var settings = NodeSettings.from(config);
    var linkSettings = LinkEntitySettings.from(config);
    var httpSettings = HttpSettings.from(config);
    var dataSource =
        Database.pool(
            settings.dbUrl().orElseThrow(),
            settings.dbUser(),
            settings.dbPassword(),
            settings.dbPoolSize(),
            settings.dbConnectionTimeout());
    ActorSystem<Void> system;
    try {
      Database.migrate(dataSource);
      system = ActorSystem.create(Behaviors.empty(), "smo1", config);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    try {
      return wire(system, settings, linkSettings, httpSettings, dataSource, joinCluster, clock);
    } catch (RuntimeException | SQLException e) {
      system.terminate();
      dataSource.close();
      throw e;
    }
  }

  private static Node wire(
      ActorSystem<Void> system,
      NodeSettings settings,
      LinkEntitySettings linkSettings,
      HttpSettings httpSettings,
      HikariDataSource dataSource,
      boolean joinCluster,
      Clock clock)
      throws SQLException {
    Executor blocking =
        system.dispatchers().lookup(DispatcherSelector.fromConfig("smo1.blocking-dispatcher"));
    closeOnShutdown(system, "close-database-pool", dataSource::close);

    var links = new LinkService(system, linkSettings);
    Optional<RedisLinkCache> redis =
        settings.redisUrl().map(url -> new RedisLinkCache(Redis.client(url, system)));
    redis.ifPresent(cache -> closeOnShutdown(system, "close-redis", cache::close));
    var redirectCache =
        new RedirectCache(
            links, redis, clock, RedirectCacheSettings.from(system.settings().config()));
    LinkChanges changes = CacheInvalidation.start(system, redirectCache);

    var shortDomains = new LinkedHashSet<String>();
    shortDomains.add(linkSettings.defaultDomain());
    shortDomains.add(httpSettings.publicBaseUrl().getHost());
    LinkEntity.init(system, new LinkPolicy(shortDomains), clock, linkSettings, changes);

    var sessions = new JdbcSessions(dataSource);
    PrometheusRegistry registry = NodeMetrics.ID.apply(system).registry();
    ClusterMetrics.start(
        system, registry, system.settings().config().getDuration("smo1.metrics.cluster-interval"));
    var httpMetrics = new HttpMetrics(registry);
    ReadModelProjection.init(system, sessions);
    redis.ifPresent(cache -> RedisCacheProjection.init(system, sessions, cache));
    var projections = new ArrayList<String>(List.of(ReadModelProjection.NAME));
    redis.ifPresent(cache -> projections.add(RedisCacheProjection.NAME));
    if (settings.edgeKv().isPresent()) {
      KvWriter kvWriter = kvWriter(system, settings.edgeKv().get(), registry);
      KvSyncProjection.init(system, sessions, dataSource, blocking, kvWriter, clock, registry);
      projections.add(KvSyncProjection.NAME);
    }
    new ProjectionLag(dataSource, projections, clock, registry)
        .start(
            system,
            system.settings().config().getDuration("smo1.metrics.projection-lag-interval"),
            blocking);

    Optional<RedisClickStream> clickSink = clickSink(system, settings);
    Optional<ClickHouseAccess> clickHouse = clickHouse(system, settings.clicks());
    if (clickHouse.isPresent() && clickSink.isPresent()) {
      ClickHouseSetup.start(system, clickHouse.get(), settings, dataSource, clock, registry);
    }

    var readiness = new NodeReadiness(system, dataSource, blocking);
    NodeHealth.ID.apply(system).readiness(readiness);
    reportNotReadyOnShutdown(system, readiness);

    var apiKeys = new ApiKeyStore(dataSource, blocking);
    Optional<String> generatedKey = bootstrapApiKey(settings, apiKeys);

    var routes =
        new ApiRoutes(
            new Authenticator(apiKeys, httpSettings.authCacheTtl()),
            new LinkRoutes(links, new LinkQueries(dataSource, blocking, clock), httpSettings),
            new AdminRoutes(
                new ProjectionRebuild(system, dataSource, projections, redis, blocking),
                settings.adminOwners()),
            new RedirectRoutes(
                redirectCache,
                httpSettings,
                originClicks(system, settings, linkSettings, clickSink, clock, registry),
                httpMetrics),
            new HealthRoutes(readiness),
            new ClickRoutes(
                settings
                    .edgeClickSecret()
                    .map(secret -> new ClickSignature(secret, settings.edgeClickWindow())),
                clickSink.map(ClickSink.class::cast),
                clock,
                httpMetrics),
            new AnalyticsRoutes(
                links,
                clickHouse.map(
                    access ->
                        new ClickAnalytics(
                            access,
                            system
                                .settings()
                                .config()
                                .getDuration("smo1.clicks.analytics-query-timeout"))),
                clock),
            httpMetrics);
    // Joined only now that sharding (with its replicator) and the projections run here: once the
    // node is Up the shard coordinator writes its state to every member, this one included, and
    // allocates shards to it; a member that is Up before its sharding has started stalls both.
    if (joinCluster && settings.discoveryMethod().isEmpty()) {
      var cluster = Cluster.get(system);
      if (settings.seedNodes().isEmpty()) {
        cluster.manager().tell(new Join(cluster.selfMember().address()));
      } else {
        cluster
            .manager()
            .tell(
                new JoinSeedNodes(
                    settings.seedNodes().stream().map(AddressFromURIString::parse).toList()));
      }
    }
    ServerBinding binding =
        Http.get(system)
            .newServerAt(httpSettings.host(), httpSettings.port())
            .bind(routes.route())
            .toCompletableFuture()
            .join()
            .addToCoordinatedShutdown(Duration.ofSeconds(10), system);
    URI management = startManagement(system);
    if (joinCluster && settings.discoveryMethod().isPresent()) {
      log.info("forming or joining the cluster through Cluster Bootstrap");
      ClusterBootstrap.get(system.classicSystem()).start();
    }
    log.info(
        "node started http={} management={} cluster={}",
        binding.localAddress(),
        management,
        Cluster.get(system).selfMember().address());
    return new Node(system, binding, management, generatedKey);
  }

  /**
   * Pekko Management on its own port: {@code /ready} (cluster membership, sharding registered, the
   * node's own readiness), {@code /alive}, and read-only cluster membership under {@code /cluster}.
   * It runs until the actor system ends, so it reports the node not ready while the node drains.
   */
  private static URI startManagement(ActorSystem<?> system) {
    var management = PekkoManagement.get(system.classicSystem());
    URI address = URI.create(management.start().toCompletableFuture().join().toString());
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "stop-management",
            management::stop);
    return address;
  }

  /**
   * First step of a shutdown (SIGTERM): report not ready, then keep serving for {@code
   * smo1.shutdown.drain-delay} so load balancers (Kubernetes endpoints) stop sending new requests
   * before the HTTP port is unbound and in-flight requests are finished.
   */
  private static void reportNotReadyOnShutdown(ActorSystem<?> system, NodeReadiness readiness) {
    Config config = system.settings().config();
    Duration drain = config.getDuration("smo1.shutdown.drain-delay");
    Duration phase =
        config.getDuration("pekko.coordinated-shutdown.phases.before-service-unbind.timeout");
    if (drain.compareTo(phase) >= 0) {
      throw new IllegalStateException(
          "smo1.shutdown.drain-delay ("
              + drain
              + ") must be shorter than the before-service-unbind phase ("
              + phase
              + ")");
    }
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeServiceUnbind(),
            "report-not-ready",
            () -> {
              readiness.shuttingDown();
              log.info("shutting down: reporting not ready, draining for {}", drain);
              return CompletableFuture.supplyAsync(
                  Done::getInstance,
                  CompletableFuture.delayedExecutor(drain.toMillis(), TimeUnit.MILLISECONDS));
            });
  }

  /** Closes {@code resource} when the actor system terminates (after HTTP and cluster exit). */
  private static void closeOnShutdown(ActorSystem<?> system, String name, Runnable resource) {
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            name,
            () -> {
              resource.run();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
  }

  /** The durable click buffer (a Redis stream), when Redis is configured. */
  private static Optional<RedisClickStream> clickSink(
      ActorSystem<?> system, NodeSettings settings) {
    return settings
        .redisUrl()
        .map(
            url -> {
              var stream =
                  new RedisClickStream(Redis.client(url, system), settings.clicks().dedupeWindow());
              closeOnShutdown(system, "close-click-stream", stream::close);
              return stream;
            });
  }

  /** Clicks of the redirects this node answers, when on and the buffer and secret are there. */
  private static Optional<OriginClicks> originClicks(
      ActorSystem<?> system,
      NodeSettings settings,
      LinkEntitySettings linkSettings,
      Optional<RedisClickStream> buffer,
      Clock clock,
      PrometheusRegistry registry) {
    ClickSettings clicks = settings.clicks();
    if (!clicks.originClicks() || buffer.isEmpty() || settings.edgeClickSecret().isEmpty()) {
      return Optional.empty();
    }
    var recorder = new ClickRecorder(buffer.get()::appendNew, 1_000, 4);
    return Optional.of(
        new OriginClicks(
            recorder,
            new OriginClicks.Settings(
                linkSettings.defaultDomain(),
                settings.edgeClickSecret().get(),
                clicks.countryHeader(),
                clicks.clientAddressHeader(),
                clicks.originMaxWait()),
            clock,
            registry));
  }

  /** The ClickHouse client, when a ClickHouse URL is configured. */
  private static Optional<ClickHouseAccess> clickHouse(
      ActorSystem<?> system, ClickSettings clicks) {
    return clicks
        .clickHouseUrl()
        .map(
            url -> {
              var access =
                  new ClickHouseAccess(
                      url,
                      clicks.clickHouseUser(),
                      clicks.clickHousePassword(),
                      clicks.clickHouseDatabase(),
                      clicks.clickHouseTimeout());
              closeOnShutdown(system, "close-clickhouse", access::close);
              return access;
            });
  }

  /** The node's writer to Workers KV, closed when the node shuts down. */
  private static KvWriter kvWriter(
      ActorSystem<?> system, EdgeKvSettings kv, PrometheusRegistry registry) {
    log.info("Workers KV sync on: {}", kv);
    var api =
        new CloudflareKvApi(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
            kv.apiUrl(),
            kv.accountId(),
            kv.namespaceId(),
            kv.apiToken(),
            kv.requestTimeout());
    var writer = new KvWriter(api, kv.maxRequestsPerSecond(), registry);
    closeOnShutdown(system, "close-kv-writer", writer::close);
    return writer;
  }

  /**
   * Creates the configured bootstrap key, or in the local profile a fresh key when none exists yet
   * (returned so it can be shown once; only its hash is stored).
   */
  private static Optional<String> bootstrapApiKey(NodeSettings settings, ApiKeyStore apiKeys)
      throws SQLException {
    if (settings.bootstrapApiKey().isPresent()) {
      apiKeys.register(settings.bootstrapApiKey().get(), settings.bootstrapOwner());
      return Optional.empty();
    }
    if (settings.generateFirstKey() && apiKeys.count() == 0) {
      String key = ApiKeys.generate();
      apiKeys.register(key, settings.bootstrapOwner());
      return Optional.of(key);
    }
    return Optional.empty();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public InetSocketAddress httpAddress() {
    return binding.localAddress();
  }

  /** Pekko Management's base URL (health checks, cluster membership). */
  public URI managementAddress() {
    return managementAddress;
  }

  public Optional<String> generatedApiKey() {
    return generatedApiKey;
  }

  /** Leaves the cluster gracefully and stops everything the node started. */
  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
