package dev.smo1.stripe.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for the part of Stripe SMO1's billing uses, on a loopback port: the {@code /v1}
 * API (give {@link #apiBase()} to stripe-java as its API base and {@link #secretKey()} as its key),
 * the hosted Checkout, portal and invoice pages, and webhooks signed as Stripe signs them. State is
 * in memory and lives as long as the instance.
 */
public final class StripeStandIn implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StripeStandIn.class.getName());

  private final StandInConfig config;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService ticker;
  private final WebhookDispatcher webhooks;
  private final Ledger ledger;
  private final URI apiBase;
  private final URI pagesBase;
  private final ObjectMapper json;

  private StripeStandIn(
      StandInConfig config,
      HttpServer server,
      ExecutorService handlers,
      ScheduledExecutorService ticker,
      WebhookDispatcher webhooks,
      Ledger ledger,
      URI apiBase,
      URI pagesBase,
      ObjectMapper json) {
    this.config = config;
    this.server = server;
    this.handlers = handlers;
    this.ticker = ticker;
    this.webhooks = webhooks;
    this.ledger = ledger;
    this.apiBase = apiBase;
    this.pagesBase = pagesBase;
    this.json = json;
  }

  /** Binds the configured address and starts serving; {@link #close()} stops it. */
  public static StripeStandIn start(StandInConfig config) throws IOException {
    Objects.requireNonNull(config, "config");
    var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    var server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    var port = server.getAddress().getPort();
    var reachableHost =
        config.host().equals("0.0.0.0") || config.host().equals("::")
            ? "127.0.0.1"
            : config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    var apiBase = URI.create("http://" + reachableHost + ":" + port);
    var pagesBase = config.publicBaseUrl().orElse(apiBase);
    var pages = pagesBase.toString().replaceAll("/+$", "");
    var render =
        new StripeObjects(
            new StripeObjects.HostedUrls() {
              @Override
              public String checkout(String sessionId) {
                return pages + "/checkout/" + sessionId;
              }

              @Override
              public String portal(String sessionId) {
                return pages + "/portal/" + sessionId;
              }

              @Override
              public String invoice(String invoiceId) {
                return pages + "/invoice/" + invoiceId;
              }
            });
    config.webhook().ifPresent(endpoint -> WebhookDispatcher.requireHttp(endpoint.url()));
    var webhooks =
        new WebhookDispatcher(
            json, config.webhook(), config.webhookAttempts(), config.webhookFirstRetryDelay());
    var ledger = new Ledger(config.clock(), config.prices(), render, webhooks::publish);
    var handlers = Executors.newFixedThreadPool(4, daemon("stripe-standin-http"));
    var ticker = Executors.newSingleThreadScheduledExecutor(daemon("stripe-standin-clock"));
    var standIn =
        new StripeStandIn(
            config, server, handlers, ticker, webhooks, ledger, apiBase, pagesBase, json);
    server.createContext("/v1/", new ApiHandler(ledger, config.secretKey(), json));
    var hosted = new HostedPages(ledger);
    server.createContext("/checkout/", hosted);
    server.createContext("/portal/", hosted);
    server.createContext("/invoice/", hosted);
    server.createContext("/_standin/events", standIn::listDeliveries);
    if (config.clock() instanceof StandInClock clock) {
      server.createContext("/_standin/clock/advance", exchange -> standIn.advance(exchange, clock));
    }
    server.setExecutor(handlers);
    server.start();
    // renewals of customers on no test clock happen as the configured clock passes their dates
    ticker.scheduleWithFixedDelay(standIn::runDueWorkQuietly, 1, 1, TimeUnit.SECONDS);
    LOG.log(
        System.Logger.Level.INFO,
        "stripe stand-in started api={0} pages={1} prices={2}",
        apiBase,
        pagesBase,
        config.prices().size());
    return standIn;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      var thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * The base URL of the API, as stripe-java's {@code setApiBase} and Stripe.overrideApiBase take
   * it.
   */
  public URI apiBase() {
    return apiBase;
  }

  /** The base URL of the hosted pages: the configured public base, else the bound address. */
  public URI pagesBase() {
    return pagesBase;
  }

  /** The one API key accepted. */
  public String secretKey() {
    return config.secretKey();
  }

  /** Events from now on go to this endpoint, signed with this secret ({@code whsec_…}). */
  public void setWebhookEndpoint(URI url, String signingSecret) {
    webhooks.setEndpoint(
        Optional.of(new WebhookEndpoint(WebhookDispatcher.requireHttp(url), signingSecret)));
  }

  /** Events from now on are recorded, not sent. */
  public void clearWebhookEndpoint() {
    webhooks.setEndpoint(Optional.empty());
  }

  public Optional<WebhookEndpoint> webhookEndpoint() {
    return webhooks.endpoint();
  }

  /** Every event so far, oldest first, with what became of its delivery. */
  public List<WebhookDelivery> webhookDeliveries() {
    return webhooks.deliveries();
  }

  /** Waits until every event so far has been delivered or has run out of retries. */
  public boolean awaitWebhooks(Duration timeout) {
    return webhooks.awaitIdle(timeout);
  }

  /**
   * Runs at once what the configured clock has made due (renewals, retries, cancellations at period
   * end) for customers on no test clock; a background task does it every second anyway.
   */
  public void runDueWork() {
    ledger.catchUp();
  }

  private void runDueWorkQuietly() {
    try {
      ledger.catchUp();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "stripe stand-in renewals failed", e);
    }
  }

  /**
   * {@code POST /_standin/clock/advance} with {@code seconds=N} (form), the secret key as bearer:
   * moves the stand-in's own clock and runs what fell due on the way (renewals, cancellations at
   * period end), in order, before it answers {@code {"now": <unix seconds>}}.
   */
  private void advance(HttpExchange exchange, StandInClock clock) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + config.secretKey()).equals(authorization)) {
        reply(
            exchange,
            401,
            "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
        return;
      }
      if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
        reply(exchange, 405, "{}");
        return;
      }
      long seconds;
      try {
        seconds =
            FormParameters.parse(
                    new String(
                        exchange.getRequestBody().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .string("seconds")
                .map(Long::parseLong)
                .orElse(-1L);
      } catch (RuntimeException e) {
        seconds = -1;
      }
      if (seconds < 0) {
        reply(
            exchange,
            400,
            "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"seconds must be a whole number of seconds, not negative\",\"param\":\"seconds\"}}");
        return;
      }
      var now = clock.advance(java.time.Duration.ofSeconds(seconds));
      ledger.catchUp();
      reply(exchange, 200, "{\"now\":" + now.getEpochSecond() + "}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private void listDeliveries(HttpExchange exchange) throws IOException {
    try (exchange) {
      var list = StripeObjects.array();
      for (var delivery : webhooks.deliveries()) {
        var node = list.addObject();
        node.put("event", delivery.eventId());
        node.put("type", delivery.type());
        node.put("endpoint", delivery.endpoint().map(URI::toString).orElse(null));
        node.put("status", delivery.status().name().toLowerCase(java.util.Locale.ROOT));
        var attempts = node.putArray("attempts");
        for (var attempt : delivery.attempts()) {
          var attemptNode = attempts.addObject();
          attemptNode.put("at", attempt.at().toString());
          if (attempt.httpStatus().isPresent()) {
            attemptNode.put("http_status", attempt.httpStatus().getAsInt());
          } else {
            attemptNode.putNull("http_status");
          }
          attemptNode.put("error", attempt.error().orElse(null));
        }
      }
      var body = json.writeValueAsBytes(list);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.stop(0);
    handlers.shutdownNow();
    webhooks.close();
  }
}
