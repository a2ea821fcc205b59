package dev.smo1.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billingportal.SessionCreateParams;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link StripeGateway} with stripe-java's {@link StripeClient}: against Stripe, or against the
 * local stand-in through its API base. Requests time out after 10 s and are retried twice by the
 * library (with idempotency keys of its own on retries of POSTs).
 */
public final class StripeJavaGateway implements StripeGateway {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final StripeClient client;

  public StripeJavaGateway(String secretKey, Optional<URI> apiBase) {
    var builder =
        StripeClient.builder()
            .setApiKey(secretKey)
            .setConnectTimeout(TIMEOUT_MILLIS)
            .setReadTimeout(TIMEOUT_MILLIS)
            .setMaxNetworkRetries(2);
    apiBase.ifPresent(base -> builder.setApiBase(withoutTrailingSlash(base)));
    this.client = builder.build();
  }

  private static String withoutTrailingSlash(URI base) {
    String text = base.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  @Override
  public String createCustomer(String workspace, String email, String name, String key) {
    return call(
            "create a customer",
            () ->
                client
                    .v1()
                    .customers()
                    .create(
                        CustomerCreateParams.builder()
                            .setEmail(email)
                            .setName(name)
                            .putMetadata("workspace", workspace)
                            .build(),
                        RequestOptions.builder().setIdempotencyKey(key).build()))
        .getId();
  }

  @Override
  public URI checkout(
      String customer,
      String workspace,
      String priceId,
      String successUrl,
      String cancelUrl,
      String idempotencyKey) {
    var params =
        com.stripe.param.checkout.SessionCreateParams.builder()
            .setMode(com.stripe.param.checkout.SessionCreateParams.Mode.SUBSCRIPTION)
            .setCustomer(customer)
            .setClientReferenceId(workspace)
            .addLineItem(
                com.stripe.param.checkout.SessionCreateParams.LineItem.builder()
                    .setPrice(priceId)
                    .setQuantity(1L)
                    .build())
            .setSuccessUrl(successUrl)
            .setCancelUrl(cancelUrl)
            .putMetadata("workspace", workspace)
            .setSubscriptionData(
                com.stripe.param.checkout.SessionCreateParams.SubscriptionData.builder()
                    .putMetadata("workspace", workspace)
                    .build())
            .build();
    var session =
        call(
            "create a Checkout Session",
            () ->
                client
                    .v1()
                    .checkout()
                    .sessions()
                    .create(
                        params,
                        RequestOptions.builder().setIdempotencyKey(idempotencyKey).build()));
    return URI.create(session.getUrl());
  }

  @Override
  public URI portal(String customer, URI returnUrl) {
    var session =
        call(
            "create a Customer Portal session",
            () ->
                client
                    .v1()
                    .billingPortal()
                    .sessions()
                    .create(
                        SessionCreateParams.builder()
                            .setCustomer(customer)
                            .setReturnUrl(returnUrl.toString())
                            .build()));
    return URI.create(session.getUrl());
  }

  @Override
  public StripeSubscription subscription(String id) {
    return of(call("read a subscription", () -> client.v1().subscriptions().retrieve(id)));
  }

  @Override
  public StripeSubscription changePrice(StripeSubscription subscription, String priceId) {
    var params =
        SubscriptionUpdateParams.builder()
            .addItem(
                SubscriptionUpdateParams.Item.builder()
                    .setId(subscription.itemId())
                    .setPrice(priceId)
                    .build())
            .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.CREATE_PRORATIONS)
            .build();
    return of(
        call(
            "change a subscription's price",
            () -> client.v1().subscriptions().update(subscription.id(), params)));
  }

  @Override
  public List<StripeInvoice> invoices(String customer, int limit) {
    var page =
        call(
            "list invoices",
            () ->
                client
                    .v1()
                    .invoices()
                    .list(
                        InvoiceListParams.builder()
                            .setCustomer(customer)
                            .setLimit((long) limit)
                            .build()));
    return page.getData().stream().map(StripeJavaGateway::of).toList();
  }

  static StripeSubscription of(Subscription subscription) {
    SubscriptionItem item = subscription.getItems().getData().getFirst();
    var metadata = subscription.getMetadata();
    return new StripeSubscription(
        subscription.getId(),
        subscription.getCustomer(),
        subscription.getStatus(),
        item.getId(),
        item.getPrice().getId(),
        Instant.ofEpochSecond(subscription.getCreated()),
        Instant.ofEpochSecond(item.getCurrentPeriodEnd()),
        Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
        Optional.ofNullable(metadata == null ? null : metadata.get("workspace")));
  }

  private static StripeInvoice of(Invoice invoice) {
    var line = invoice.getLines().getData().isEmpty() ? null : invoice.getLines().getData().get(0);
    // an invoice's own period looks back; the period paid for is its line's
    Instant start =
        Instant.ofEpochSecond(
            line != null ? line.getPeriod().getStart() : invoice.getPeriodStart());
    Instant end =
        Instant.ofEpochSecond(line != null ? line.getPeriod().getEnd() : invoice.getPeriodEnd());
    return new StripeInvoice(
        invoice.getId(),
        invoice.getNumber(),
        invoice.getStatus(),
        invoice.getCurrency(),
        invoice.getAmountDue(),
        invoice.getAmountPaid(),
        Instant.ofEpochSecond(invoice.getCreated()),
        start,
        end,
        invoice.getHostedInvoiceUrl());
  }

  private interface StripeCall<T> {
    T run() throws StripeException;
  }

  private static <T> T call(String what, StripeCall<T> request) {
    try {
      return request.run();
    } catch (StripeException e) {
      throw new StripeUnavailable(
          "Stripe refused or did not answer to " + what + ": " + e.getMessage(), e);
    }
  }
}
