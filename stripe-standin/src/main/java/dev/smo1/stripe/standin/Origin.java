package dev.smo1.stripe.standin;

/**
 * The API request behind an event, as Stripe's event {@code request} field names it: null ids for
 * what happened without one (hosted pages, renewals, test clock advances).
 */
record Origin(String requestId, String idempotencyKey) {
  static final Origin AUTOMATIC = new Origin(null, null);
}
