package dev.smo1.billing.stripe;

import java.time.Instant;

/** An invoice as the dashboard lists it; amounts in the currency's minor unit. */
public record StripeInvoice(
    String id,
    String number,
    String status,
    String currency,
    long amountDue,
    long amountPaid,
    Instant created,
    Instant periodStart,
    Instant periodEnd,
    String hostedInvoiceUrl) {}
