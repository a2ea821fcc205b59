package dev.smo1.stripe.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smo1.stripe.standin.Entities.Customer;
import dev.smo1.stripe.standin.Entities.Invoice;
import dev.smo1.stripe.standin.Entities.InvoiceLine;
import dev.smo1.stripe.standin.Entities.Subscription;
import java.util.List;
import java.util.Map;

/**
 * Renders the stand-in's objects in Stripe's shapes at {@link StripeApiVersion#PINNED}: every field
 * the API reference lists for the object, those the stand-in does not model at Stripe's defaults
 * (mostly {@code null}, {@code []} or {@code false}), so clients that read them find what Stripe
 * would send for a plain card subscription.
 */
final class StripeObjects {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final HostedUrls urls;

  StripeObjects(HostedUrls urls) {
    this.urls = urls;
  }

  /** Where the hosted pages of an object live, given the stand-in's public base. */
  interface HostedUrls {
    String checkout(String sessionId);

    String portal(String sessionId);

    String invoice(String invoiceId);
  }

  static ObjectNode object() {
    return JSON.objectNode();
  }

  static ObjectNode metadata(Map<String, String> metadata) {
    var node = JSON.objectNode();
    metadata.forEach(node::put);
    return node;
  }

  static ObjectNode list(String url, List<? extends JsonNode> data, boolean hasMore) {
    var node = object();
    node.put("object", "list");
    node.set("data", JSON.arrayNode().addAll(data));
    node.put("has_more", hasMore);
    node.put("url", url);
    return node;
  }

  private static void putNullable(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static void putNullable(ObjectNode node, String field, Long value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static void nulls(ObjectNode node, String... fields) {
    for (var field : fields) {
      node.putNull(field);
    }
  }

  private static void emptyArrays(ObjectNode node, String... fields) {
    for (var field : fields) {
      node.putArray(field);
    }
  }

  ObjectNode customer(Customer customer) {
    var node = object();
    node.put("id", customer.id);
    node.put("object", "customer");
    node.putNull("address");
    node.put("balance", customer.balance);
    node.putNull("business_name");
    node.put("created", customer.created);
    putNullable(node, "currency", customer.currency);
    node.putNull("default_source");
    node.put("delinquent", false);
    nulls(node, "description", "discount");
    putNullable(node, "email", customer.email);
    node.putNull("individual_name");
    node.put("invoice_prefix", customer.invoicePrefix);
    var invoiceSettings = node.putObject("invoice_settings");
    invoiceSettings.putNull("custom_fields");
    putNullable(
        invoiceSettings,
        "default_payment_method",
        customer.card == null ? null : customer.card.paymentMethodId);
    invoiceSettings.putNull("footer");
    invoiceSettings.putNull("rendering_options");
    node.put("livemode", false);
    node.set("metadata", metadata(customer.metadata));
    putNullable(node, "name", customer.name);
    node.put("next_invoice_sequence", customer.nextInvoiceSequence);
    node.putNull("phone");
    node.putArray("preferred_locales");
    node.putNull("shipping");
    node.put("tax_exempt", "none");
    putNullable(node, "test_clock", customer.testClock);
    return node;
  }

  /** The customer object with {@code delinquent} as Stripe derives it from open invoices. */
  ObjectNode customer(Customer customer, boolean delinquent) {
    var node = customer(customer);
    node.put("delinquent", delinquent);
    return node;
  }

  ObjectNode price(CatalogPrice price, long created) {
    var node = object();
    node.put("id", price.id());
    node.put("object", "price");
    node.put("active", true);
    node.put("billing_scheme", "per_unit");
    node.put("created", created);
    node.put("currency", price.currency());
    node.putNull("custom_unit_amount");
    node.put("livemode", false);
    putNullable(node, "lookup_key", price.lookupKey().orElse(null));
    node.set("metadata", object());
    node.put("nickname", price.productName());
    node.put("product", price.product());
    var recurring = node.putObject("recurring");
    recurring.put("interval", price.interval().apiName());
    recurring.put("interval_count", 1);
    recurring.putNull("meter");
    recurring.putNull("trial_period_days");
    recurring.put("usage_type", "licensed");
    node.put("tax_behavior", "unspecified");
    nulls(node, "tiers_mode", "transform_quantity");
    node.put("type", "recurring");
    node.put("unit_amount", price.unitAmount());
    node.put("unit_amount_decimal", Long.toString(price.unitAmount()));
    return node;
  }

  /** The legacy {@code plan} twin of a recurring price, still on subscription items. */
  ObjectNode plan(CatalogPrice price, long created) {
    var node = object();
    node.put("id", price.id());
    node.put("object", "plan");
    node.put("active", true);
    node.put("amount", price.unitAmount());
    node.put("amount_decimal", Long.toString(price.unitAmount()));
    node.put("billing_scheme", "per_unit");
    node.put("created", created);
    node.put("currency", price.currency());
    node.put("interval", price.interval().apiName());
    node.put("interval_count", 1);
    node.put("livemode", false);
    node.set("metadata", object());
    node.putNull("meter");
    node.put("nickname", price.productName());
    node.put("product", price.product());
    nulls(node, "tiers_mode", "transform_usage", "trial_period_days");
    node.put("usage_type", "licensed");
    return node;
  }

  ObjectNode checkoutSession(Entities.CheckoutSession session) {
    var amount = session.price.unitAmount() * session.quantity;
    var complete = session.status.equals("complete");
    var node = object();
    node.put("id", session.id);
    node.put("object", "checkout.session");
    nulls(node, "adaptive_pricing", "after_expiration", "allow_promotion_codes");
    node.put("amount_subtotal", amount);
    node.put("amount_total", amount);
    var automaticTax = node.putObject("automatic_tax");
    automaticTax.put("enabled", false);
    automaticTax.putNull("liability");
    automaticTax.putNull("provider");
    automaticTax.putNull("status");
    node.putNull("billing_address_collection");
    node.put("cancel_url", session.cancelUrl);
    putNullable(node, "client_reference_id", session.clientReferenceId);
    nulls(node, "client_secret", "collected_information", "consent", "consent_collection");
    node.put("created", session.created);
    node.put("currency", session.price.currency());
    node.putNull("currency_conversion");
    node.putArray("custom_fields");
    var customText = node.putObject("custom_text");
    nulls(customText, "after_submit", "shipping_address", "submit", "terms_of_service_acceptance");
    putNullable(node, "customer", session.customer);
    putNullable(node, "customer_creation", session.customer == null ? "always" : null);
    if (complete) {
      var details = node.putObject("customer_details");
      details.putNull("address");
      details.putNull("business_name");
      putNullable(details, "email", session.customerEmail);
      details.putNull("individual_name");
      details.putNull("name");
      details.putNull("phone");
      details.put("tax_exempt", "none");
      details.putArray("tax_ids");
    } else {
      node.putNull("customer_details");
    }
    putNullable(node, "customer_email", session.customer == null ? session.customerEmail : null);
    node.putArray("discounts");
    node.put("expires_at", session.expiresAt);
    putNullable(node, "invoice", session.invoice);
    nulls(node, "invoice_creation", "locale");
    node.put("livemode", false);
    node.set("metadata", metadata(session.metadata));
    node.put("mode", "subscription");
    node.put("origin_context", (String) null);
    nulls(node, "payment_intent", "payment_link");
    node.put("payment_method_collection", "always");
    nulls(node, "payment_method_configuration_details");
    node.putObject("payment_method_options");
    node.putArray("payment_method_types").add("card");
    node.put("payment_status", complete ? "paid" : "unpaid");
    nulls(node, "permissions");
    node.putObject("phone_number_collection").put("enabled", false);
    nulls(node, "recovered_from", "saved_payment_method_options", "setup_intent");
    nulls(node, "shipping_address_collection", "shipping_cost");
    node.putArray("shipping_options");
    node.put("status", session.status);
    node.putNull("submit_type");
    putNullable(node, "subscription", session.subscription);
    node.put("success_url", session.successUrl);
    var totals = node.putObject("total_details");
    totals.put("amount_discount", 0);
    totals.put("amount_shipping", 0);
    totals.put("amount_tax", 0);
    node.put("ui_mode", "hosted");
    // Stripe clears the URL once the session is no longer open
    putNullable(node, "url", session.status.equals("open") ? urls.checkout(session.id) : null);
    node.putNull("wallet_options");
    return node;
  }

  ObjectNode portalSession(Entities.PortalSession session, String configuration) {
    var node = object();
    node.put("id", session.id);
    node.put("object", "billing_portal.session");
    node.put("configuration", configuration);
    node.put("created", session.created);
    node.put("customer", session.customer);
    nulls(node, "flow", "locale", "on_behalf_of");
    node.put("livemode", false);
    putNullable(node, "return_url", session.returnUrl);
    node.put("url", urls.portal(session.id));
    return node;
  }

  ObjectNode subscriptionItem(Entities.SubscriptionItem item, String subscriptionId) {
    var node = object();
    node.put("id", item.id);
    node.put("object", "subscription_item");
    node.putNull("billing_thresholds");
    node.put("created", item.created);
    node.put("current_period_end", item.currentPeriodEnd);
    node.put("current_period_start", item.currentPeriodStart);
    node.putArray("discounts");
    node.set("metadata", object());
    node.set("plan", plan(item.price, item.created));
    node.set("price", price(item.price, item.created));
    node.put("quantity", item.quantity);
    node.put("subscription", subscriptionId);
    node.putArray("tax_rates");
    return node;
  }

  ObjectNode subscription(Subscription subscription) {
    var node = object();
    node.put("id", subscription.id);
    node.put("object", "subscription");
    nulls(node, "application", "application_fee_percent");
    var automaticTax = node.putObject("automatic_tax");
    automaticTax.putNull("disabled_reason");
    automaticTax.put("enabled", false);
    automaticTax.putNull("liability");
    node.put("billing_cycle_anchor", subscription.billingCycleAnchor);
    node.putNull("billing_cycle_anchor_config");
    var billingMode = node.putObject("billing_mode");
    billingMode.put("type", "classic");
    node.putNull("billing_thresholds");
    putNullable(node, "cancel_at", subscription.cancelAt);
    node.put("cancel_at_period_end", subscription.cancelAtPeriodEnd);
    putNullable(node, "canceled_at", subscription.canceledAt);
    var cancellation = node.putObject("cancellation_details");
    cancellation.putNull("comment");
    cancellation.putNull("feedback");
    putNullable(cancellation, "reason", subscription.cancellationReason);
    node.put("collection_method", "charge_automatically");
    node.put("created", subscription.created);
    node.put("currency", subscription.currency);
    node.put("customer", subscription.customer);
    node.putNull("days_until_due");
    putNullable(node, "default_payment_method", subscription.defaultPaymentMethod);
    node.putNull("default_source");
    emptyArrays(node, "default_tax_rates");
    node.putNull("description");
    emptyArrays(node, "discounts");
    putNullable(node, "ended_at", subscription.endedAt);
    var invoiceSettings = node.putObject("invoice_settings");
    invoiceSettings.putNull("account_tax_ids");
    invoiceSettings.putObject("issuer").put("type", "self");
    var items =
        list(
            "/v1/subscription_items?subscription=" + subscription.id,
            List.of(subscriptionItem(subscription.item, subscription.id)),
            false);
    items.put("total_count", 1);
    node.set("items", items);
    putNullable(node, "latest_invoice", subscription.latestInvoice);
    node.put("livemode", false);
    node.set("metadata", metadata(subscription.metadata));
    nulls(node, "next_pending_invoice_item_invoice", "on_behalf_of", "pause_collection");
    var paymentSettings = node.putObject("payment_settings");
    paymentSettings.putNull("payment_method_options");
    paymentSettings.putNull("payment_method_types");
    paymentSettings.put("save_default_payment_method", "off");
    nulls(node, "pending_invoice_item_interval", "pending_setup_intent", "pending_update");
    node.putNull("schedule");
    node.put("start_date", subscription.startDate);
    node.put("status", subscription.status);
    putNullable(node, "test_clock", subscription.testClock);
    nulls(node, "transfer_data", "trial_end");
    node.putObject("trial_settings")
        .putObject("end_behavior")
        .put("missing_payment_method", "create_invoice");
    node.putNull("trial_start");
    return node;
  }

  ObjectNode invoiceLine(InvoiceLine line, Invoice invoice) {
    var node = object();
    node.put("id", line.id);
    node.put("object", "line_item");
    node.put("amount", line.amount);
    node.put("currency", invoice.currency);
    node.put("description", line.description);
    node.putArray("discount_amounts");
    node.put("discountable", !line.proration);
    node.putArray("discounts");
    node.put("invoice", invoice.id);
    node.put("livemode", false);
    node.set("metadata", object());
    var parent = node.putObject("parent");
    parent.putNull("invoice_item_details");
    var details = parent.putObject("subscription_item_details");
    details.putNull("invoice_item");
    details.put("proration", line.proration);
    details.putObject("proration_details").putNull("credited_items");
    details.put("subscription", invoice.subscription);
    details.put("subscription_item", line.subscriptionItem);
    parent.put("type", "subscription_item_details");
    var period = node.putObject("period");
    period.put("end", line.periodEnd);
    period.put("start", line.periodStart);
    node.putArray("pretax_credit_amounts");
    var pricing = node.putObject("pricing");
    var priceDetails = pricing.putObject("price_details");
    priceDetails.put("price", line.price.id());
    priceDetails.put("product", line.price.product());
    pricing.put("type", "price_details");
    pricing.put("unit_amount_decimal", Long.toString(line.price.unitAmount()));
    node.put("quantity", line.quantity);
    node.putArray("taxes");
    return node;
  }

  ObjectNode invoice(Invoice invoice) {
    var total = invoice.total();
    var amountDue = invoice.amountDue();
    var node = object();
    node.put("id", invoice.id);
    node.put("object", "invoice");
    node.put("account_country", "US");
    node.put("account_name", "SMO1");
    node.putNull("account_tax_ids");
    node.put("amount_due", amountDue);
    node.put("amount_overpaid", 0);
    node.put("amount_paid", invoice.amountPaid);
    node.put("amount_remaining", amountDue - invoice.amountPaid);
    node.put("amount_shipping", 0);
    node.putNull("application");
    node.put("attempt_count", invoice.attemptCount);
    node.put("attempted", invoice.attemptCount > 0);
    node.put("auto_advance", !invoice.status.equals("paid"));
    var automaticTax = node.putObject("automatic_tax");
    automaticTax.putNull("disabled_reason");
    automaticTax.put("enabled", false);
    automaticTax.putNull("liability");
    automaticTax.putNull("provider");
    automaticTax.putNull("status");
    node.putNull("automatically_finalizes_at");
    node.put("billing_reason", invoice.billingReason);
    node.put("collection_method", "charge_automatically");
    node.putNull("confirmation_secret");
    node.put("created", invoice.created);
    node.put("currency", invoice.currency);
    node.putNull("custom_fields");
    node.put("customer", invoice.customer);
    node.putNull("customer_address");
    putNullable(node, "customer_email", invoice.customerEmail);
    putNullable(node, "customer_name", invoice.customerName);
    nulls(node, "customer_phone", "customer_shipping");
    node.put("customer_tax_exempt", "none");
    node.putArray("customer_tax_ids");
    nulls(node, "default_payment_method", "default_source");
    node.putArray("default_tax_rates");
    node.putNull("description");
    node.putArray("discounts");
    node.putNull("due_date");
    putNullable(node, "effective_at", invoice.finalizedAt);
    node.put("ending_balance", invoice.finalizedAt == null ? null : invoice.endingBalance);
    nulls(node, "footer", "from_invoice");
    var finalized = invoice.finalizedAt != null;
    putNullable(node, "hosted_invoice_url", finalized ? urls.invoice(invoice.id) : null);
    putNullable(node, "invoice_pdf", finalized ? urls.invoice(invoice.id) + "/pdf" : null);
    node.putObject("issuer").put("type", "self");
    nulls(node, "last_finalization_error", "latest_revision");
    var lines =
        list(
            "/v1/invoices/" + invoice.id + "/lines",
            invoice.lines.stream().map(line -> invoiceLine(line, invoice)).toList(),
            false);
    lines.put("total_count", invoice.lines.size());
    node.set("lines", lines);
    node.put("livemode", false);
    node.set("metadata", object());
    putNullable(node, "next_payment_attempt", invoice.nextPaymentAttempt);
    putNullable(node, "number", invoice.number);
    node.putNull("on_behalf_of");
    var parent = node.putObject("parent");
    parent.putNull("quote_details");
    var subscriptionDetails = parent.putObject("subscription_details");
    subscriptionDetails.set("metadata", metadata(invoice.subscriptionMetadata));
    subscriptionDetails.put("subscription", invoice.subscription);
    parent.put("type", "subscription_details");
    var paymentSettings = node.putObject("payment_settings");
    nulls(paymentSettings, "default_mandate", "payment_method_options", "payment_method_types");
    node.put("period_end", invoice.periodEnd);
    node.put("period_start", invoice.periodStart);
    node.put("post_payment_credit_notes_amount", 0);
    node.put("pre_payment_credit_notes_amount", 0);
    nulls(node, "receipt_number", "rendering", "shipping_cost", "shipping_details");
    node.put("starting_balance", invoice.startingBalance);
    node.putNull("statement_descriptor");
    node.put("status", invoice.status);
    var transitions = node.putObject("status_transitions");
    putNullable(transitions, "finalized_at", invoice.finalizedAt);
    transitions.putNull("marked_uncollectible_at");
    putNullable(transitions, "paid_at", invoice.paidAt);
    transitions.putNull("voided_at");
    node.put("subtotal", total);
    node.put("subtotal_excluding_tax", total);
    putNullable(node, "test_clock", invoice.testClock);
    node.put("total", total);
    node.putArray("total_discount_amounts");
    node.put("total_excluding_tax", total);
    node.putArray("total_pretax_credit_amounts");
    node.putArray("total_taxes");
    putNullable(node, "webhooks_delivered_at", invoice.finalizedAt);
    return node;
  }

  ObjectNode testClock(Entities.TestClock clock) {
    var node = object();
    node.put("id", clock.id);
    node.put("object", "test_helpers.test_clock");
    node.put("created", clock.created);
    node.put("deletes_after", clock.deletesAfter);
    node.put("frozen_time", clock.frozenTime);
    node.put("livemode", false);
    putNullable(node, "name", clock.name);
    node.put("status", "ready");
    node.putObject("status_details");
    return node;
  }

  static ArrayNode array() {
    return JSON.arrayNode();
  }
}
