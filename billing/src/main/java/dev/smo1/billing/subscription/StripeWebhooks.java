package dev.smo1.billing.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.mail.Email;
import dev.smo1.billing.stripe.StripeGateway;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/billing/stripe/webhook}: Stripe's events, each verified, processed once, and
 * out-of-order safe.
 *
 * <ol>
 *   <li>{@code Stripe-Signature} is checked with the endpoint's secret (HMAC-SHA256 over {@code
 *       t.payload}, stripe-java's verifier) and its timestamp must be within the tolerance: else
 *       {@link Refused}, nothing stored.
 *   <li>The event's id is recorded in the same transaction as what it changes: a redelivered event
 *       finds it and changes nothing; an event whose processing failed is rolled back, answered
 *       5xx, and processed again when Stripe redelivers it.
 *   <li>An event only names the subscription it is about (its own, an invoice's, a Checkout
 *       Session's): the subscription is read from Stripe, and its state now decides ({@link
 *       SubscriptionSync}). So an {@code updated} arriving before {@code created}, or an old event
 *       late, is answered with the current state, not with the event's.
 * </ol>
 */
public final class StripeWebhooks {
  private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The signature is missing, wrong or too old, or the body is no event: 400, nothing stored. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  public enum Result {
    /** Applied. */
    PROCESSED,
    /** Seen before (a redelivery): nothing done. */
    DUPLICATE,
    /** An event billing does not act on, or about no workspace it knows: recorded only. */
    IGNORED
  }

  private final Jdbc jdbc;
  private final BillingAccounts accounts;
  private final StripeGateway stripe;
  private final BillingSync sync;
  private final String secret;
  private final Duration tolerance;

  public StripeWebhooks(
      Jdbc jdbc,
      BillingAccounts accounts,
      StripeGateway stripe,
      BillingSync sync,
      String secret,
      Duration tolerance) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.stripe = stripe;
    this.sync = sync;
    this.secret = secret;
    this.tolerance = tolerance;
  }

  /** Checks the signature at once (throws {@link Refused}), then processes on the pool. */
  public CompletionStage<Result> receive(String payload, String signature) {
    JsonNode event = verified(payload, signature);
    String id = event.path("id").asText();
    String type = event.path("type").asText();
    JsonNode object = event.path("data").path("object");
    Instant created = Instant.ofEpochSecond(event.path("created").asLong());
    return jdbc.<Processed>transaction(
            connection -> {
              if (!accounts.recordEvent(connection, id, type, created, sync.now())) {
                return new Processed(Result.DUPLICATE, List.of());
              }
              return process(connection, type, object);
            })
        .thenApply(
            processed -> {
              sync.send(processed.emails());
              log.info("stripe event {} {}: {}", id, type, processed.result());
              return processed.result();
            });
  }

  private record Processed(Result result, List<Email> emails) {}

  private Processed process(java.sql.Connection connection, String type, JsonNode object)
      throws java.sql.SQLException {
    Optional<String> subscriptionId = subscriptionOf(type, object);
    if (subscriptionId.isEmpty()) {
      return new Processed(Result.IGNORED, List.of());
    }
    if (type.equals("checkout.session.completed")) {
      String workspace = object.path("client_reference_id").asText("");
      String customer = object.path("customer").asText("");
      if (!workspace.isEmpty() && !customer.isEmpty()) {
        accounts.insertCustomer(connection, workspace, customer, sync.now());
      }
    }
    var subscription = stripe.subscription(subscriptionId.get());
    Optional<String> workspace =
        subscription
            .workspace()
            .or(
                () -> {
                  try {
                    return accounts
                        .byCustomer(connection, subscription.customer())
                        .map(BillingAccount::workspaceId);
                  } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
    if (workspace.isEmpty()) {
      log.warn(
          "subscription {} of customer {} names no workspace SMO1 knows: ignored",
          subscription.id(),
          subscription.customer());
      return new Processed(Result.IGNORED, List.of());
    }
    var locked = accounts.lock(connection, workspace.get());
    var account =
        locked.isPresent()
            ? locked.get()
            : accounts.insertCustomer(
                connection, workspace.get(), subscription.customer(), sync.now());
    if (!account.customerId().equals(subscription.customer())) {
      log.warn(
          "subscription {} is of customer {}, workspace {} has customer {}: ignored",
          subscription.id(),
          subscription.customer(),
          workspace.get(),
          account.customerId());
      return new Processed(Result.IGNORED, List.of());
    }
    return new Processed(Result.PROCESSED, sync.subscription(connection, account, subscription));
  }

  /** The subscription an event is about, for the events billing acts on. */
  static Optional<String> subscriptionOf(String type, JsonNode object) {
    String id =
        switch (type) {
          case "customer.subscription.created",
              "customer.subscription.updated",
              "customer.subscription.deleted",
              "customer.subscription.paused",
              "customer.subscription.resumed" ->
              object.path("id").asText("");
          case "invoice.paid", "invoice.payment_failed", "invoice.payment_succeeded" -> {
            String parent =
                object.path("parent").path("subscription_details").path("subscription").asText("");
            // API versions before 2025-03-31 named it at the top
            yield parent.isEmpty() ? object.path("subscription").asText("") : parent;
          }
          case "checkout.session.completed" -> object.path("subscription").asText("");
          default -> "";
        };
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  private JsonNode verified(String payload, String signature) {
    if (signature == null || signature.isBlank()) {
      throw new Refused("no Stripe-Signature header");
    }
    try {
      Webhook.Signature.verifyHeader(payload, signature, secret, tolerance.toSeconds());
    } catch (SignatureVerificationException e) {
      throw new Refused("Stripe-Signature does not verify: " + e.getMessage());
    }
    try {
      JsonNode event = MAPPER.readTree(payload);
      if (!event.path("id").isTextual() || !event.path("type").isTextual()) {
        throw new Refused("the body is not a Stripe event");
      }
      return event;
    } catch (IOException e) {
      throw new Refused("the body is not JSON");
    }
  }
}
