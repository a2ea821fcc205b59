package dev.smo1.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.billing.stripe.StripeSubscription;
import dev.smo1.billing.subscription.SubscriptionSync.Notice;
import dev.smo1.billing.subscription.SubscriptionSync.NoticeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The webhook's state machine on its own: each subscription state gives the plan, the account and
 * the notices; a failed payment keeps the plan through its grace period and ends it after; an older
 * subscription's news is ignored.
 */
class SubscriptionSyncTest {
  private static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");
  private static final Instant PERIOD_END = Instant.parse("2030-04-01T10:00:00Z");
  private static final Duration GRACE = Duration.ofDays(7);
  private static final BillingAccount NEW = BillingAccount.of("acme", "cus_1");

  @Test
  void anActiveSubscriptionPutsTheWorkspaceOnItsPlan() {
    var outcome = SubscriptionSync.apply(NEW, sub("sub_1", "active", false), pro(), T0, GRACE);

    assertThat(outcome.plan()).contains("pro");
    assertThat(outcome.ignored()).isFalse();
    assertThat(outcome.account().subscriptionId()).isEqualTo("sub_1");
    assertThat(outcome.account().plan()).isEqualTo("pro");
    assertThat(outcome.account().currentPeriodEnd()).isEqualTo(PERIOD_END);
    assertThat(outcome.notices())
        .containsExactly(new Notice(NoticeKind.SUBSCRIBED, "sub_1:pro", "pro", PERIOD_END));
  }

  @Test
  void cancellingKeepsThePlanUntilThePeriodEndsThenFree() {
    var active = SubscriptionSync.apply(NEW, sub("sub_1", "active", false), pro(), T0, GRACE);
    var cancelling =
        SubscriptionSync.apply(active.account(), sub("sub_1", "active", true), pro(), T0, GRACE);
    assertThat(cancelling.plan()).contains("pro");
    assertThat(cancelling.account().cancelAtPeriodEnd()).isTrue();
    assertThat(cancelling.notices())
        .contains(new Notice(NoticeKind.CANCELLING, "sub_1:" + PERIOD_END, "pro", PERIOD_END));

    var ended =
        SubscriptionSync.apply(
            cancelling.account(), sub("sub_1", "canceled", true), pro(), PERIOD_END, GRACE);
    assertThat(ended.plan()).contains("free");
    assertThat(ended.account().plan()).isEqualTo("free");
    assertThat(ended.notices()).extracting(Notice::kind).containsExactly(NoticeKind.ENDED);
  }

  @Test
  void aFailedPaymentKeepsThePlanForTheGracePeriodThenFree() {
    var active = SubscriptionSync.apply(NEW, sub("sub_1", "active", false), pro(), T0, GRACE);
    var pastDue =
        SubscriptionSync.apply(active.account(), sub("sub_1", "past_due", false), pro(), T0, GRACE);
    assertThat(pastDue.plan()).contains("pro");
    assertThat(pastDue.account().pastDueSince()).isEqualTo(T0);
    assertThat(pastDue.account().graceEndsAt()).isEqualTo(T0.plus(GRACE));
    assertThat(pastDue.notices())
        .containsExactly(
            new Notice(NoticeKind.PAYMENT_FAILED, "sub_1:" + T0, "pro", T0.plus(GRACE)));

    // a retry failing again later keeps the first failure's grace period
    var again =
        SubscriptionSync.apply(
            pastDue.account(),
            sub("sub_1", "past_due", false),
            pro(),
            T0.plusSeconds(86_400 * 3),
            GRACE);
    assertThat(again.account().graceEndsAt()).isEqualTo(T0.plus(GRACE));

    assertThat(SubscriptionSync.graceEnded(again.account(), T0.plus(GRACE).minusSeconds(1)))
        .isEmpty();
    var downgraded = SubscriptionSync.graceEnded(again.account(), T0.plus(GRACE)).orElseThrow();
    assertThat(downgraded.plan()).contains("free");
    assertThat(downgraded.account().downgradedAt()).isEqualTo(T0.plus(GRACE));
    assertThat(downgraded.notices())
        .extracting(Notice::kind)
        .containsExactly(NoticeKind.DOWNGRADED);
    assertThat(SubscriptionSync.graceEnded(downgraded.account(), T0.plus(GRACE.multipliedBy(2))))
        .as("downgraded once")
        .isEmpty();

    // paid after all: back on the plan, the failure forgotten
    var paid =
        SubscriptionSync.apply(
            downgraded.account(),
            sub("sub_1", "active", false),
            pro(),
            T0.plus(GRACE.multipliedBy(2)),
            GRACE);
    assertThat(paid.plan()).contains("pro");
    assertThat(paid.account().pastDueSince()).isNull();
    assertThat(paid.account().downgradedAt()).isNull();
  }

  @Test
  void aPastDueStateFirstSeenAfterTheGracePeriodDowngradesAtOnce() {
    var active = SubscriptionSync.apply(NEW, sub("sub_1", "active", false), pro(), T0, GRACE);
    var pastDue =
        SubscriptionSync.apply(active.account(), sub("sub_1", "past_due", false), pro(), T0, GRACE);
    var late =
        SubscriptionSync.apply(
            pastDue.account(), sub("sub_1", "unpaid", false), pro(), T0.plus(GRACE), GRACE);
    assertThat(late.plan()).contains("free");
    assertThat(late.notices()).extracting(Notice::kind).containsExactly(NoticeKind.DOWNGRADED);
  }

  @Test
  void anOlderSubscriptionsNewsIsIgnoredWhileANewerOneIsLive() {
    var second =
        SubscriptionSync.apply(
            NEW, sub("sub_2", "active", false, T0.plusSeconds(60)), pro(), T0, GRACE);
    var lateCancel =
        SubscriptionSync.apply(second.account(), sub("sub_1", "canceled", false), pro(), T0, GRACE);
    assertThat(lateCancel.ignored()).isTrue();
    assertThat(lateCancel.plan()).isEmpty();
    assertThat(lateCancel.account()).isEqualTo(second.account());
  }

  @Test
  void aPriceOfNoPlanLeavesThePlanAsItWas() {
    var active = SubscriptionSync.apply(NEW, sub("sub_1", "active", false), pro(), T0, GRACE);
    var unknown =
        SubscriptionSync.apply(
            active.account(), sub("sub_1", "active", false), Optional.empty(), T0, GRACE);
    assertThat(unknown.plan()).contains("pro");
  }

  @Test
  void anIncompleteSubscriptionChangesNoPlan() {
    var incomplete =
        SubscriptionSync.apply(NEW, sub("sub_1", "incomplete", false), pro(), T0, GRACE);
    assertThat(incomplete.plan()).isEmpty();
    assertThat(incomplete.notices()).isEmpty();
  }

  private static Optional<String> pro() {
    return Optional.of("pro");
  }

  private static StripeSubscription sub(String id, String status, boolean cancelling) {
    return sub(id, status, cancelling, T0);
  }

  private static StripeSubscription sub(
      String id, String status, boolean cancelling, Instant created) {
    return new StripeSubscription(
        id,
        "cus_1",
        status,
        "si_" + id,
        "price_smo1_pro_monthly",
        created,
        PERIOD_END,
        cancelling,
        Optional.of("acme"));
  }
}
