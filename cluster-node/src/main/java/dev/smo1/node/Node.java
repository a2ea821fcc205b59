package dev.smo1.node;

import com.typesafe.config.Config;
import dev.smo1.accounts.AccountsBootstrap;
import dev.smo1.http.ApiRoutes;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.admin.AdminRoutes;
import dev.smo1.http.analytics.AnalyticsRoutes;
import dev.smo1.http.clicks.ClickRoutes;
import dev.smo1.http.client.ClientAddresses;
import dev.smo1.http.client.TrustedProxies;
import dev.smo1.http.health.HealthRoutes;
import dev.smo1.http.link.LinkPasswords;
import dev.smo1.http.link.LinkRoutes;
import dev.smo1.http.link.qr.QrCodes;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.redirect.CustomDomainRoutes;
import dev.smo1.http.redirect.PasswordGate;
import dev.smo1.http.redirect.RedirectRoutes;
import dev.smo1.http.safety.SafetyRoutes;
import dev.smo1.node.config.NodeSettings;
import dev.smo1.node.db.Database;
import dev.smo1.node.db.JdbcTimeouts;
import dev.smo1.node.management.NodeMetrics;
import dev.smo1.node.wiring.AccountsFeature;
import dev.smo1.node.wiring.BillingFeature;
import dev.smo1.node.wiring.BlockingPools;
import dev.smo1.node.wiring.ClicksFeature;
import dev.smo1.node.wiring.ClusterFormation;
import dev.smo1.node.wiring.ExampleLink;
import dev.smo1.node.wiring.IdempotencyFeature;
import dev.smo1.node.wiring.LinkAccessSecret;
import dev.smo1.node.wiring.LinkFeature;
import dev.smo1.node.wiring.ManagementFeature;
import dev.smo1.node.wiring.NodeContext;
import dev.smo1.node.wiring.NodeUsageCounts;
import dev.smo1.node.wiring.ProjectionsFeature;
import dev.smo1.node.wiring.RateLimitsFeature;
import dev.smo1.node.wiring.SafetyFeature;
import dev.smo1.node.wiring.WebFeature;
import dev.smo1.node.wiring.WebhooksFeature;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running SMO1 node: database migrated, actor system up, each feature built from its settings
 * (links, projections, clicks, accounts, web apps, management), cluster joined, HTTP bound. Wiring
 * only: behaviour lives in the modules it wires.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final URI managementAddress;
  private final AccountsBootstrap.Created bootstrap;
  private final URI appBaseUrl;
  private final URI dashboardUrl;

  private Node(
      ActorSystem<Void> system,
      ServerBinding binding,
      URI managementAddress,
      AccountsBootstrap.Created bootstrap,
      URI appBaseUrl,
      URI dashboardUrl) {
    this.system = system;
    this.binding = binding;
    this.managementAddress = managementAddress;
    this.bootstrap = bootstrap;
    this.appBaseUrl = appBaseUrl;
    this.dashboardUrl = dashboardUrl;
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
    return start(config, joinCluster, clock, UnaryOperator.identity());
  }

  /**
   * As {@link #start(Config, boolean, Clock)}, the HTTP port serving {@code around} the node's
   * routes: for tests, which check every answer against the API's contract.
   */
  public static Node start(
      Config config, boolean joinCluster, Clock clock, UnaryOperator<Route> around)
      throws SQLException {
    var settings = NodeSettings.from(config);
    var dataSource =
        Database.pool(
            settings.dbUrl().orElseThrow(),
            settings.dbUser(),
            settings.dbPassword(),
            settings.dbPoolSize(),
            settings.dbConnectionTimeout(),
            JdbcTimeouts.from(config));
    ActorSystem<Void> system;
    try {
      Database.migrate(dataSource);
      system = ActorSystem.create(Behaviors.empty(), "smo1", config);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    try {
      var blocking =
          system.dispatchers().lookup(DispatcherSelector.fromConfig("smo1.blocking-dispatcher"));
      var registry = NodeMetrics.ID.apply(system).registry();
      var pools = BlockingPools.from(config).withMetrics(registry);
      var node = new NodeContext(system, settings, dataSource, blocking, pools, clock, registry);
      node.closeOnShutdown("close-database-pool", dataSource::close);
      node.closeOnShutdown("close-blocking-pools", pools::close);
      return wire(node, joinCluster, around);
    } catch (RuntimeException | SQLException e) {
      system.terminate();
      dataSource.close();
      throw e;
    }
  }

  private static Node wire(NodeContext node, boolean joinCluster, UnaryOperator<Route> around)
      throws SQLException {
    var http = HttpSettings.from(node.system().settings().config());
    var httpMetrics = new HttpMetrics(node.registry());
    var web = WebFeature.init(node, http);
    // one workspace service and one mailer for the node: accounts and billing share them
    var config = node.system().settings().config();
    var workspaces =
        new dev.smo1.accounts.workspace.WorkspaceService(
            node.system(),
            dev.smo1.accounts.AccountSettings.from(config).askTimeout(),
            new dev.smo1.accounts.Jdbc(node.dataSource(), node.pools().requests()));
    var mailer =
        new dev.smo1.accounts.mail.SmtpMailer(
            dev.smo1.accounts.mail.MailSettings.from(config), node.blocking());
    var billing = BillingFeature.init(node, http, web, workspaces, mailer);
    var screener = SafetyFeature.screener(node);
    var links = LinkFeature.init(node, http, billing.linkSlots(), screener);
    var projections = ProjectionsFeature.init(node, links.redis(), links.policy().shortDomains());
    var clicks = ClicksFeature.init(node, links.settings());
    var readiness = ManagementFeature.readiness(node);
    // each key's API budget is its plan's, as the workspace entity says it within the last second
    var limits =
        RateLimitsFeature.init(node)
            .withPlanRates(
                new dev.smo1.accounts.workspace.PlanRates(
                    workspaces, java.time.Duration.ofSeconds(1)));
    var billingRoutes =
        billing.routes(node, NodeUsageCounts.of(node, projections.queries(), clicks.pipeline()));
    var accounts =
        AccountsFeature.init(
            node,
            http,
            web,
            projections.queries(),
            limits,
            links.links(),
            billing,
            billingRoutes,
            workspaces,
            mailer);
    var idempotency = IdempotencyFeature.init(node);
    var webhooks =
        WebhooksFeature.init(
            node,
            mailer,
            dev.smo1.accounts.workspace.PlanQuotas.of(billing.workspaces()),
            billing.plans());
    accounts.workspaceRoutes().withWebhooks(webhooks.routes());
    var safety =
        SafetyFeature.init(
            node, screener, links.links(), projections.queries(), mailer, web.dashboardUrl());
    var linkPasswords = new LinkPasswords(accounts.passwords(), node.pools().requests());
    ExampleLink.ensureOnMemberUp(
        node, links.links(), accounts.bootstrap().workspace(), web.appBaseUrl());
    var redirects =
        new RedirectRoutes(
            links.redirectCache(),
            http,
            clicks.originClicks(),
            httpMetrics,
            limits.unknownCodes(),
            node.clock(),
            new PasswordGate(
                links.links().defaultDomain(),
                LinkAccessSecret.cookies(node.system().settings().config()),
                linkPasswords,
                limits.linkPasswordAttempts(),
                node.clock(),
                "https".equals(http.publicBaseUrl().getScheme())));
    var routes =
        new ApiRoutes(
                accounts.authenticator(),
                limits,
                accounts.accountRoutes(),
                accounts.workspaceRoutes(),
                new LinkRoutes(
                    links.links(),
                    projections.queries(),
                    http,
                    accounts.operations()::recordLinkDeleted,
                    idempotency.keys(),
                    linkPasswords,
                    new QrCodes(node.pools().requests()),
                    new LinkRoutes.WorkspaceDomains() {
                      @Override
                      public boolean usable(String workspace, String domain) {
                        return accounts
                            .domains()
                            .find(domain)
                            .filter(held -> held.active() && held.workspaceId().equals(workspace))
                            .isPresent();
                      }

                      @Override
                      public boolean held(String workspace, String domain) {
                        return accounts
                            .domains()
                            .find(domain)
                            .filter(held -> held.workspaceId().equals(workspace))
                            .isPresent();
                      }
                    }),
                new AdminRoutes(projections.rebuild(), projections.targetCheck()),
                redirects,
                new HealthRoutes(readiness),
                new ClickRoutes(
                    clicks.edge(),
                    clicks.pipeline().buffer(),
                    clicks.salts(),
                    node.clock(),
                    httpMetrics),
                new AnalyticsRoutes(links.links(), clicks.pipeline().reports(), node.clock())
                    .withPlans(dev.smo1.accounts.workspace.PlanQuotas.of(billing.workspaces()))
                    .withLiveClicks(clicks.pipeline().live()),
                httpMetrics,
                new CustomDomainRoutes(
                    accounts.domains(),
                    redirects,
                    ownHosts(links.links().defaultDomain(), http, web)),
                billingRoutes)
            .withSafety(
                new SafetyRoutes(
                    safety.reports(), safety.takedowns(), links.links(), limits, http));
    if (joinCluster) {
      ClusterFormation.joinSeedNodes(node);
    }
    var clients = new ClientAddresses(TrustedProxies.from(node.system().settings().config()));
    log.info("client addresses {}", clients);
    ServerBinding binding =
        bind(node, http, around.apply(clients.attach(routes.route(web.routes()))));
    URI management = ManagementFeature.start(node);
    if (joinCluster) {
      ClusterFormation.bootstrap(node);
    }
    log.info(
        "node started http={} management={} cluster={}",
        binding.localAddress(),
        management,
        Cluster.get(node.system()).selfMember().address());
    return new Node(
        node.system(),
        binding,
        management,
        accounts.bootstrap(),
        web.appBaseUrl(),
        web.dashboardUrl());
  }

  /** Binds the public HTTP port; unbound in coordinated shutdown, in-flight requests get 10 s. */
  private static ServerBinding bind(NodeContext node, HttpSettings http, Route routes) {
    return Http.get(node.system())
        .newServerAt(http.host(), http.port())
        .bind(routes)
        .toCompletableFuture()
        .join()
        .addToCoordinatedShutdown(Duration.ofSeconds(10), node.system());
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** SMO1's own host names: never a custom domain's. */
  private static java.util.Set<String> ownHosts(
      String defaultDomain, HttpSettings http, WebFeature web) {
    var own = new java.util.HashSet<String>();
    own.add(defaultDomain.toLowerCase(java.util.Locale.ROOT));
    for (URI site : java.util.List.of(http.publicBaseUrl(), web.appBaseUrl(), web.dashboardUrl())) {
      if (site.getHost() != null) {
        own.add(site.getHost().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return own;
  }

  public InetSocketAddress httpAddress() {
    return binding.localAddress();
  }

  /** Where people open the landing site (and the API reference below it). */
  public URI appBaseUrl() {
    return appBaseUrl;
  }

  /** Where people open the dashboard this node serves. */
  public URI dashboardUrl() {
    return dashboardUrl;
  }

  /** Pekko Management's base URL (health checks, cluster membership). */
  public URI managementAddress() {
    return managementAddress;
  }

  /**
   * What the first start created (the admin's one-time password, a generated key), to show once.
   */
  public AccountsBootstrap.Created bootstrap() {
    return bootstrap;
  }

  /** Leaves the cluster gracefully and stops everything the node started. */
  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
