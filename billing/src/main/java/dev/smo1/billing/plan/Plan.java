package dev.smo1.billing.plan;

import dev.smo1.accounts.workspace.WorkspaceLimits;
import java.util.List;
import java.util.Optional;

/**
 * One plan of the plans file: what it costs, what it allows, what it turns on, and (for a paid
 * self-serve plan) the Stripe prices a subscription to it has.
 */
public record Plan(
    String id,
    String name,
    String description,
    Price price,
    WorkspaceLimits limits,
    List<String> features,
    Capabilities capabilities,
    boolean selfServe,
    Optional<StripePrices> stripe,
    boolean highlighted) {

  public Plan {
    features = List.copyOf(features);
  }

  /** In the currency's minor unit; null: priced per agreement. */
  public record Price(String currency, Long monthlyCents, Long yearlyCents) {}

  public record Capabilities(boolean passwordLinks, boolean rulesAndVariants, boolean webhooks) {}

  public record StripePrices(String monthlyPriceId, String yearlyPriceId) {}

  /** How often a subscription is billed. */
  public enum Interval {
    MONTH,
    YEAR
  }

  /** The Stripe price of this plan billed every {@code interval}; empty for a plan without. */
  public Optional<String> stripePrice(Interval interval) {
    return stripe.map(
        prices -> interval == Interval.MONTH ? prices.monthlyPriceId() : prices.yearlyPriceId());
  }
}
