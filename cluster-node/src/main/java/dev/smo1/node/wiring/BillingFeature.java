package dev.smo1.node.wiring;

import dev.smo1.accounts.AccountSettings;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.mail.Mailer;
import dev.smo1.accounts.workspace.WorkspaceLinkSlots;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.billing.mail.BillingEmails;
import dev.smo1.billing.notice.BillingNotices;
import dev.smo1.billing.plan.EnterpriseWorkspaces;
import dev.smo1.billing.plan.Plan;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.billing.settings.BillingSettings;
import dev.smo1.billing.stripe.StripeJavaGateway;
import dev.smo1.billing.stripe.StripeSettings;
import dev.smo1.billing.subscription.BillingAccounts;
import dev.smo1.billing.subscription.BillingService;
import dev.smo1.billing.subscription.BillingSync;
import dev.smo1.billing.subscription.GraceSweep;
import dev.smo1.billing.subscription.StripeWebhooks;
import dev.smo1.billing.usage.UsageCounts;
import dev.smo1.billing.usage.UsageNoticeSweep;
import dev.smo1.billing.usage.UsageNotices;
import dev.smo1.billing.usage.UsageService;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.billing.BillingRoutes;
import dev.smo1.link.LinkSlots;
import dev.smo1.stripe.standin.CatalogPrice;
import dev.smo1.stripe.standin.StandInClock;
import dev.smo1.stripe.standin.StandInConfig;
import dev.smo1.stripe.standin.StripeStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans, quotas and billing on a node: the plans file (the workspace entity and link creation need
 * it), the link slots every create takes from its workspace entity, Stripe (Checkout, the portal,
 * the webhook, the grace sweep) when a key and a webhook secret are set, or the local stand-in in
 * its place (local profile), and the start-up step putting listed workspaces on enterprise.
 */
public record BillingFeature(
    PlanCatalog plans,
    BillingSettings settings,
    LinkSlots linkSlots,
    WorkspaceService workspaces,
    UsageNotices usageNotices,
    Optional<BillingService> service,
    Optional<StripeWebhooks> webhooks) {
  private static final Logger log = LoggerFactory.getLogger(BillingFeature.class);
  static final String WEBHOOK_PATH = "/api/v1/billing/stripe/webhook";

  public static BillingFeature init(
      NodeContext node,
      HttpSettings http,
      WebFeature web,
      WorkspaceService workspaces,
      Mailer mailer) {
    var config = node.system().settings().config();
    var plans = PlanCatalog.load();
    var settings = BillingSettings.from(config);
    var askTimeout = AccountSettings.from(config).askTimeout();
    var jdbc = new Jdbc(node.dataSource(), node.pools().requests());
    var notices = new BillingNotices(workspaces, askTimeout, mailer);
    var emails = new BillingEmails(web.dashboardUrl());
    var usageNotices = new UsageNotices(jdbc, notices, workspaces, plans, emails, node.clock());
    var stripe = StripeSettings.from(config);
    if (!stripe.configured() && stripe.localStandIn()) {
      stripe = startStandIn(node, http, plans, stripe);
    }
    Optional<BillingService> service = Optional.empty();
    Optional<StripeWebhooks> webhooks = Optional.empty();
    if (stripe.configured()) {
      var gateway = new StripeJavaGateway(stripe.secretKey().get(), stripe.apiBase());
      var accounts = new BillingAccounts();
      var sync =
          new BillingSync(
              accounts,
              plans,
              workspaces,
              mailer,
              emails,
              node.clock(),
              stripe.gracePeriod(),
              askTimeout);
      service =
          Optional.of(new BillingService(jdbc, accounts, gateway, sync, plans, web.dashboardUrl()));
      webhooks =
          Optional.of(
              new StripeWebhooks(
                  jdbc,
                  accounts,
                  gateway,
                  sync,
                  stripe.webhookSecret().get(),
                  stripe.webhookTolerance()));
      scheduleGraceSweep(node, new GraceSweep(jdbc, accounts, sync), stripe);
    }
    log.info(
        "plans {} enterprise workspaces {} stripe={}",
        plans.plans().stream().map(Plan::id).toList(),
        settings.enterpriseWorkspaces(),
        stripe.configured() ? stripe.apiBase().map(URI::toString).orElse("api.stripe.com") : "off");
    return new BillingFeature(
        plans,
        settings,
        new WorkspaceLinkSlots(workspaces, usageNotices),
        workspaces,
        usageNotices,
        service,
        webhooks);
  }

  /**
   * The routes, once the stores usage counts in are wired; starts the sweep emailing the tracked
   * clicks' usage notices.
   */
  public BillingRoutes routes(NodeContext node, UsageCounts counts) {
    var sweep =
        new UsageNoticeSweep(
            counts,
            usageNotices,
            plans,
            new Jdbc(node.dataSource(), node.pools().requests()),
            node.clock());
    every(
        node,
        settings.usageNoticesEvery(),
        () ->
            sweep
                .run()
                .whenComplete(
                    (sent, error) -> {
                      if (error != null) {
                        log.warn("the usage notice sweep failed: {}", error.toString());
                      } else if (sent > 0) {
                        log.info("the usage notice sweep sent {} emails", sent);
                      }
                    }));
    return new BillingRoutes(
        plans, workspaces, service, webhooks, new UsageService(workspaces, counts));
  }

  /**
   * The local stand-in for Stripe, in this node, on a free loopback port, with the plans' prices;
   * it sends its webhooks to this node's public base URL. Prints {@code SMO1_STRIPE_READY}.
   */
  private static StripeSettings startStandIn(
      NodeContext node, HttpSettings http, PlanCatalog plans, StripeSettings stripe) {
    var prices = new ArrayList<CatalogPrice>();
    for (Plan plan : plans.plans()) {
      if (plan.stripe().isEmpty() || plan.price().monthlyCents() == null) {
        continue;
      }
      String currency = plan.price().currency().toLowerCase(Locale.ROOT);
      String product = "prod_smo1_" + plan.id();
      prices.add(
          CatalogPrice.monthly(
              plan.stripe().get().monthlyPriceId(),
              product,
              plan.name(),
              currency,
              plan.price().monthlyCents()));
      prices.add(
          CatalogPrice.yearly(
              plan.stripe().get().yearlyPriceId(),
              product,
              plan.name(),
              currency,
              plan.price().yearlyCents()));
    }
    try {
      var standIn =
          StripeStandIn.start(
              StandInConfig.defaults()
                  .withPrices(prices)
                  .withClock(new StandInClock(node.clock())));
      String secret = "whsec_local_" + java.util.UUID.randomUUID().toString().replace("-", "");
      String base = http.publicBaseUrl().toString();
      URI webhook =
          URI.create(
              (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + WEBHOOK_PATH);
      standIn.setWebhookEndpoint(webhook, secret);
      node.closeOnShutdown("close-stripe-stand-in", standIn::close);
      System.out.println(
          "SMO1_STRIPE_READY api="
              + standIn.apiBase()
              + " pages="
              + standIn.pagesBase()
              + " webhook="
              + webhook
              + " (the local Stripe stand-in: pay with card 4242 4242 4242 4242)");
      return stripe.withStripe(standIn.secretKey(), secret, standIn.apiBase());
    } catch (IOException e) {
      throw new UncheckedIOException("the local Stripe stand-in did not start", e);
    }
  }

  private static void scheduleGraceSweep(
      NodeContext node, GraceSweep sweep, StripeSettings stripe) {
    every(
        node,
        stripe.sweepEvery(),
        () ->
            sweep
                .run()
                .whenComplete(
                    (downgraded, error) -> {
                      if (error != null) {
                        log.warn("the grace sweep failed: {}", error.toString());
                      } else if (downgraded > 0) {
                        log.info("the grace sweep moved {} workspaces to free", downgraded);
                      }
                    }));
  }

  /** {@code round} on a fixed delay (each round starts one after the last one started). */
  private static void every(NodeContext node, java.time.Duration delay, Runnable round) {
    node.system()
        .scheduler()
        .scheduleWithFixedDelay(delay, delay, round, node.system().executionContext());
  }

  /** Start-up work once the workspace entities answer (after the accounts' own): blocking. */
  public void settle(WorkspaceService workspaces, java.time.Duration wait) {
    EnterpriseWorkspaces.apply(workspaces, settings.enterpriseWorkspaces(), wait);
  }
}
