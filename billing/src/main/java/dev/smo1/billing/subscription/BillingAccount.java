package dev.smo1.billing.subscription;

import java.time.Instant;
import java.util.Optional;

/**
 * A workspace's Stripe customer and the subscription as SMO1 last applied it (table {@code
 * billing_accounts}). Nullable fields are unknown until a subscription was seen.
 */
public record BillingAccount(
    String workspaceId,
    String customerId,
    String subscriptionId,
    String status,
    Instant subscriptionCreated,
    String priceId,
    String plan,
    Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    Instant pastDueSince,
    Instant graceEndsAt,
    Instant downgradedAt) {

  public static BillingAccount of(String workspaceId, String customerId) {
    return new BillingAccount(
        workspaceId, customerId, null, null, null, null, null, null, false, null, null, null);
  }

  /** The subscription paid for, or about to be, if any. */
  public Optional<String> liveSubscription() {
    if (subscriptionId == null || status == null) {
      return Optional.empty();
    }
    return switch (status) {
      case "active", "trialing", "past_due", "unpaid" -> Optional.of(subscriptionId);
      default -> Optional.empty();
    };
  }
}
