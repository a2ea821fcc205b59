package dev.smo1.node.wiring;

import dev.smo1.accounts.AccountService;
import dev.smo1.accounts.AccountSettings;
import dev.smo1.accounts.AccountsBootstrap;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.WorkspaceOperations;
import dev.smo1.accounts.apikey.ApiKeyAuthentication;
import dev.smo1.accounts.apikey.ApiKeyService;
import dev.smo1.accounts.apikey.ApiKeyStore;
import dev.smo1.accounts.domains.DnsRecords;
import dev.smo1.accounts.domains.DomainChecks;
import dev.smo1.accounts.domains.DomainDirectory;
import dev.smo1.accounts.domains.DomainService;
import dev.smo1.accounts.domains.DomainSettings;
import dev.smo1.accounts.mail.AccountEmails;
import dev.smo1.accounts.mail.MailedAccountMail;
import dev.smo1.accounts.mail.Mailer;
import dev.smo1.accounts.user.Passwords;
import dev.smo1.accounts.workspace.WorkspaceEntity;
import dev.smo1.accounts.workspace.WorkspaceProjection;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.account.AccountRoutes;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.SessionCookies;
import dev.smo1.http.domain.DomainRoutes;
import dev.smo1.http.ratelimit.RateLimits;
import dev.smo1.http.workspace.WorkspaceRoutes;
import dev.smo1.projection.JdbcSessions;
import dev.smo1.projection.readmodel.LinkQueries;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People and teams on a node: the workspace entity and its projection, users and sessions, scoped
 * API keys (revocations over pub-sub), the audit log, account email over SMTP, the one
 * authorization path, and the start-up work (adopting owners from before workspaces, the bootstrap
 * admin and key).
 */
public record AccountsFeature(
    Authenticator authenticator,
    AccountRoutes accountRoutes,
    WorkspaceRoutes workspaceRoutes,
    WorkspaceOperations operations,
    AccountsBootstrap.Created bootstrap,
    Passwords passwords,
    DomainDirectory domains) {
  private static final Logger log = LoggerFactory.getLogger(AccountsFeature.class);

  /**
   * The first asks on a node just Up may outlast the ask timeout (shards allocated, the journal's
   * first connections, a busy machine); the start-up work is idempotent, so it is retried, for
   * about two minutes.
   */
  private static final int SETTLE_RETRIES = 8;

  /** How often a node goes over the links of recently removed custom domains again. */
  private static final Duration REMOVED_SWEEP = Duration.ofMinutes(5);

  public static AccountsFeature init(
      NodeContext node,
      HttpSettings http,
      WebFeature web,
      LinkQueries links,
      RateLimits limits,
      dev.smo1.link.Links linkService,
      BillingFeature billing,
      dev.smo1.http.billing.BillingRoutes billingRoutes,
      WorkspaceService workspaces,
      Mailer mailer) {
    var config = node.system().settings().config();
    var settings = AccountSettings.from(config);
    URI dashboard = settings.dashboardUrl().orElse(web.dashboardUrl());
    var jdbc = new Jdbc(node.dataSource(), node.pools().requests());
    WorkspaceEntity.init(node.system(), node.clock(), billing.plans());
    WorkspaceProjection.init(node.system(), new JdbcSessions(node.dataSource()));
    var passwords = new Passwords(settings.passwordHashing());
    var mail = new MailedAccountMail(mailer, new AccountEmails(dashboard));
    var accounts =
        new AccountService(jdbc, passwords, workspaces, mail, node.clock(), settings.adminEmails());
    var keyStore = new ApiKeyStore();
    var keyAuthentication =
        new ApiKeyAuthentication(
                new Jdbc(node.dataSource(), node.pools().keyLookups()),
                keyStore,
                node.clock(),
                settings.adminEmails(),
                settings.keyCacheTtl())
            .start(node.system());
    var quotas = dev.smo1.accounts.workspace.PlanQuotas.of(workspaces);
    var keys = new ApiKeyService(jdbc, keyStore, keyAuthentication, node.clock(), quotas);
    var operations =
        new WorkspaceOperations(
            jdbc,
            workspaces,
            accounts,
            keys,
            mail,
            // counted once the read model has every link event written before the request
            workspace ->
                links
                    .countLiveSettled(workspace, java.time.Duration.ofSeconds(5))
                    .thenApply(count -> count > 0),
            node.clock());
    var authenticator =
        new Authenticator(
            keyAuthentication::authenticate,
            accounts::session,
            workspaces::roleOf,
            // pages of these origins may send cookie-authenticated unsafe calls (the
            // Authenticator keeps each URL's origin only: the dashboard's /app path is no part)
            new java.util.LinkedHashSet<>(
                java.util.List.of(http.publicBaseUrl(), web.appBaseUrl(), dashboard)),
            new SessionCookies(settings.secureCookies()));
    var bootstrap = new AccountsBootstrap(jdbc, workspaces, passwords, settings, node.clock());
    var created = bootstrap.prepare();
    // the workspace entities answer only once this node is Up in a cluster, which may be well
    // after start-up (Cluster Bootstrap, seed nodes still starting): settle then, off the
    // listener's thread (it is an actor) and off the start-up path
    Cluster.get(node.system().classicSystem())
        .registerOnMemberUp(
            () ->
                Patterns.retry(
                        () ->
                            settle(
                                bootstrap,
                                created,
                                () -> billing.settle(workspaces, settings.askTimeout()),
                                node),
                        SETTLE_RETRIES,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        0.2,
                        node.system())
                    .exceptionally(
                        error -> {
                          log.error(
                              "accounts start-up work failed; it is retried at the next start",
                              error);
                          return null;
                        }));
    var directory = new DomainDirectory(new Jdbc(node.dataSource(), node.pools().requests()));
    directory.refresh();
    var domains =
        domains(
            node,
            config,
            http,
            web,
            dashboard,
            directory,
            new RemovedDomainLinks(links, linkService),
            quotas);
    return new AccountsFeature(
        authenticator,
        new AccountRoutes(accounts, authenticator, limits, settings.secureCookies()),
        new WorkspaceRoutes(
            operations, keys, authenticator, new DomainRoutes(domains), billingRoutes),
        operations,
        created,
        passwords,
        directory);
  }

  /**
   * Custom domains, and their background checks on this node (every node takes due domains, each
   * domain by one node at a time).
   */
  private static DomainService domains(
      NodeContext node,
      com.typesafe.config.Config config,
      HttpSettings http,
      WebFeature web,
      URI dashboard,
      DomainDirectory directory,
      RemovedDomainLinks removedLinks,
      dev.smo1.accounts.workspace.PlanQuotas quotas) {
    var settings = DomainSettings.from(config);
    var own = new java.util.HashSet<String>();
    for (URI site : java.util.List.of(http.publicBaseUrl(), web.appBaseUrl(), dashboard)) {
      if (site.getHost() != null) {
        own.add(site.getHost().toLowerCase(java.util.Locale.ROOT));
      }
    }
    var domains =
        new DomainService(
            new Jdbc(node.dataSource(), node.pools().requests()),
            new DomainChecks(
                new DnsRecords(settings.resolver(), settings.resolverTimeout()), settings.target()),
            settings.rules(own),
            node.clock(),
            directory::refresh,
            removedLinks::disableAll,
            quotas);
    node.system()
        .scheduler()
        .scheduleWithFixedDelay(
            settings.checkEvery(),
            settings.checkEvery(),
            () ->
                domains
                    .checkDue(settings.checksPerRound())
                    .whenComplete(
                        (checked, error) -> {
                          if (error != null) {
                            log.warn("custom domain checks failed: {}", error.toString());
                          }
                        }),
            node.system().executionContext());
    // a removal's first pass over its links may have been cut short (a restart, the read model
    // behind): every node goes over the links of domains removed in the last day again
    node.system()
        .scheduler()
        .scheduleWithFixedDelay(
            REMOVED_SWEEP,
            REMOVED_SWEEP,
            () ->
                domains
                    .recentlyRemoved(java.time.Duration.ofDays(1))
                    .thenAccept(
                        removed ->
                            removed.forEach(
                                entry -> removedLinks.disableAll(entry.getKey(), entry.getValue())))
                    .whenComplete(
                        (ignored, error) -> {
                          if (error != null) {
                            log.warn(
                                "sweeping removed custom domains failed: {}", error.toString());
                          }
                        }),
            node.system().executionContext());
    log.info(
        "custom domains: DNS from {} target={}",
        settings.resolver(),
        settings.target().checked() ? settings.target().describe() : "not checked");
    return domains;
  }

  private static CompletionStage<Void> settle(
      AccountsBootstrap bootstrap,
      AccountsBootstrap.Created created,
      Runnable then,
      NodeContext node) {
    return CompletableFuture.runAsync(
            () -> {
              bootstrap.settle(created);
              then.run();
            },
            node.blocking())
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                log.warn("accounts start-up work failed, retrying error={}", error.toString());
              }
            });
  }
}
