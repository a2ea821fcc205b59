package dev.smo1.node.webhooks;

import static dev.smo1.node.testing.TestNodes.OTHER_OWNER_KEY;
import static dev.smo1.node.testing.TestNodes.OWNER;
import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.smo1.http.json.Json;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.Eventually;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.webhooks.signing.WebhookSigner;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks on a running node (decision 0035), to receivers on 127.0.0.1 (the guard's
 * private-address refusal is off for this test only; its table is {@code WebhookUrlsTest}): link
 * events reach a flaky receiver signed in the Standard Webhooks format, after its failures, once
 * each; the delivery log shows every attempt; a redirect is a failure and is not followed; an
 * endpoint failing every attempt is disabled and its owners emailed; a message is sent again on
 * request; the API refuses what it must.
 */
@ExtendWith(LogCapturingExtension.class)
class WebhooksIT {
  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  private static final String WEBHOOKS = "/api/v1/workspaces/" + OWNER + "/webhooks";

  private record Received(String id, String timestamp, String signature, String body) {}

  private static Node node;
  private static ApiClient api;
  private static HttpServer receiver;
  private static final List<Received> received = new CopyOnWriteArrayList<>();
  private static final AtomicInteger failuresLeft = new AtomicInteger();
  private static final AtomicInteger redirectTargetHits = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/flaky",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          var headers = exchange.getRequestHeaders();
          received.add(
              new Received(
                  headers.getFirst("webhook-id"),
                  headers.getFirst("webhook-timestamp"),
                  headers.getFirst("webhook-signature"),
                  new String(body, StandardCharsets.UTF_8)));
          int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
          byte[] answer = status == 500 ? "busy, try later".getBytes() : new byte[0];
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    receiver.createContext(
        "/moved",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + port() + "/target");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    receiver.createContext(
        "/target",
        exchange -> {
          redirectTargetHits.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    node =
        TestNodes.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            true,
            Map.of(
                "smo1.webhooks.private-addresses-allowed",
                true,
                "smo1.webhooks.http-allowed",
                true,
                "smo1.webhooks.retry-delays",
                List.of("200ms", "400ms"),
                "smo1.webhooks.retry-for",
                "20s",
                "smo1.webhooks.disable-after",
                "2s",
                "smo1.webhooks.poll-every",
                "100ms",
                "smo1.mail.smtp-port",
                mail.getSmtp().getPort(),
                "smo1.mail.retries",
                0));
    api = new ApiClient(node.httpAddress());
    // the bootstrap workspace is put on the enterprise plan (which has webhooks) as the node starts
    awaitAssert(
        Duration.ofSeconds(15),
        () -> {
          var probe =
              api.post(
                  WEBHOOKS,
                  OWNER_KEY,
                  "{\"url\": \"http://127.0.0.1:1/probe\", \"events\": [\"link.created\"]}");
          assertThat(probe.statusCode()).as(probe.body()).isEqualTo(201);
          api.delete(WEBHOOKS + "/" + json(probe).get("id").asText(), OWNER_KEY);
        });
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private static int port() {
    return receiver.getAddress().getPort();
  }

  @Test
  void linkEventsReachAFlakyReceiverSignedOnceEachAfterItsFailures() throws Exception {
    var created =
        api.post(
            WEBHOOKS,
            OWNER_KEY,
            "{\"url\": \"http://127.0.0.1:"
                + port()
                + "/flaky\", \"events\": [\"link.created\", \"link.deleted\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode endpoint = json(created);
    String secret = endpoint.get("secret").asText();
    assertThat(secret).startsWith("whsec_");
    String id = endpoint.get("id").asText();
    // the secret is shown once
    assertThat(json(api.get(WEBHOOKS + "/" + id, OWNER_KEY)).get("secret").isNull()).isTrue();

    failuresLeft.set(2);
    assertThat(api.createLink(OWNER_KEY, "hooked", "https://example.com/hooked").statusCode())
        .isEqualTo(201);
    // a change no endpoint subscribes to sends nothing
    assertThat(
            api.patch("/api/v1/links/hooked", OWNER_KEY, "{\"title\": \"Renamed\"}").statusCode())
        .isEqualTo(200);
    assertThat(api.delete("/api/v1/links/hooked", OWNER_KEY).statusCode()).isEqualTo(204);

    awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          var log = json(api.get(WEBHOOKS + "/" + id + "/deliveries", OWNER_KEY)).get("items");
          assertThat(log).hasSize(2);
          log.forEach(
              delivery -> assertThat(delivery.get("status").asText()).isEqualTo("delivered"));
        });
    var log = json(api.get(WEBHOOKS + "/" + id + "/deliveries", OWNER_KEY)).get("items");
    var types = List.of(log.get(0).get("eventType").asText(), log.get(1).get("eventType").asText());
    assertThat(types).containsExactlyInAnyOrder("link.created", "link.deleted");
    int attempts = log.get(0).get("attempts").asInt() + log.get(1).get("attempts").asInt();
    assertThat(attempts).isEqualTo(4); // two failures, then each delivered
    JsonNode failed = null;
    for (JsonNode delivery : log) {
      for (JsonNode attempt : delivery.get("log")) {
        if (attempt.get("statusCode").asInt() == 500) {
          failed = attempt;
        }
      }
    }
    assertThat(failed).isNotNull();
    assertThat(failed.get("responseExcerpt").asText()).isEqualTo("busy, try later");
    assertThat(failed.get("latencyMs").asInt()).isGreaterThanOrEqualTo(0);

    // every attempt carried the same id and a signature the receiver's secret verifies
    var signer = new WebhookSigner(secret);
    for (Received message : received) {
      assertThat(message.signature())
          .isEqualTo(
              signer.signature(message.id(), Long.parseLong(message.timestamp()), message.body()));
      assertThat(Math.abs(Long.parseLong(message.timestamp()) - System.currentTimeMillis() / 1000))
          .isLessThan(60);
    }
    var ids = received.stream().map(Received::id).distinct().toList();
    assertThat(ids).hasSize(2);
    var createdMessage =
        received.stream().filter(m -> m.body().contains("link.created")).findFirst().orElseThrow();
    JsonNode body = Json.MAPPER.readTree(createdMessage.body());
    assertThat(body.get("type").asText()).isEqualTo("link.created");
    assertThat(body.at("/data/code").asText()).isEqualTo("hooked");
    assertThat(body.at("/data/target").asText()).isEqualTo("https://example.com/hooked");

    // sent again on request: the same message id, one more attempt
    String deliveryId = log.get(0).get("id").asText();
    int before = received.size();
    var again =
        api.post(WEBHOOKS + "/" + id + "/deliveries/" + deliveryId + "/redeliver", OWNER_KEY, "");
    assertThat(again.statusCode()).isEqualTo(202);
    awaitAssert(Duration.ofSeconds(10), () -> assertThat(received).hasSize(before + 1));
    assertThat(received.getLast().id()).isEqualTo(deliveryId);
    assertThat(api.delete(WEBHOOKS + "/" + id, OWNER_KEY).statusCode()).isEqualTo(204);
  }

  @Test
  void aRedirectIsAFailureNotFollowedAndAnEndpointFailingEveryAttemptIsDisabled() throws Exception {
    var created =
        api.post(
            WEBHOOKS,
            OWNER_KEY,
            "{\"url\": \"http://127.0.0.1:" + port() + "/moved\", \"events\": [\"link.created\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).get("id").asText();
    assertThat(api.createLink(OWNER_KEY, "moved-1", "https://example.com/m").statusCode())
        .isEqualTo(201);
    awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          var endpoint = json(api.get(WEBHOOKS + "/" + id, OWNER_KEY));
          assertThat(endpoint.get("enabled").asBoolean()).isFalse();
          assertThat(endpoint.get("disabledReason").asText()).startsWith("every attempt failed");
        });
    var attempts = json(api.get(WEBHOOKS + "/" + id + "/deliveries", OWNER_KEY)).at("/items/0/log");
    assertThat(attempts.size()).isGreaterThanOrEqualTo(2);
    attempts.forEach(attempt -> assertThat(attempt.get("statusCode").asInt()).isEqualTo(302));
    assertThat(redirectTargetHits.get()).isZero();
    // the workspace's owners are told, once
    awaitAssert(
        Duration.ofSeconds(10),
        () ->
            assertThat(
                    java.util.Arrays.stream(mail.getReceivedMessages())
                        .filter(
                            message -> {
                              try {
                                return message
                                    .getSubject()
                                    .equals("Webhook endpoint 127.0.0.1 disabled");
                              } catch (jakarta.mail.MessagingException e) {
                                throw new IllegalStateException(e);
                              }
                            })
                        .count())
                .isPositive());
    // enabled again by its workspace
    var enabled = api.patch(WEBHOOKS + "/" + id, OWNER_KEY, "{\"enabled\": true}");
    assertThat(json(enabled).get("enabled").asBoolean()).isTrue();
    assertThat(json(enabled).get("disabledReason").isNull()).isTrue();
    api.delete(WEBHOOKS + "/" + id, OWNER_KEY);
  }

  @Test
  void theApiRefusesBadEndpointsAndOtherWorkspaces() throws Exception {
    var badEvents =
        api.post(WEBHOOKS, OWNER_KEY, "{\"url\": \"https://example.com/h\", \"events\": [\"x\"]}");
    assertThat(badEvents.statusCode()).isEqualTo(422);
    assertThat(json(badEvents).get("code").asText()).isEqualTo("invalid_events");
    var badUrl =
        api.post(
            WEBHOOKS,
            OWNER_KEY,
            "{\"url\": \"ftp://example.com/h\", \"events\": [\"link.created\"]}");
    assertThat(json(badUrl).get("code").asText()).isEqualTo("invalid_url");
    var badSecret =
        api.post(
            WEBHOOKS,
            OWNER_KEY,
            "{\"url\": \"http://127.0.0.1:1/h\", \"events\": [\"link.created\"],"
                + " \"secret\": \"short\"}");
    assertThat(json(badSecret).get("code").asText()).isEqualTo("invalid_secret");
    // another workspace's key reaches none of this workspace's webhooks
    assertThat(api.get(WEBHOOKS, OTHER_OWNER_KEY).statusCode()).isIn(403, 404);
    // a plan without webhooks (bob's workspace is on the free plan)
    var free =
        api.post(
            "/api/v1/workspaces/" + TestNodes.OTHER_OWNER + "/webhooks",
            OTHER_OWNER_KEY,
            "{\"url\": \"http://127.0.0.1:1/h\", \"events\": [\"link.created\"]}");
    assertThat(free.statusCode()).as(free.body()).isEqualTo(403);
    assertThat(json(free).get("code").asText()).isEqualTo("plan_required");
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }

  private static void awaitAssert(Duration max, Eventually.Check check) {
    Eventually.within(node.system(), max, check);
  }
}
