package dev.smo1.node.wiring;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.mail.Mailer;
import dev.smo1.accounts.workspace.PlanQuotas;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.http.webhook.WebhookRoutes;
import dev.smo1.projection.JdbcSessions;
import dev.smo1.webhooks.delivery.WebhookDispatcher;
import dev.smo1.webhooks.delivery.WebhookProjection;
import dev.smo1.webhooks.delivery.WebhookSender;
import dev.smo1.webhooks.delivery.WebhookSettings;
import dev.smo1.webhooks.endpoint.HostResolver;
import dev.smo1.webhooks.endpoint.WebhookEndpoints;
import dev.smo1.webhooks.endpoint.WebhookUrls;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks (decision 0035): the projection that queues a message per link event and subscribed
 * endpoint, the dispatcher every node runs (each message claimed by one node), and the routes of a
 * workspace's endpoints, open to plans with webhooks.
 */
public record WebhooksFeature(WebhookRoutes routes) {
  private static final Logger log = LoggerFactory.getLogger(WebhooksFeature.class);

  public static WebhooksFeature init(
      NodeContext node, Mailer mailer, PlanQuotas quotas, PlanCatalog plans) {
    var settings = WebhookSettings.from(node.system().settings().config());
    var jdbc = new Jdbc(node.dataSource(), node.pools().requests());
    var urls =
        new WebhookUrls(
            HostResolver.system(node.blocking()),
            settings.httpAllowed(),
            settings.privateAddressesAllowed());
    if (settings.privateAddressesAllowed()) {
      log.warn("webhook endpoints may be on private and loopback addresses (tests only)");
    }
    WebhookProjection.init(node.system(), new JdbcSessions(node.dataSource()), node.clock());
    var dispatcher =
        new WebhookDispatcher(
            jdbc,
            urls,
            new WebhookSender(node.system(), settings.timeout()),
            settings,
            node.clock(),
            mailer);
    node.system()
        .scheduler()
        .scheduleWithFixedDelay(
            settings.pollEvery(),
            settings.pollEvery(),
            () ->
                dispatcher
                    .round()
                    .whenComplete(
                        (tried, error) -> {
                          if (error != null) {
                            log.warn("webhook round failed: {}", error.toString());
                          }
                        }),
            node.system().executionContext());
    return new WebhooksFeature(
        new WebhookRoutes(
            new WebhookEndpoints(jdbc, node.clock()),
            urls,
            workspace ->
                quotas
                    .of(workspace)
                    .thenApply(
                        quota ->
                            quota
                                .flatMap(found -> plans.plan(found.plan().plan()))
                                .map(plan -> plan.capabilities().webhooks())
                                .orElse(false))
                    .exceptionallyCompose(failed -> CompletableFuture.completedFuture(false))));
  }
}
