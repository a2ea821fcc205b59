package dev.smo1.stripe.standin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stand-in's objects as it keeps them. They are mutable on purpose and only ever touched while
 * holding the {@link Ledger}'s lock; nothing outside the ledger sees them, only their rendering in
 * Stripe's shapes ({@link StripeObjects}). Times are Unix seconds, as in the API.
 */
final class Entities {
  private Entities() {}

  /** What a test card does when charged, after Stripe's published test card numbers. */
  enum CardBehaviour {
    /** 4242 4242 4242 4242 and other valid test numbers. */
    SUCCEEDS,
    /** 4000 0000 0000 0341: attaches to the customer; every later charge fails. */
    CHARGES_FAIL,
    /** 4000 0000 0000 0002: declined outright. */
    DECLINED
  }

  static final class Card {
    final String paymentMethodId;
    final String brand;
    final String last4;
    final CardBehaviour behaviour;

    Card(String paymentMethodId, String brand, String last4, CardBehaviour behaviour) {
      this.paymentMethodId = paymentMethodId;
      this.brand = brand;
      this.last4 = last4;
      this.behaviour = behaviour;
    }
  }

  static final class Customer {
    String id;
    long created;
    String email;
    String name;
    Map<String, String> metadata = new LinkedHashMap<>();
    String testClock;
    String invoicePrefix;
    long nextInvoiceSequence = 1;
    long balance;
    String currency;
    Card card;
  }

  static final class CheckoutSession {
    String id;
    long created;
    long expiresAt;
    String customer;
    String customerEmail;
    String clientReferenceId;
    CatalogPrice price;
    long quantity;
    String successUrl;
    String cancelUrl;
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, String> subscriptionMetadata = new LinkedHashMap<>();
    String status = "open";
    String subscription;
    String invoice;
  }

  static final class PortalSession {
    String id;
    long created;
    String customer;
    String returnUrl;
  }

  static final class SubscriptionItem {
    String id;
    long created;
    CatalogPrice price;
    long quantity;
    long currentPeriodStart;
    long currentPeriodEnd;
  }

  static final class Subscription {
    String id;
    long created;
    String customer;
    String status;
    SubscriptionItem item;
    long billingCycleAnchor;
    long startDate;
    boolean cancelAtPeriodEnd;
    Long cancelAt;
    Long canceledAt;
    Long endedAt;
    String cancellationReason;
    Map<String, String> metadata = new LinkedHashMap<>();
    String latestInvoice;
    String defaultPaymentMethod;
    String testClock;
    String currency;

    /** Proration lines waiting for the next renewal invoice. */
    final List<InvoiceLine> pendingLines = new ArrayList<>();
  }

  static final class InvoiceLine {
    String id;
    String description;
    long amount;
    CatalogPrice price;
    long quantity;
    long periodStart;
    long periodEnd;
    boolean proration;
    String subscriptionItem;
  }

  static final class Invoice {
    String id;
    String number;
    long created;
    String customer;
    String customerEmail;
    String customerName;
    String subscription;
    Map<String, String> subscriptionMetadata = new LinkedHashMap<>();
    String billingReason;
    String currency;
    final List<InvoiceLine> lines = new ArrayList<>();
    String status;
    long amountPaid;
    long startingBalance;
    long endingBalance;
    long attemptCount;
    long periodStart;
    long periodEnd;
    Long finalizedAt;
    Long paidAt;
    Long nextPaymentAttempt;
    String testClock;

    long total() {
      return lines.stream().mapToLong(line -> line.amount).sum();
    }

    /** What is charged: the total less any credit the customer's balance held. */
    long amountDue() {
      return Math.max(0, total() + startingBalance);
    }
  }

  static final class TestClock {
    String id;
    long created;
    long frozenTime;
    String name;
    long deletesAfter;
  }
}
