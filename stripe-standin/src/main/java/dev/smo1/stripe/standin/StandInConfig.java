package dev.smo1.stripe.standin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stand-in is started with. Build it from {@link #defaults()} and the {@code with…} methods.
 *
 * @param secretKey the only API key accepted ({@code sk_test_…})
 * @param host the address bound, loopback by default
 * @param port the port bound; 0 takes a free one
 * @param publicBaseUrl the base of the hosted pages' URLs (checkout, portal, invoices) when they
 *     are reached through another address than the bound one; empty: the bound address
 * @param prices the catalog
 * @param webhook where events are delivered at start; {@link StripeStandIn#setWebhookEndpoint}
 *     changes it later
 * @param clock the time of every customer not on a test clock
 * @param webhookAttempts deliveries tried per event before it is recorded as failed
 * @param webhookFirstRetryDelay the wait before the first retry; each further one doubles it
 */
public record StandInConfig(
    String secretKey,
    String host,
    int port,
    Optional<URI> publicBaseUrl,
    List<CatalogPrice> prices,
    Optional<WebhookEndpoint> webhook,
    Clock clock,
    int webhookAttempts,
    Duration webhookFirstRetryDelay) {

  public static final String DEFAULT_SECRET_KEY = "sk_test_smo1_local_standin";

  public StandInConfig {
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(webhookFirstRetryDelay, "webhookFirstRetryDelay");
    prices = List.copyOf(prices);
    if (!secretKey.startsWith("sk_test_")) {
      throw new IllegalArgumentException("the stand-in is test mode only: its key starts sk_test_");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (webhookAttempts < 1) {
      throw new IllegalArgumentException("webhookAttempts must be at least 1");
    }
    if (prices.stream().map(CatalogPrice::id).distinct().count() != prices.size()) {
      throw new IllegalArgumentException("price ids must be unique");
    }
  }

  /** Loopback, a free port, the default key, no prices, no endpoint, the system clock. */
  public static StandInConfig defaults() {
    return new StandInConfig(
        DEFAULT_SECRET_KEY,
        "127.0.0.1",
        0,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Clock.systemUTC(),
        4,
        Duration.ofMillis(200));
  }

  public StandInConfig withSecretKey(String key) {
    return new StandInConfig(
        key,
        host,
        port,
        publicBaseUrl,
        prices,
        webhook,
        clock,
        webhookAttempts,
        webhookFirstRetryDelay);
  }

  public StandInConfig withAddress(String newHost, int newPort) {
    return new StandInConfig(
        secretKey,
        newHost,
        newPort,
        publicBaseUrl,
        prices,
        webhook,
        clock,
        webhookAttempts,
        webhookFirstRetryDelay);
  }

  public StandInConfig withPublicBaseUrl(URI url) {
    return new StandInConfig(
        secretKey,
        host,
        port,
        Optional.of(url),
        prices,
        webhook,
        clock,
        webhookAttempts,
        webhookFirstRetryDelay);
  }

  public StandInConfig withPrices(List<CatalogPrice> newPrices) {
    return new StandInConfig(
        secretKey,
        host,
        port,
        publicBaseUrl,
        newPrices,
        webhook,
        clock,
        webhookAttempts,
        webhookFirstRetryDelay);
  }

  public StandInConfig withWebhook(WebhookEndpoint endpoint) {
    return new StandInConfig(
        secretKey,
        host,
        port,
        publicBaseUrl,
        prices,
        Optional.of(endpoint),
        clock,
        webhookAttempts,
        webhookFirstRetryDelay);
  }

  public StandInConfig withClock(Clock newClock) {
    return new StandInConfig(
        secretKey,
        host,
        port,
        publicBaseUrl,
        prices,
        webhook,
        newClock,
        webhookAttempts,
        webhookFirstRetryDelay);
  }

  public StandInConfig withWebhookRetries(int attempts, Duration firstRetryDelay) {
    return new StandInConfig(
        secretKey, host, port, publicBaseUrl, prices, webhook, clock, attempts, firstRetryDelay);
  }

  @Override
  public String toString() {
    return "StandInConfig[host="
        + host
        + ", port="
        + port
        + ", publicBaseUrl="
        + publicBaseUrl
        + ", prices="
        + prices.size()
        + ", webhook="
        + webhook
        + "]";
  }
}
