package dev.smo1.billing.stripe;

import java.time.Instant;
import java.util.Optional;

/**
 * A Stripe subscription as billing reads it, fetched from Stripe when an event about it arrives (so
 * its state, not the order of events, decides).
 *
 * @param status Stripe's: {@code active}, {@code trialing}, {@code past_due}, {@code unpaid},
 *     {@code canceled}, {@code incomplete}, {@code incomplete_expired}, {@code paused}
 * @param itemId its one item (a plan per subscription), for a price change
 * @param workspace the workspace it pays for, from its metadata (set at Checkout)
 */
public record StripeSubscription(
    String id,
    String customer,
    String status,
    String itemId,
    String priceId,
    Instant created,
    Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    Optional<String> workspace) {

  /** Paid for, or about to be: the plan applies. */
  public boolean live() {
    return switch (status) {
      case "active", "trialing", "past_due", "unpaid" -> true;
      default -> false;
    };
  }

  /** Over: the workspace goes back to free. */
  public boolean ended() {
    return status.equals("canceled") || status.equals("incomplete_expired");
  }

  public boolean pastDue() {
    return status.equals("past_due") || status.equals("unpaid");
  }
}
