package dev.smo1.billing.stripe;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code smo1.billing.stripe} settings: the account's secret key and the webhook endpoint's
 * signing secret (both unset: no paid plans on this node), an API base other than Stripe's (the
 * local stand-in), and the timings of the webhook and of failed payments.
 *
 * @param localStandIn start the local Stripe stand-in in the node (the local profile) when no key
 *     is set
 * @param webhookTolerance how old a webhook's signature may be (Stripe's libraries: 5 minutes)
 * @param gracePeriod how long a workspace keeps its paid plan after a payment failed
 * @param sweepEvery how often a node looks for grace periods that ended
 */
public record StripeSettings(
    Optional<String> secretKey,
    Optional<String> webhookSecret,
    Optional<URI> apiBase,
    boolean localStandIn,
    Duration webhookTolerance,
    Duration gracePeriod,
    Duration sweepEvery) {

  public static StripeSettings from(Config config) {
    var stripe = config.getConfig("smo1.billing.stripe");
    return new StripeSettings(
        nonEmpty(stripe.getString("secret-key")),
        nonEmpty(stripe.getString("webhook-secret")),
        nonEmpty(stripe.getString("api-base")).map(URI::create),
        stripe.getBoolean("local-standin"),
        stripe.getDuration("webhook-tolerance"),
        config.getDuration("smo1.billing.grace-period"),
        config.getDuration("smo1.billing.sweep-every"));
  }

  /** Whether paid plans can be bought here: a key and a webhook secret are set. */
  public boolean configured() {
    return secretKey.isPresent() && webhookSecret.isPresent();
  }

  public StripeSettings withStripe(String key, String webhook, URI base) {
    return new StripeSettings(
        Optional.of(key),
        Optional.of(webhook),
        Optional.of(base),
        localStandIn,
        webhookTolerance,
        gracePeriod,
        sweepEvery);
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
