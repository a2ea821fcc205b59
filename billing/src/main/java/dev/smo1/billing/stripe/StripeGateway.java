package dev.smo1.billing.stripe;

import java.net.URI;
import java.util.List;

/**
 * The calls billing makes to Stripe, blocking (run them on a pool for blocking work). One
 * implementation, {@link StripeJavaGateway}, with stripe-java against Stripe or the local stand-in.
 * Failures are {@link StripeUnavailable}.
 */
public interface StripeGateway {

  /** A customer for {@code workspace}; the same one for a retried call with the same key. */
  String createCustomer(String workspace, String email, String name, String idempotencyKey);

  /**
   * A Checkout Session subscribing {@code customer} to {@code priceId}: its page. {@code
   * successUrl} may hold Stripe's {@code {CHECKOUT_SESSION_ID}} (so it is no URI).
   */
  URI checkout(
      String customer,
      String workspace,
      String priceId,
      String successUrl,
      String cancelUrl,
      String idempotencyKey);

  /** A Customer Portal session of {@code customer}: its page. */
  URI portal(String customer, URI returnUrl);

  StripeSubscription subscription(String id);

  /** Moves the subscription's one item to {@code priceId}, prorated. */
  StripeSubscription changePrice(StripeSubscription subscription, String priceId);

  /** The customer's newest invoices, newest first. */
  List<StripeInvoice> invoices(String customer, int limit);

  /** Stripe did not answer, or answered an error SMO1 did not expect. */
  final class StripeUnavailable extends RuntimeException {
    public StripeUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
