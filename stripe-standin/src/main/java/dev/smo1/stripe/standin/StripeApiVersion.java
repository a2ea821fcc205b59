package dev.smo1.stripe.standin;

/**
 * The one Stripe API version the stand-in speaks: the version stripe-java 31.0.0 pins ({@code
 * com.stripe.Stripe.API_VERSION}), so its model classes read every answer and event. A test holds
 * this to the client's constant; moving stripe-java means re-reading the changelog between the two
 * versions for the endpoints the stand-in serves.
 */
final class StripeApiVersion {
  static final String PINNED = "2025-11-17.clover";

  private StripeApiVersion() {}
}
