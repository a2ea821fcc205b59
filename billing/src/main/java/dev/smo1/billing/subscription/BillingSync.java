package dev.smo1.billing.subscription;

import dev.smo1.accounts.mail.Email;
import dev.smo1.accounts.mail.Mailer;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.billing.mail.BillingEmails;
import dev.smo1.billing.notice.BillingNotices;
import dev.smo1.billing.plan.Plan;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.billing.stripe.StripeSubscription;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what {@link SubscriptionSync} decided, in the caller's transaction: the workspace entity
 * is told its plan (it answers before the transaction commits, so a plan change is in force on
 * every node once the webhook is answered), the account row is updated, and each notice not sent
 * before is recorded; the emails go out after the commit ({@link #send}).
 */
public final class BillingSync {
  private static final Logger log = LoggerFactory.getLogger(BillingSync.class);

  private final BillingAccounts accounts;
  private final PlanCatalog plans;
  private final WorkspaceService workspaces;
  private final BillingEmails emails;
  private final Clock clock;
  private final Duration grace;
  private final Duration askTimeout;
  private final BillingNotices notices;

  public BillingSync(
      BillingAccounts accounts,
      PlanCatalog plans,
      WorkspaceService workspaces,
      Mailer mailer,
      BillingEmails emails,
      Clock clock,
      Duration grace,
      Duration askTimeout) {
    this.accounts = accounts;
    this.plans = plans;
    this.workspaces = workspaces;
    this.emails = emails;
    this.clock = clock;
    this.grace = grace;
    this.askTimeout = askTimeout;
    this.notices = new BillingNotices(workspaces, askTimeout, mailer);
  }

  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Brings the (locked) account in line with {@code subscription} as Stripe has it now; answers the
   * emails to send once committed.
   */
  public List<Email> subscription(
      Connection connection, BillingAccount account, StripeSubscription subscription)
      throws SQLException {
    var price = plans.byStripePrice(subscription.priceId());
    if (price.isEmpty()) {
      log.error(
          "subscription {} of workspace {} has price {} of no plan: its plan is left as it is",
          subscription.id(),
          account.workspaceId(),
          subscription.priceId());
    }
    var outcome =
        SubscriptionSync.apply(
            account, subscription, price.map(priceOfPlan -> priceOfPlan.plan().id()), now(), grace);
    if (outcome.ignored()) {
      log.info(
          "subscription {} of workspace {} is older than its current one {}: ignored",
          subscription.id(),
          account.workspaceId(),
          account.subscriptionId());
      return List.of();
    }
    return apply(connection, outcome, "billing:" + subscription.id());
  }

  /** The account's grace period ended: the workspace goes to free. */
  public List<Email> graceEnded(Connection connection, BillingAccount account) throws SQLException {
    return SubscriptionSync.graceEnded(account, now())
        .map(
            outcome -> {
              try {
                return apply(
                    connection, outcome, "billing:grace-ended:" + account.subscriptionId());
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            })
        .orElse(List.of());
  }

  private List<Email> apply(Connection connection, SubscriptionSync.Outcome outcome, String by)
      throws SQLException {
    var account = outcome.account();
    if (outcome.plan().isPresent()) {
      try {
        workspaces
            .changePlan(account.workspaceId(), outcome.plan().get(), null, by)
            .toCompletableFuture()
            .get(askTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(
            "workspace " + account.workspaceId() + " refused plan " + outcome.plan().get(),
            e.getCause());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException(
            "workspace " + account.workspaceId() + " did not answer the plan change", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    Instant now = now();
    accounts.update(connection, account, now);
    var toSend = new ArrayList<Email>();
    List<String> recipients = null;
    for (var notice : outcome.notices()) {
      if (!notices.record(
          connection, account.workspaceId(), notice.kind().name(), notice.key(), now)) {
        continue;
      }
      if (recipients == null) {
        recipients = notices.recipients(connection, account.workspaceId());
      }
      String planName =
          notice.plan() == null
              ? "paid"
              : plans.plan(notice.plan()).map(Plan::name).orElse(notice.plan());
      for (String to : recipients) {
        toSend.add(emails.render(to, account.workspaceId(), notice, planName));
      }
      log.info(
          "billing notice {} for workspace {} to {} recipients",
          notice.kind(),
          account.workspaceId(),
          recipients.size());
    }
    return toSend;
  }

  /** Sends committed notices; a failure is logged (the notice is not sent again). */
  public void send(List<Email> messages) {
    notices.send(messages);
  }
}
