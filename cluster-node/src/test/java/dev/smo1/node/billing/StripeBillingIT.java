package dev.smo1.node.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.stripe.StripeClient;
import com.stripe.param.SubscriptionUpdateParams;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.http.json.Json;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.accounts.AccountsTestNode;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.stripe.standin.CatalogPrice;
import dev.smo1.stripe.standin.StandInConfig;
import dev.smo1.stripe.standin.StripeStandIn;
import dev.smo1.testing.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Billing against the local Stripe stand-in, with webhooks signed as Stripe signs them, on a node
 * whose clock and the stand-in's are one {@link MutableClock}: Checkout subscribes a workspace (the
 * plan changes by the webhook); a wrong signature and a stale timestamp are refused with nothing
 * stored; a replayed event changes nothing; {@code updated} before {@code created} ends on the
 * subscription's current state; a failed payment keeps the plan for the grace period, then the
 * workspace goes to free; a cancellation at period end keeps the plan until then. Each step's email
 * reaches the owner (GreenMail).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(
    org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension.class)
class StripeBillingIT {
  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  private static final String WEBHOOK_SECRET = "whsec_billing_test_" + UUID.randomUUID();

  private static final MutableClock clock = new MutableClock(Instant.now());
  private static StripeStandIn stripe;
  private static AccountsTestNode accounts;
  private static Node node;
  private static ApiClient api;
  private static String database;
  private static final HttpClient browser = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    var prices = new ArrayList<CatalogPrice>();
    PlanCatalog.load()
        .stripePrices()
        .forEach(
            (id, price) -> {
              var plan = price.plan();
              prices.add(
                  price.interval() == dev.smo1.billing.plan.Plan.Interval.MONTH
                      ? CatalogPrice.monthly(
                          id, "prod_" + plan.id(), plan.name(), "usd", plan.price().monthlyCents())
                      : CatalogPrice.yearly(
                          id, "prod_" + plan.id(), plan.name(), "usd", plan.price().yearlyCents()));
            });
    stripe = StripeStandIn.start(StandInConfig.defaults().withPrices(prices).withClock(clock));
    accounts =
        new AccountsTestNode(
            mail,
            Map.of(
                "smo1.accounts.secure-cookies",
                false,
                "smo1.billing.stripe.secret-key",
                stripe.secretKey(),
                "smo1.billing.stripe.webhook-secret",
                WEBHOOK_SECRET,
                "smo1.billing.stripe.api-base",
                stripe.apiBase().toString(),
                "smo1.billing.sweep-every",
                "200ms"),
            clock);
    node = accounts.node();
    api = accounts.api();
    database = accounts.database();
    stripe.setWebhookEndpoint(webhookUrl(), WEBHOOK_SECRET);
  }

  @AfterAll
  static void stop() {
    if (accounts != null) {
      accounts.close();
    }
    if (stripe != null) {
      stripe.close();
    }
  }

  @Test
  @Order(1)
  void checkoutSubscribesTheWorkspaceOnceStripeSaysItIsPaid() throws Exception {
    var owner = owner("ann");
    assertThat(billing(owner, "ann-team").path("plan").asText()).isEqualTo("free");

    pay(owner, "ann-team", "pro", "4242 4242 4242 4242");

    awaitPlan(owner, "ann-team", "pro");
    // the plan is in force before the webhook's transaction commits the account row
    awaitSubscription(owner, "ann-team", "active");
    var subscription = billing(owner, "ann-team").path("subscription");
    assertThat(subscription.path("status").asText()).isEqualTo("active");
    assertThat(subscription.path("interval").asText()).isEqualTo("month");
    assertThat(billing(owner, "ann-team").path("limits").path("linksPerMonth").asLong())
        .isEqualTo(2000);
    awaitEmail(owner.email(), "is on the Pro plan");

    var invoices = owner.get("/api/v1/workspaces/ann-team/billing/invoices");
    assertThat(invoices.statusCode()).as(invoices.body()).isEqualTo(200);
    assertThat(json(invoices).path("invoices").get(0).path("amountPaid").asLong()).isEqualTo(1200);
  }

  @Test
  @Order(2)
  void aWrongSignatureOrAStaleTimestampIsRefusedAndNothingStored() {
    String eventId = "evt_forged_" + UUID.randomUUID();
    String payload = event(eventId, "customer.subscription.updated", "sub_x");
    long now = System.currentTimeMillis() / 1000;

    var forged = deliver(payload, "t=" + now + ",v1=" + hmac(now + "." + payload, "whsec_other"));
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
    assertThat(json(forged).path("code").asText()).isEqualTo("invalid_signature");

    var tampered = deliver(payload + " ", signature(payload, now));
    assertThat(tampered.statusCode()).isEqualTo(400);

    var stale = deliver(payload, signature(payload, now - 600));
    assertThat(stale.statusCode()).as("signed ten minutes ago").isEqualTo(400);
    assertThat(json(stale).path("code").asText()).isEqualTo("invalid_signature");

    var unsigned =
        api.send(
            api.request("/api/v1/billing/stripe/webhook")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload)));
    assertThat(unsigned.statusCode()).isEqualTo(400);

    // (the stand-in may still be delivering the first test's events: only this one is counted)
    assertThat(
            TestPostgres.count(
                database, "SELECT count(*) FROM stripe_events WHERE event_id = '" + eventId + "'"))
        .as("the forged event stored")
        .isZero();
  }

  @Test
  @Order(3)
  void aReplayedEventIsAnsweredAndChangesNothing() throws Exception {
    var delivered =
        stripe.webhookDeliveries().stream()
            .filter(delivery -> delivery.type().equals("customer.subscription.created"))
            .findFirst()
            .orElseThrow();
    int emails = mail.getReceivedMessages().length;
    String eventId = Json.MAPPER.readTree(delivered.payload()).path("id").asText();
    String stored = "SELECT count(*) FROM stripe_events WHERE event_id = '" + eventId + "'";
    assertThat(TestPostgres.count(database, stored)).isEqualTo(1);

    var replay = deliver(delivered.payload(), signature(delivered.payload(), nowSeconds()));

    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
    assertThat(json(replay).path("result").asText()).isEqualTo("duplicate");
    assertThat(TestPostgres.count(database, stored)).isEqualTo(1);
    Thread.sleep(300);
    assertThat(mail.getReceivedMessages()).hasSize(emails);
  }

  @Test
  @Order(4)
  void anUpdateBeforeItsCreateEndsOnTheSubscriptionsCurrentState() throws Exception {
    var owner = owner("bea");
    stripe.clearWebhookEndpoint();
    try {
      pay(owner, "bea-team", "pro", "4242 4242 4242 4242");
      String subscriptionId = subscriptionOfCustomerOf("bea-team");
      // changed to Business on Stripe: no event reaches the node (the endpoint is cleared)
      var client = stripeClient();
      var subscription = client.v1().subscriptions().retrieve(subscriptionId);
      client
          .v1()
          .subscriptions()
          .update(
              subscriptionId,
              SubscriptionUpdateParams.builder()
                  .addItem(
                      SubscriptionUpdateParams.Item.builder()
                          .setId(subscription.getItems().getData().getFirst().getId())
                          .setPrice("price_smo1_business_monthly")
                          .build())
                  .build());

      // the update is delivered first, then the create (whose payload still says Pro)
      var updated =
          deliver(
              event(
                  "evt_upd_" + UUID.randomUUID(), "customer.subscription.updated", subscriptionId));
      assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
      assertThat(json(updated).path("result").asText()).isEqualTo("processed");
      assertThat(billing(owner, "bea-team").path("plan").asText()).isEqualTo("business");

      var created =
          deliver(
              event(
                  "evt_cre_" + UUID.randomUUID(), "customer.subscription.created", subscriptionId));
      assertThat(created.statusCode()).isEqualTo(200);
      assertThat(billing(owner, "bea-team").path("plan").asText())
          .as("a late create does not take the plan back")
          .isEqualTo("business");
    } finally {
      stripe.setWebhookEndpoint(webhookUrl(), WEBHOOK_SECRET);
    }
  }

  @Test
  @Order(5)
  void aFailedPaymentKeepsThePlanForSevenDaysThenTheWorkspaceGoesToFree() throws Exception {
    var owner = owner("cat");
    pay(owner, "cat-team", "pro", "4000 0000 0000 0341");
    awaitPlan(owner, "cat-team", "pro");

    clock.advance(Duration.ofDays(31));
    stripe.runDueWork();
    owner = owner.again();
    awaitSubscription(owner, "cat-team", "past_due");
    var pastDue = billing(owner, "cat-team");
    assertThat(pastDue.path("plan").asText()).as("kept during the grace period").isEqualTo("pro");
    Instant graceEnds = Instant.parse(pastDue.path("subscription").path("graceEndsAt").asText());
    Instant since = Instant.parse(pastDue.path("subscription").path("pastDueSince").asText());
    assertThat(Duration.between(since, graceEnds)).isEqualTo(Duration.ofDays(7));
    awaitEmail(owner.email(), "Payment failed");

    clock.set(graceEnds.minusSeconds(60));
    stripe.runDueWork();
    Thread.sleep(600);
    assertThat(billing(owner.again(), "cat-team").path("plan").asText()).isEqualTo("pro");

    clock.set(graceEnds.plusSeconds(1));
    owner = owner.again();
    awaitPlan(owner, "cat-team", "free");
    assertThat(billing(owner, "cat-team").path("subscription").path("downgradedAt").isNull())
        .isFalse();
    awaitEmail(owner.email(), "moved to the free plan");
  }

  @Test
  @Order(6)
  void aCancellationAtPeriodEndKeepsThePlanUntilThenThenFree() throws Exception {
    var owner = owner("dan");
    pay(owner, "dan-team", "business", "4242 4242 4242 4242");
    awaitPlan(owner, "dan-team", "business");

    var portal = owner.post("/api/v1/workspaces/dan-team/billing/portal", null);
    assertThat(portal.statusCode()).as(portal.body()).isEqualTo(200);
    String portalUrl = json(portal).path("url").asText();
    var cancelled = form(URI.create(portalUrl + "/cancel"), "");
    assertThat(cancelled.statusCode()).isEqualTo(303);

    awaitCancelling(owner, "dan-team");
    var cancelling = billing(owner, "dan-team");
    assertThat(cancelling.path("plan").asText()).isEqualTo("business");
    Instant periodEnd =
        Instant.parse(cancelling.path("subscription").path("currentPeriodEnd").asText());
    awaitEmail(owner.email(), "ends on");

    clock.set(periodEnd.plusSeconds(5));
    stripe.runDueWork();
    owner = owner.again();
    awaitPlan(owner, "dan-team", "free");
    assertThat(billing(owner, "dan-team").path("subscription").path("status").asText())
        .isEqualTo("canceled");
    awaitEmail(owner.email(), "ended");
  }

  // ---------------------------------------------------------------- helpers

  /** A signed-in owner of a workspace {@code <name>-team} (created here). */
  private record Owner(AccountsTestNode.Session session) {
    String email() {
      return session.email();
    }

    HttpResponse<String> get(String path) {
      return accounts.browser(session, "GET", path, null);
    }

    HttpResponse<String> post(String path, String body) {
      return accounts.browser(session, "POST", path, body == null ? "{}" : body);
    }

    /** Signed in again (the clock moved past the session's life). */
    Owner again() {
      return new Owner(accounts.logIn(session.email(), AccountsTestNode.PASSWORD));
    }
  }

  private static Owner owner(String name) {
    var owner = new Owner(accounts.signUpAndLogIn(name + "@example.com", name));
    var created =
        owner.post(
            "/api/v1/workspaces",
            "{\"name\":\"" + name + "'s team\",\"slug\":\"" + name + "-team\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return owner;
  }

  /** Subscribes through the node's checkout route and the stand-in's hosted page, as a browser. */
  private static void pay(Owner owner, String workspace, String plan, String card)
      throws Exception {
    var checkout =
        owner.post(
            "/api/v1/workspaces/" + workspace + "/billing/checkout",
            "{\"plan\":\"" + plan + "\",\"interval\":\"month\"}");
    assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(200);
    String url = json(checkout).path("url").asText();
    assertThat(url).startsWith(stripe.pagesBase().toString());
    var paid =
        form(
            URI.create(url),
            "card_number=" + URLDecoder.decode(card.replace(' ', '+'), StandardCharsets.UTF_8));
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(303);
    assertThat(paid.headers().firstValue("Location").orElseThrow())
        .contains("/billing/?workspace=" + workspace + "&checkout=done");
  }

  private static HttpResponse<String> form(URI url, String body) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode billing(Owner owner, String workspace) {
    var answer = owner.get("/api/v1/workspaces/" + workspace + "/billing");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json(answer);
  }

  private static void awaitPlan(Owner owner, String workspace, String plan) {
    eventually(() -> assertThat(billing(owner, workspace).path("plan").asText()).isEqualTo(plan));
  }

  private static void awaitSubscription(Owner owner, String workspace, String status) {
    eventually(
        () ->
            assertThat(billing(owner, workspace).path("subscription").path("status").asText())
                .isEqualTo(status));
  }

  private static void awaitCancelling(Owner owner, String workspace) {
    eventually(
        () ->
            assertThat(
                    billing(owner, workspace)
                        .path("subscription")
                        .path("cancelAtPeriodEnd")
                        .asBoolean())
                .isTrue());
  }

  private static void awaitEmail(String to, String subjectPart) {
    eventually(
        () ->
            assertThat(mail.getReceivedMessages())
                .anySatisfy(
                    message -> {
                      assertThat(message.getAllRecipients()[0].toString()).isEqualTo(to);
                      assertThat(message.getSubject()).contains(subjectPart);
                    }));
  }

  /** The id of the one subscription of the workspace's customer, from the stand-in. */
  private static String subscriptionOfCustomerOf(String workspace) throws Exception {
    var found = new String[1];
    eventually(
        () -> {
          var list =
              stripeClient()
                  .v1()
                  .subscriptions()
                  .list(com.stripe.param.SubscriptionListParams.builder().build());
          var mine =
              list.getData().stream()
                  .filter(sub -> workspace.equals(sub.getMetadata().get("workspace")))
                  .toList();
          assertThat(mine).hasSize(1);
          found[0] = mine.getFirst().getId();
        });
    return found[0];
  }

  private static StripeClient stripeClient() {
    String base = stripe.apiBase().toString();
    return StripeClient.builder()
        .setApiKey(stripe.secretKey())
        .setApiBase(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        .build();
  }

  /** A Stripe event about a subscription, as Stripe sends it (the object abridged). */
  private static String event(String id, String type, String subscriptionId) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("id", id);
    event.put("object", "event");
    event.put("api_version", com.stripe.Stripe.API_VERSION);
    event.put("created", clock.instant().getEpochSecond());
    event.put("type", type);
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    ObjectNode object = event.putObject("data").putObject("object");
    object.put("id", subscriptionId);
    object.put("object", "subscription");
    object.put("status", "active");
    return event.toString();
  }

  private static HttpResponse<String> deliver(String payload) {
    return deliver(payload, signature(payload, nowSeconds()));
  }

  private static HttpResponse<String> deliver(String payload, String signature) {
    return api.send(
        api.request("/api/v1/billing/stripe/webhook")
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Stripe-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(payload)));
  }

  /** {@code t=…,v1=…}: HMAC-SHA256 of {@code t.payload} with the endpoint's secret. */
  private static String signature(String payload, long timestamp) {
    return "t=" + timestamp + ",v1=" + hmac(timestamp + "." + payload, WEBHOOK_SECRET);
  }

  private static String hmac(String message, String secret) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  private static URI webhookUrl() {
    return URI.create(
        "http://"
            + node.httpAddress().getHostString()
            + ":"
            + node.httpAddress().getPort()
            + "/api/v1/billing/stripe/webhook");
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private interface Check {
    void run() throws Exception;
  }

  /** Asserts until it holds, at most 15 s. */
  private static void eventually(Check check) {
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(15),
            Duration.ofMillis(100),
            () -> {
              try {
                check.run();
              } catch (AssertionError e) {
                throw e;
              } catch (Exception e) {
                throw new AssertionError(e);
              }
              return null;
            });
  }
}
