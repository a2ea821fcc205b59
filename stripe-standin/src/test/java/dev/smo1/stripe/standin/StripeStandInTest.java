package dev.smo1.stripe.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeStandInTest {
  private static final String SIGNING_SECRET = "whsec_standin_test_secret";
  private static final Instant START = Instant.parse("2026-01-31T10:00:00Z");
  private static final CatalogPrice PRO_MONTHLY =
      CatalogPrice.monthly("price_pro_monthly", "prod_pro", "Pro", "usd", 1200)
          .withLookupKey("pro_monthly");
  private static final CatalogPrice PRO_YEARLY =
      CatalogPrice.yearly("price_pro_yearly", "prod_pro", "Pro", "usd", 12000);

  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final ObjectMapper json = new ObjectMapper();
  private MutableClock clock;
  private WebhookReceiver receiver;
  private StripeStandIn standIn;
  private StripeClient stripe;

  @BeforeEach
  void start() throws IOException {
    clock = new MutableClock(START);
    receiver = new WebhookReceiver();
    standIn =
        StripeStandIn.start(
            StandInConfig.defaults()
                .withClock(clock)
                .withPrices(List.of(PRO_MONTHLY, PRO_YEARLY))
                .withWebhook(new WebhookEndpoint(receiver.url(), SIGNING_SECRET))
                .withWebhookRetries(3, Duration.ofMillis(20)));
    stripe =
        StripeClient.builder()
            .setApiKey(standIn.secretKey())
            .setApiBase(standIn.apiBase().toString())
            .setMaxNetworkRetries(0)
            .build();
  }

  @AfterEach
  void stop() {
    standIn.close();
    receiver.close();
  }

  @Test
  void theApiVersionIsTheOneStripeJavaPins() {
    assertThat(StripeApiVersion.PINNED).isEqualTo(Stripe.API_VERSION);
  }

  @Test
  void hostedCheckoutCreatesAnActiveSubscriptionAPaidInvoiceAndSignedWebhooksInOrder()
      throws Exception {
    var customer = customer(null);
    var session = checkoutSession(customer.getId(), PRO_MONTHLY.id());
    assertThat(session.getStatus()).isEqualTo("open");
    assertThat(session.getUrl()).startsWith(standIn.pagesBase() + "/checkout/cs_test_");
    assertThat(session.getAmountTotal()).isEqualTo(1200L);

    var page = get(session.getUrl());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Pro", "$12.00", "<label for=\"card_number\">Card number</label>")
        .contains("value=\"4242 4242 4242 4242\"", "Pay and subscribe", "Back");

    var paid = pay(session.getUrl(), "4242 4242 4242 4242");
    assertThat(paid.statusCode()).isEqualTo(303);
    assertThat(paid.headers().firstValue("Location"))
        .contains("https://smo1.test/billing/done?session=" + session.getId());

    var completed =
        stripe
            .v1()
            .checkout()
            .sessions()
            .retrieve(
                session.getId(), SessionRetrieveParams.builder().addExpand("subscription").build());
    assertThat(completed.getStatus()).isEqualTo("complete");
    assertThat(completed.getPaymentStatus()).isEqualTo("paid");
    assertThat(completed.getUrl()).isNull();
    assertThat(completed.getCustomer()).isEqualTo(customer.getId());
    var subscription = completed.getSubscriptionObject();
    assertThat(subscription.getStatus()).isEqualTo("active");
    assertThat(subscription.getCustomer()).isEqualTo(customer.getId());
    assertThat(subscription.getMetadata()).containsEntry("workspace", "ws_1");
    var item = subscription.getItems().getData().getFirst();
    assertThat(item.getPrice().getId()).isEqualTo(PRO_MONTHLY.id());
    assertThat(item.getPrice().getLookupKey()).isEqualTo("pro_monthly");
    assertThat(item.getCurrentPeriodStart()).isEqualTo(START.getEpochSecond());
    // 31 January plus a month is the last day of February, as Stripe counts it
    assertThat(item.getCurrentPeriodEnd())
        .isEqualTo(Instant.parse("2026-02-28T10:00:00Z").getEpochSecond());

    var invoices =
        stripe
            .v1()
            .invoices()
            .list(InvoiceListParams.builder().setCustomer(customer.getId()).setLimit(10L).build());
    assertThat(invoices.getData()).hasSize(1);
    assertThat(invoices.getHasMore()).isFalse();
    assertThat(invoices.getUrl()).isEqualTo("/v1/invoices");
    var invoice = invoices.getData().getFirst();
    assertThat(invoice.getStatus()).isEqualTo("paid");
    assertThat(invoice.getAmountPaid()).isEqualTo(1200L);
    assertThat(invoice.getAmountDue()).isEqualTo(1200L);
    assertThat(invoice.getBillingReason()).isEqualTo("subscription_create");
    assertThat(invoice.getNumber()).matches("[0-9A-F]{8}-0001");
    assertThat(invoice.getParent().getSubscriptionDetails().getSubscription())
        .isEqualTo(subscription.getId());
    assertThat(invoice.getLines().getData().getFirst().getPeriod().getEnd())
        .isEqualTo(item.getCurrentPeriodEnd());
    assertThat(get(invoice.getHostedInvoiceUrl()).body()).contains(invoice.getNumber(), "paid");
    assertThat(stripe.v1().invoices().retrieve(invoice.getId()).getId()).isEqualTo(invoice.getId());

    var events = events();
    assertThat(events)
        .extracting(Event::getType)
        .containsExactly(
            "customer.created",
            "customer.subscription.created",
            "invoice.created",
            "invoice.finalized",
            "invoice.paid",
            "invoice.payment_succeeded",
            "checkout.session.completed");
    assertThat(events)
        .allSatisfy(
            event -> {
              assertThat(event.getApiVersion()).isEqualTo(Stripe.API_VERSION);
              assertThat(event.getLivemode()).isFalse();
              assertThat(event.getPendingWebhooks()).isEqualTo(1L);
              assertThat(event.getId()).startsWith("evt_");
            });
    var completedEvent = (Session) object(events.getLast());
    assertThat(completedEvent.getClientReferenceId()).isEqualTo("ws_1");
    assertThat(completedEvent.getSubscription()).isEqualTo(subscription.getId());
    assertThat(completedEvent.getMetadata()).containsEntry("workspace", "ws_1");
    assertThat(((Invoice) object(events.get(4))).getStatus()).isEqualTo("paid");
    assertThat(events.getFirst().getRequest().getIdempotencyKey()).isNotNull();
  }

  @Test
  void aWrongSecretOrATamperedBodyFailsTheSignature() throws Exception {
    customer(null);
    standIn.awaitWebhooks(Duration.ofSeconds(5));
    var delivery = receiver.received().getFirst();
    assertThat(delivery.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
    assertThat(Webhook.constructEvent(delivery.body(), delivery.signature(), SIGNING_SECRET))
        .isNotNull();
    assertThatThrownBy(
            () -> Webhook.constructEvent(delivery.body(), delivery.signature(), "whsec_other"))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(
            () ->
                Webhook.constructEvent(
                    delivery.body().replace("customer", "kustomer"),
                    delivery.signature(),
                    SIGNING_SECRET))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void portalCancelSetsCancelAtPeriodEndAndRenewUndoesIt() throws Exception {
    var customer = customer(null);
    var subscriptionId = subscribe(customer, "4242424242424242");
    var portal =
        stripe
            .v1()
            .billingPortal()
            .sessions()
            .create(
                com.stripe.param.billingportal.SessionCreateParams.builder()
                    .setCustomer(customer.getId())
                    .setReturnUrl("https://smo1.test/settings/billing")
                    .build());
    assertThat(portal.getUrl()).startsWith(standIn.pagesBase() + "/portal/bps_");
    var page = get(portal.getUrl()).body();
    assertThat(page).contains("Pro", "active", "Cancel plan", "Return to SMO1", "28 Feb 2026");
    assertThat(page).contains("href=\"https://smo1.test/settings/billing\"");

    var cancel = post(portal.getUrl() + "/cancel", "");
    assertThat(cancel.statusCode()).isEqualTo(303);
    var canceling = stripe.v1().subscriptions().retrieve(subscriptionId);
    assertThat(canceling.getCancelAtPeriodEnd()).isTrue();
    assertThat(canceling.getCancelAt())
        .isEqualTo(canceling.getItems().getData().getFirst().getCurrentPeriodEnd());
    assertThat(canceling.getStatus()).isEqualTo("active");
    assertThat(get(portal.getUrl()).body()).contains("Cancels at period end", "Renew plan");

    post(portal.getUrl() + "/renew", "");
    assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getCancelAtPeriodEnd())
        .isFalse();

    var updates =
        events().stream().filter(e -> e.getType().equals("customer.subscription.updated")).toList();
    assertThat(updates).hasSize(2);
    assertThat(((Subscription) object(updates.get(0))).getCancelAtPeriodEnd()).isTrue();
    assertThat(updates.get(0).getData().getPreviousAttributes())
        .containsEntry("cancel_at_period_end", false);
    assertThat(((Subscription) object(updates.get(1))).getCancelAtPeriodEnd()).isFalse();
  }

  @Test
  void advancingATestClockPastThePeriodEndEndsASubscriptionThatCancelsThen() throws Exception {
    var testClock = testClock();
    var customer = customer(testClock);
    var subscriptionId = subscribe(customer, "4242424242424242");
    stripe
        .v1()
        .subscriptions()
        .update(
            subscriptionId, SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
    var periodEnd =
        stripe
            .v1()
            .subscriptions()
            .retrieve(subscriptionId)
            .getItems()
            .getData()
            .getFirst()
            .getCurrentPeriodEnd();

    var advanced =
        stripe
            .v1()
            .testHelpers()
            .testClocks()
            .advance(
                testClock,
                TestClockAdvanceParams.builder().setFrozenTime(periodEnd + 3600).build());
    assertThat(advanced.getFrozenTime()).isEqualTo(periodEnd + 3600);
    assertThat(advanced.getStatus()).isEqualTo("ready");

    var ended = stripe.v1().subscriptions().retrieve(subscriptionId);
    assertThat(ended.getStatus()).isEqualTo("canceled");
    assertThat(ended.getEndedAt()).isEqualTo(periodEnd);
    var events = events();
    var deleted = events.stream().filter(e -> e.getType().equals("customer.subscription.deleted"));
    assertThat(deleted)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getCreated()).isEqualTo(periodEnd);
              assertThat(((Subscription) object(event)).getStatus()).isEqualTo("canceled");
            });
    assertThat(events).extracting(Event::getType).doesNotContain("invoice.payment_failed");
    assertThat(
            stripe
                .v1()
                .subscriptions()
                .list(
                    SubscriptionListParams.builder()
                        .setCustomer(customer.getId())
                        .setStatus(SubscriptionListParams.Status.ALL)
                        .build())
                .getData())
        .extracting(Subscription::getStatus)
        .containsExactly("canceled");
    assertThat(
            stripe
                .v1()
                .subscriptions()
                .list(SubscriptionListParams.builder().setCustomer(customer.getId()).build())
                .getData())
        .isEmpty();
  }

  @Test
  void aRenewalWithAWorkingCardIsPaidAndMovesThePeriodOn() throws Exception {
    var testClock = testClock();
    var customer = customer(testClock);
    var subscriptionId = subscribe(customer, "4242424242424242");
    var firstEnd =
        stripe
            .v1()
            .subscriptions()
            .retrieve(subscriptionId)
            .getItems()
            .getData()
            .getFirst()
            .getCurrentPeriodEnd();

    advance(testClock, firstEnd + 60);

    var renewed = stripe.v1().subscriptions().retrieve(subscriptionId);
    var item = renewed.getItems().getData().getFirst();
    assertThat(renewed.getStatus()).isEqualTo("active");
    assertThat(item.getCurrentPeriodStart()).isEqualTo(firstEnd);
    assertThat(item.getCurrentPeriodEnd())
        .isEqualTo(Instant.parse("2026-03-31T10:00:00Z").getEpochSecond());
    var invoices = invoices(customer);
    assertThat(invoices).hasSize(2);
    var renewal = invoices.getFirst();
    assertThat(renewal.getBillingReason()).isEqualTo("subscription_cycle");
    assertThat(renewal.getStatus()).isEqualTo("paid");
    assertThat(renewal.getNumber()).endsWith("-0002");
    assertThat(renewal.getId()).isEqualTo(renewed.getLatestInvoice());
    var events = events();
    var renewalTypes =
        events.subList(indexOfLast(events, "checkout.session.completed") + 1, events.size());
    assertThat(renewalTypes)
        .extracting(Event::getType)
        .containsExactly(
            "customer.subscription.updated",
            "invoice.created",
            "invoice.finalized",
            "invoice.paid",
            "invoice.payment_succeeded",
            "test_helpers.test_clock.ready");
    assertThat(renewalTypes.getFirst().getData().getPreviousAttributes()).containsKey("items");
  }

  @Test
  void aCardThatFailsLaterLeavesTheRenewalOpenAndTheSubscriptionPastDueUntilANewCard()
      throws Exception {
    var testClock = testClock();
    var customer = customer(testClock);
    var subscriptionId = subscribe(customer, "4000 0000 0000 0341");
    var firstEnd =
        stripe
            .v1()
            .subscriptions()
            .retrieve(subscriptionId)
            .getItems()
            .getData()
            .getFirst()
            .getCurrentPeriodEnd();

    advance(testClock, firstEnd + 60);

    assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getStatus())
        .isEqualTo("past_due");
    var renewal = invoices(customer).getFirst();
    assertThat(renewal.getStatus()).isEqualTo("open");
    assertThat(renewal.getAttemptCount()).isEqualTo(1L);
    assertThat(renewal.getNextPaymentAttempt()).isEqualTo(firstEnd + 3 * 86_400);
    var failed = events();
    assertThat(failed).extracting(Event::getType).contains("invoice.payment_failed");
    var pastDue =
        failed.stream()
            .filter(e -> e.getType().equals("customer.subscription.updated"))
            .map(e -> (Subscription) object(e))
            .filter(s -> s.getStatus().equals("past_due"))
            .toList();
    assertThat(pastDue).hasSize(1);

    var portal =
        stripe
            .v1()
            .billingPortal()
            .sessions()
            .create(
                com.stripe.param.billingportal.SessionCreateParams.builder()
                    .setCustomer(customer.getId())
                    .setReturnUrl("https://smo1.test/settings/billing")
                    .build());
    assertThat(get(portal.getUrl()).body()).contains("past_due", "Update payment method", "open");
    var declined = post(portal.getUrl() + "/payment-method", "card_number=4000000000000002");
    assertThat(declined.statusCode()).isEqualTo(402);
    assertThat(declined.body()).contains("Your card was declined.");
    var fixed = post(portal.getUrl() + "/payment-method", "card_number=4242424242424242");
    assertThat(fixed.statusCode()).isEqualTo(303);

    assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getStatus())
        .isEqualTo("active");
    assertThat(stripe.v1().invoices().retrieve(renewal.getId()).getStatus()).isEqualTo("paid");
    var after = events();
    assertThat(after.subList(failed.size(), after.size()))
        .extracting(Event::getType)
        .containsExactly(
            "invoice.paid", "invoice.payment_succeeded", "customer.subscription.updated");
  }

  @Test
  void unpaidAfterTheLastRetryTheSubscriptionIsCanceled() throws Exception {
    var testClock = testClock();
    var customer = customer(testClock);
    var subscriptionId = subscribe(customer, "4000000000000341");
    var firstEnd =
        stripe
            .v1()
            .subscriptions()
            .retrieve(subscriptionId)
            .getItems()
            .getData()
            .getFirst()
            .getCurrentPeriodEnd();

    advance(testClock, firstEnd + 16 * 86_400);

    var ended = stripe.v1().subscriptions().retrieve(subscriptionId);
    assertThat(ended.getStatus()).isEqualTo("canceled");
    assertThat(ended.getCancellationDetails().getReason()).isEqualTo("payment_failed");
    assertThat(events().stream().filter(e -> e.getType().equals("invoice.payment_failed")))
        .hasSize(4);
  }

  @Test
  void aDeclinedCardAtCheckoutShowsTheErrorAndCreatesNothing() throws Exception {
    var customer = customer(null);
    var session = checkoutSession(customer.getId(), PRO_MONTHLY.id());

    var declined = pay(session.getUrl(), "4000 0000 0000 0002");

    assertThat(declined.statusCode()).isEqualTo(402);
    assertThat(declined.body()).contains("role=\"alert\">Your card was declined.");
    assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus())
        .isEqualTo("open");
    assertThat(
            stripe
                .v1()
                .subscriptions()
                .list(
                    SubscriptionListParams.builder()
                        .setCustomer(customer.getId())
                        .setStatus(SubscriptionListParams.Status.ALL)
                        .build())
                .getData())
        .isEmpty();
    assertThat(events()).extracting(Event::getType).containsExactly("customer.created");
    assertThat(pay(session.getUrl(), "1234 5678").body()).contains("Your card number is invalid.");
  }

  @Test
  void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesOtherParameters() throws Exception {
    var options = RequestOptions.builder().setIdempotencyKey("create-customer-1").build();
    var params = CustomerCreateParams.builder().setEmail("ada@smo1.test").build();

    var first = stripe.v1().customers().create(params, options);
    var again = stripe.v1().customers().create(params, options);

    assertThat(again.getId()).isEqualTo(first.getId());
    assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed"))
        .contains("true");
    assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThatThrownBy(
            () ->
                stripe
                    .v1()
                    .customers()
                    .create(
                        CustomerCreateParams.builder().setEmail("bob@smo1.test").build(), options))
        .isInstanceOfSatisfying(
            IdempotencyException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
            });
    standIn.awaitWebhooks(Duration.ofSeconds(5));
    assertThat(standIn.webhookDeliveries()).hasSize(1);
  }

  @Test
  void withoutTheKeyOrWithAnotherKeyTheAnswerIs401() throws Exception {
    var other =
        StripeClient.builder()
            .setApiKey("sk_test_not_the_stand_in_key")
            .setApiBase(standIn.apiBase().toString())
            .build();
    assertThatThrownBy(() -> other.v1().customers().retrieve("cus_x"))
        .isInstanceOfSatisfying(
            AuthenticationException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));

    var anonymous =
        browser.send(
            HttpRequest.newBuilder(standIn.apiBase().resolve("/v1/customers/cus_x")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    var error = json.readTree(anonymous.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).contains("You did not provide an API key");
  }

  @Test
  void unknownIdsAre404WithStripesErrorShape() throws Exception {
    assertThatThrownBy(() -> stripe.v1().subscriptions().retrieve("sub_missing"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getCode()).isEqualTo("resource_missing");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("No such subscription: 'sub_missing'");
              assertThat(e.getParam()).isEqualTo("id");
            });
    var raw =
        browser.send(
            HttpRequest.newBuilder(standIn.apiBase().resolve("/v1/customers/cus_missing"))
                .header("Authorization", "Bearer " + standIn.secretKey())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(404);
    var error = json.readTree(raw.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("resource_missing");
    assertThat(error.get("message").asText()).isEqualTo("No such customer: 'cus_missing'");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    var route =
        browser.send(
            HttpRequest.newBuilder(standIn.apiBase().resolve("/v1/charges"))
                .header("Authorization", "Bearer " + standIn.secretKey())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(route.statusCode()).isEqualTo(404);
    assertThat(route.body()).contains("Unrecognized request URL (GET: /v1/charges)");
  }

  @Test
  void unknownParametersAndUnknownPricesAreRefusedAs400() {
    assertThatThrownBy(
            () ->
                stripe
                    .v1()
                    .customers()
                    .create(CustomerCreateParams.builder().putExtraParam("nickname", "x").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getCode()).isEqualTo("parameter_unknown");
              assertThat(e.getParam()).isEqualTo("nickname");
            });
    assertThatThrownBy(() -> checkoutSession(null, "price_missing"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getParam()).isEqualTo("line_items[0][price]");
              assertThat(e.getCode()).isEqualTo("resource_missing");
            });
  }

  @Test
  void changingToTheYearlyPriceRestartsTheCycleAndDeleteEndsTheSubscriptionNow() throws Exception {
    var customer = customer(null);
    var subscriptionId = subscribe(customer, "4242424242424242");
    var subscription = stripe.v1().subscriptions().retrieve(subscriptionId);
    clock.advance(Duration.ofDays(10));

    var yearly =
        stripe
            .v1()
            .subscriptions()
            .update(
                subscriptionId,
                SubscriptionUpdateParams.builder()
                    .addItem(
                        SubscriptionUpdateParams.Item.builder()
                            .setId(subscription.getItems().getData().getFirst().getId())
                            .setPrice(PRO_YEARLY.id())
                            .build())
                    .setProrationBehavior(
                        SubscriptionUpdateParams.ProrationBehavior.CREATE_PRORATIONS)
                    .build());

    var item = yearly.getItems().getData().getFirst();
    var now = clock.instant().getEpochSecond();
    assertThat(item.getPrice().getId()).isEqualTo(PRO_YEARLY.id());
    assertThat(item.getCurrentPeriodStart()).isEqualTo(now);
    assertThat(item.getCurrentPeriodEnd())
        .isEqualTo(
            ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusYears(1).toEpochSecond());
    var upgrade = invoices(customer).getFirst();
    assertThat(upgrade.getBillingReason()).isEqualTo("subscription_update");
    assertThat(upgrade.getStatus()).isEqualTo("paid");
    // a year less the unused 18 of 28 days of the month
    assertThat(upgrade.getTotal()).isEqualTo(12000L - Math.round(1200.0 * 18 / 28));

    var canceled = stripe.v1().subscriptions().cancel(subscriptionId);
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    assertThat(canceled.getEndedAt()).isEqualTo(now);
    assertThat(events()).extracting(Event::getType).endsWith("customer.subscription.deleted");
    assertThatThrownBy(() -> stripe.v1().subscriptions().cancel(subscriptionId))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void renewalsFollowTheStandInsOwnClockForCustomersOnNoTestClock() throws Exception {
    var customer = customer(null);
    var subscriptionId = subscribe(customer, "4242424242424242");

    clock.advance(Duration.ofDays(29));
    standIn.runDueWork();

    var renewed = stripe.v1().subscriptions().retrieve(subscriptionId);
    assertThat(renewed.getItems().getData().getFirst().getCurrentPeriodStart())
        .isEqualTo(Instant.parse("2026-02-28T10:00:00Z").getEpochSecond());
    assertThat(invoices(customer)).extracting(Invoice::getStatus).containsExactly("paid", "paid");
  }

  @Test
  void failedDeliveriesAreRetriedWithTheirAttemptsRecorded() throws Exception {
    receiver.failNext(2);

    customer(null);
    standIn.awaitWebhooks(Duration.ofSeconds(5));

    var delivery = standIn.webhookDeliveries().getFirst();
    assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
    assertThat(delivery.attempts())
        .extracting(attempt -> attempt.httpStatus().getAsInt())
        .containsExactly(500, 500, 200);
    assertThat(receiver.received()).hasSize(1);

    receiver.failNext(3);
    customer(null);
    standIn.awaitWebhooks(Duration.ofSeconds(5));
    assertThat(standIn.webhookDeliveries().getLast().status())
        .isEqualTo(WebhookDelivery.Status.FAILED);
    var listed =
        browser.send(
            HttpRequest.newBuilder(standIn.apiBase().resolve("/_standin/events")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json.readTree(listed.body()).get(1).get("status").asText()).isEqualTo("failed");
  }

  // ---- helpers

  private String testClock() throws StripeException {
    return stripe
        .v1()
        .testHelpers()
        .testClocks()
        .create(
            TestClockCreateParams.builder()
                .setFrozenTime(START.getEpochSecond())
                .setName("renewals")
                .build())
        .getId();
  }

  private void advance(String testClock, long to) throws StripeException {
    stripe
        .v1()
        .testHelpers()
        .testClocks()
        .advance(testClock, TestClockAdvanceParams.builder().setFrozenTime(to).build());
  }

  private Customer customer(String testClock) throws StripeException {
    var params =
        CustomerCreateParams.builder()
            .setEmail("ada@smo1.test")
            .setName("Ada")
            .putMetadata("workspace", "ws_1");
    if (testClock != null) {
      params.setTestClock(testClock);
    }
    return stripe
        .v1()
        .customers()
        .create(
            params.build(),
            RequestOptions.builder()
                .setIdempotencyKey(java.util.UUID.randomUUID().toString())
                .build());
  }

  private Session checkoutSession(String customerId, String price) throws StripeException {
    var params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
            .setClientReferenceId("ws_1")
            .addLineItem(
                SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
            .setSuccessUrl("https://smo1.test/billing/done?session={CHECKOUT_SESSION_ID}")
            .setCancelUrl("https://smo1.test/pricing")
            .putMetadata("workspace", "ws_1")
            .setSubscriptionData(
                SessionCreateParams.SubscriptionData.builder()
                    .putMetadata("workspace", "ws_1")
                    .build());
    if (customerId != null) {
      params.setCustomer(customerId);
    }
    return stripe.v1().checkout().sessions().create(params.build());
  }

  private String subscribe(Customer customer, String card) throws Exception {
    var session = checkoutSession(customer.getId(), PRO_MONTHLY.id());
    assertThat(pay(session.getUrl(), card).statusCode()).isEqualTo(303);
    return stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
  }

  private List<Invoice> invoices(Customer customer) throws StripeException {
    return stripe
        .v1()
        .invoices()
        .list(InvoiceListParams.builder().setCustomer(customer.getId()).build())
        .getData();
  }

  private HttpResponse<String> pay(String checkoutUrl, String card) throws Exception {
    return post(checkoutUrl, "card_number=" + URLEncoder.encode(card, StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String form) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every event received so far, each verified with its signature as billing will. */
  private List<Event> events() {
    assertThat(standIn.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
    return receiver.received().stream()
        .map(
            delivery -> {
              try {
                return Webhook.constructEvent(
                    delivery.body(), delivery.signature(), SIGNING_SECRET);
              } catch (SignatureVerificationException e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  private static StripeObject object(Event event) {
    return event.getDataObjectDeserializer().getObject().orElseThrow();
  }

  private static int indexOfLast(List<Event> events, String type) {
    for (var i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).getType().equals(type)) {
        return i;
      }
    }
    throw new AssertionError("no " + type);
  }
}
