package dev.smo1.billing.subscription;

import dev.smo1.accounts.workspace.PlanBook;
import dev.smo1.billing.stripe.StripeSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The webhook's state machine, without stores: from the account as SMO1 last applied it and the
 * subscription as Stripe has it now, the account to keep, the plan the workspace is on, and the
 * notices to email. Events only say which subscription to look at; its fetched state decides, so
 * events arriving late or out of order change nothing that a newer state did not already say.
 *
 * <pre>
 *   (none) ──checkout paid──▶ active ──payment fails──▶ past_due ──grace ends──▶ free (downgraded)
 *                              │  ▲                         │
 *                              │  └────── paid again ───────┘
 *                              ├──cancel at period end──▶ active, cancelling ──period ends──▶ canceled: free
 *                              └──price changed──▶ active on the new plan
 * </pre>
 */
public final class SubscriptionSync {

  /** What the workspace's owners and billing members are told, once per key. */
  public enum NoticeKind {
    SUBSCRIBED,
    CANCELLING,
    PAYMENT_FAILED,
    DOWNGRADED,
    ENDED
  }

  /**
   * One notice: {@code plan} the plan it is about, {@code date} the day it names (the period's or
   * the grace period's end), when it names one.
   */
  public record Notice(NoticeKind kind, String key, String plan, Instant date) {}

  /**
   * @param plan the plan the workspace is on now (empty: leave it as it is)
   * @param ignored the subscription is not the workspace's current one (an older one)
   */
  public record Outcome(
      BillingAccount account, Optional<String> plan, List<Notice> notices, boolean ignored) {}

  private SubscriptionSync() {}

  /**
   * @param planOfPrice the plan of the subscription's price; empty for a price of no plan (then the
   *     plan stays as it was)
   */
  public static Outcome apply(
      BillingAccount current,
      StripeSubscription subscription,
      Optional<String> planOfPrice,
      Instant now,
      Duration grace) {
    if (olderThanCurrent(current, subscription)) {
      return new Outcome(current, Optional.empty(), List.of(), true);
    }
    boolean same = subscription.id().equals(current.subscriptionId());
    var notices = new ArrayList<Notice>();
    Optional<String> plan;
    Instant pastDueSince = null;
    Instant graceEndsAt = null;
    Instant downgradedAt = null;
    if (subscription.ended()) {
      plan = Optional.of(PlanBook.FREE);
      notices.add(
          new Notice(
              NoticeKind.ENDED,
              subscription.id(),
              current.plan(),
              subscription.currentPeriodEnd()));
    } else if (subscription.pastDue()) {
      pastDueSince = same && current.pastDueSince() != null ? current.pastDueSince() : now;
      graceEndsAt = pastDueSince.plus(grace);
      String paidPlan = planOfPrice.orElse(current.plan());
      if (!now.isBefore(graceEndsAt)) {
        plan = Optional.of(PlanBook.FREE);
        downgradedAt = same && current.downgradedAt() != null ? current.downgradedAt() : now;
        notices.add(downgraded(subscription.id(), pastDueSince, paidPlan));
      } else {
        plan = Optional.ofNullable(paidPlan);
        notices.add(
            new Notice(
                NoticeKind.PAYMENT_FAILED,
                subscription.id() + ":" + pastDueSince,
                paidPlan,
                graceEndsAt));
      }
    } else if (subscription.live()) {
      plan = planOfPrice.or(() -> Optional.ofNullable(current.plan()));
      plan.ifPresent(
          paid ->
              notices.add(
                  new Notice(
                      NoticeKind.SUBSCRIBED,
                      subscription.id() + ":" + paid,
                      paid,
                      subscription.currentPeriodEnd())));
      if (subscription.cancelAtPeriodEnd()) {
        notices.add(
            new Notice(
                NoticeKind.CANCELLING,
                subscription.id() + ":" + subscription.currentPeriodEnd(),
                plan.orElse(null),
                subscription.currentPeriodEnd()));
      }
    } else {
      // incomplete (the first payment is pending) or paused: the plan stays as it is
      plan = Optional.empty();
    }
    var next =
        new BillingAccount(
            current.workspaceId(),
            current.customerId(),
            subscription.id(),
            subscription.status(),
            subscription.created(),
            subscription.priceId(),
            plan.orElse(current.plan()),
            subscription.currentPeriodEnd(),
            subscription.cancelAtPeriodEnd(),
            pastDueSince,
            graceEndsAt,
            downgradedAt);
    return new Outcome(next, plan, notices, false);
  }

  /** The grace period of a payment that failed ended by {@code now}: the workspace goes to free. */
  public static Optional<Outcome> graceEnded(BillingAccount current, Instant now) {
    if (current.graceEndsAt() == null
        || current.downgradedAt() != null
        || now.isBefore(current.graceEndsAt())) {
      return Optional.empty();
    }
    var next =
        new BillingAccount(
            current.workspaceId(),
            current.customerId(),
            current.subscriptionId(),
            current.status(),
            current.subscriptionCreated(),
            current.priceId(),
            PlanBook.FREE,
            current.currentPeriodEnd(),
            current.cancelAtPeriodEnd(),
            current.pastDueSince(),
            current.graceEndsAt(),
            now);
    return Optional.of(
        new Outcome(
            next,
            Optional.of(PlanBook.FREE),
            List.of(downgraded(current.subscriptionId(), current.pastDueSince(), current.plan())),
            false));
  }

  private static Notice downgraded(String subscription, Instant pastDueSince, String paidPlan) {
    return new Notice(
        NoticeKind.DOWNGRADED, subscription + ":" + pastDueSince, paidPlan, pastDueSince);
  }

  /**
   * Another subscription than the account's live one, and not newer: an old subscription's late
   * event (its cancellation) must not end the new one's plan.
   */
  private static boolean olderThanCurrent(BillingAccount current, StripeSubscription subscription) {
    if (current.subscriptionId() == null || subscription.id().equals(current.subscriptionId())) {
      return false;
    }
    if (current.liveSubscription().isEmpty()) {
      return false;
    }
    return subscription.ended()
        || current.subscriptionCreated() == null
        || !subscription.created().isAfter(current.subscriptionCreated());
  }
}
