package dev.smo1.billing.subscription;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.mail.Email;
import dev.smo1.billing.plan.Plan;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.billing.stripe.StripeGateway;
import dev.smo1.billing.stripe.StripeInvoice;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the dashboard's billing page asks: the account, a Checkout page to subscribe, a plan change
 * of a live subscription, the Customer Portal, the invoices. Stripe is called on the blocking pool;
 * the plan itself changes only through the webhook (or, for a price change, at once from Stripe's
 * answer), so every path goes through {@link SubscriptionSync}.
 */
public final class BillingService {
  private static final int INVOICES = 24;

  private final Jdbc jdbc;
  private final BillingAccounts accounts;
  private final StripeGateway stripe;
  private final BillingSync sync;
  private final PlanCatalog plans;
  private final String dashboard;

  /** {@code dashboard}: where the billing page is, e.g. {@code https://app.smo1.dev/app}. */
  public BillingService(
      Jdbc jdbc,
      BillingAccounts accounts,
      StripeGateway stripe,
      BillingSync sync,
      PlanCatalog plans,
      URI dashboard) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.stripe = stripe;
    this.sync = sync;
    this.plans = plans;
    String text = dashboard.toString();
    this.dashboard = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** The workspace's account; empty before its first checkout. */
  public CompletionStage<Optional<BillingAccount>> account(String workspace) {
    return jdbc.transaction(connection -> accounts.find(connection, workspace));
  }

  /** What a subscribe or change answers: a Checkout page to open, or the changed account. */
  public record Change(Optional<URI> checkoutUrl, Optional<BillingAccount> account) {}

  /**
   * Subscribes the workspace to {@code planId} billed every {@code interval}: without a live
   * subscription, a Checkout page (the plan changes once it is paid, by the webhook); with one, its
   * price is changed (prorated) and the plan with it.
   */
  public CompletionStage<Change> subscribe(
      String workspace, String planId, Plan.Interval interval, String email, String name) {
    Plan plan =
        plans
            .plan(planId)
            .filter(Plan::selfServe)
            .filter(found -> found.stripe().isPresent())
            .orElseThrow(
                () ->
                    new AccountException(
                        AccountError.INVALID_PLAN,
                        "plan must be a paid plan bought here ("
                            + String.join(
                                ", ",
                                plans.plans().stream()
                                    .filter(Plan::selfServe)
                                    .filter(found -> found.stripe().isPresent())
                                    .map(Plan::id)
                                    .toList())
                            + ")",
                        "plan"));
    String price = plan.stripePrice(interval).orElseThrow();
    return jdbc.transaction(
            connection -> {
              var locked = accounts.lock(connection, workspace);
              var account =
                  locked.isPresent()
                      ? locked.get()
                      : accounts.insertCustomer(
                          connection,
                          workspace,
                          stripe.createCustomer(workspace, email, name, "customer-" + workspace),
                          sync.now());
              if (account.liveSubscription().isEmpty()) {
                URI page = billingPage(workspace);
                URI checkout =
                    stripe.checkout(
                        account.customerId(),
                        workspace,
                        price,
                        page + "&checkout=done&session={CHECKOUT_SESSION_ID}",
                        page + "&checkout=cancelled",
                        "checkout-" + workspace + "-" + price + "-" + sync.now().toEpochMilli());
                return new Outcome(new Change(Optional.of(checkout), Optional.empty()), List.of());
              }
              var current = stripe.subscription(account.liveSubscription().get());
              var changed =
                  current.priceId().equals(price) ? current : stripe.changePrice(current, price);
              List<Email> emails = sync.subscription(connection, account, changed);
              return new Outcome(
                  new Change(Optional.empty(), accounts.find(connection, workspace)), emails);
            })
        .thenApply(
            outcome -> {
              sync.send(outcome.emails());
              return outcome.change();
            });
  }

  private record Outcome(Change change, List<Email> emails) {}

  /** The Customer Portal of the workspace's customer, returning to the billing page. */
  public CompletionStage<URI> portal(String workspace) {
    return jdbc.transaction(
        connection -> {
          var account =
              accounts
                  .find(connection, workspace)
                  .orElseThrow(
                      () ->
                          new AccountException(
                              AccountError.NOT_FOUND,
                              "workspace "
                                  + workspace
                                  + " has no billing account: subscribe first"));
          return stripe.portal(account.customerId(), billingPage(workspace));
        });
  }

  /** The workspace's newest invoices; none before its first checkout. */
  public CompletionStage<List<StripeInvoice>> invoices(String workspace) {
    return jdbc.transaction(
        connection ->
            accounts
                .find(connection, workspace)
                .map(account -> stripe.invoices(account.customerId(), INVOICES))
                .orElse(List.of()));
  }

  private URI billingPage(String workspace) {
    return URI.create(
        dashboard + "/billing/?workspace=" + URLEncoder.encode(workspace, StandardCharsets.UTF_8));
  }
}
