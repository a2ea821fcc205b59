package dev.smo1.stripe.standin;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One event and what became of sending it, as a Stripe dashboard's event deliveries show it.
 *
 * @param eventId the event's {@code evt_…} id
 * @param type the event type, e.g. {@code invoice.paid}
 * @param endpoint where it was sent; empty when no endpoint was configured when it happened
 * @param status where the delivery stands
 * @param attempts every try so far, oldest first
 * @param payload the JSON body exactly as sent (and signed)
 */
public record WebhookDelivery(
    String eventId,
    String type,
    Optional<URI> endpoint,
    Status status,
    List<Attempt> attempts,
    String payload) {

  public enum Status {
    /** Queued or between retries. */
    PENDING,
    /** An attempt got a 2xx answer. */
    DELIVERED,
    /** Every attempt failed. */
    FAILED,
    /** No endpoint was configured: recorded, not sent. */
    NO_ENDPOINT
  }

  /**
   * @param httpStatus the receiver's status, empty if no answer came
   * @param error why no answer came, or empty
   */
  public record Attempt(Instant at, OptionalInt httpStatus, Optional<String> error) {}
}
