package dev.smo1.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.ratelimit.LocalRateLimiter;
import dev.smo1.accounts.ratelimit.RateLimitSettings;
import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickRecorder;
import dev.smo1.clicks.visitor.VisitorSalt;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.clicks.OriginClicks;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.ratelimit.RateLimits;
import dev.smo1.http.redirect.RedirectRoutes;
import dev.smo1.http.testing.RouteTestServer;
import dev.smo1.link.RedirectType;
import dev.smo1.link.Resolution;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The trusted-proxy rule through the real redirect route (origin clicks, the unknown-code budget),
 * over a real server: the test's requests come from 127.0.0.1, which one node trusts as a proxy and
 * the other does not.
 */
class ClientAddressesRouteTest {
  private static final String FOUND = "found";
  private static final int UNKNOWN_CODES_PER_MINUTE = 3;

  private final List<Click> clicks = new CopyOnWriteArrayList<>();
  private RouteTestServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aSpoofedForwardedForFromAnUntrustedPeerChangesNeitherTheRateLimitKeyNorTheVisitor()
      throws Exception {
    start("10.0.0.0/8, 2001:db8::/32"); // 127.0.0.1 is no proxy of this node

    for (String spoofed : List.of("198.51.100.1", "198.51.100.2", "198.51.100.3")) {
      visit(
          FOUND,
          Map.of("X-Forwarded-For", spoofed, "CF-Connecting-IP", spoofed, "CF-IPCountry", "NL"));
    }
    assertThat(clicks).hasSize(3);
    assertThat(clicks.stream().map(Click::visitor).distinct()).hasSize(1);
    assertThat(clicks).allSatisfy(click -> assertThat(click.country()).isNull());

    for (int i = 0; i < UNKNOWN_CODES_PER_MINUTE; i++) {
      assertThat(visit("nope" + i, Map.of("X-Forwarded-For", "198.51.100." + (10 + i))))
          .isEqualTo(404);
    }
    assertThat(visit("nope-next", Map.of("X-Forwarded-For", "198.51.100.99")))
        .as("one budget: the connection's address, whatever the header says")
        .isEqualTo(429);
  }

  @Test
  void behindATrustedProxyEachVisitorHasTheirOwnRateLimitKeyAndVisitor() throws Exception {
    start("127.0.0.1/32"); // as the edge Worker's or the load balancer's address

    visit(FOUND, Map.of("CF-Connecting-IP", "203.0.113.1", "CF-IPCountry", "nl"));
    visit(FOUND, Map.of("CF-Connecting-IP", "203.0.113.2", "CF-IPCountry", "DE"));
    visit(FOUND, Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.1"));
    assertThat(clicks).hasSize(3);
    assertThat(clicks.get(0).visitor()).isNotEqualTo(clicks.get(1).visitor());
    assertThat(clicks.get(2).visitor()).isEqualTo(clicks.get(0).visitor());
    assertThat(clicks.stream().map(Click::country).toList()).containsExactly("NL", "DE", null);

    for (int i = 0; i < 2 * UNKNOWN_CODES_PER_MINUTE; i++) {
      assertThat(visit("nope" + i, Map.of("CF-Connecting-IP", "203.0.113." + (10 + i))))
          .as("visitor %d has a budget of its own", i)
          .isEqualTo(404);
    }
    for (int i = 0; i < UNKNOWN_CODES_PER_MINUTE; i++) {
      visit("again" + i, Map.of("CF-Connecting-IP", "203.0.113.200"));
    }
    assertThat(visit("again-next", Map.of("CF-Connecting-IP", "203.0.113.200"))).isEqualTo(429);
  }

  private void start(String trustedProxies) {
    var settings =
        RateLimitSettings.from(
            ConfigFactory.parseString(
                    "smo1.rate-limits.unknown-codes-per-ip.limit = " + UNKNOWN_CODES_PER_MINUTE)
                .withFallback(ConfigFactory.parseResources("rate-limits.conf"))
                .resolve());
    var limits = new RateLimits(new LocalRateLimiter(), settings);
    var originClicks =
        new OriginClicks(
            new ClickRecorder(
                batch -> {
                  clicks.addAll(batch);
                  return CompletableFuture.completedFuture(batch.size());
                },
                10,
                1),
            day ->
                CompletableFuture.completedFuture(
                    new VisitorSalt(day, "5a".repeat(32), VisitorSalt.expiry(day))),
            new OriginClicks.Settings("sho.rt", Duration.ofSeconds(1)),
            Clock.systemUTC(),
            new PrometheusRegistry());
    var redirects =
        new RedirectRoutes(
            code ->
                CompletableFuture.completedFuture(
                    code.equals(FOUND)
                        ? new Resolution.Redirect("https://example.com/", RedirectType.FOUND, null)
                        : new Resolution.NotFound()),
            new HttpSettings(
                "127.0.0.1",
                0,
                URI.create("https://sho.rt"),
                Duration.ofSeconds(30),
                Duration.ofHours(1)),
            Optional.of(originClicks),
            new HttpMetrics(new PrometheusRegistry()),
            limits.unknownCodes());
    Route route = new ClientAddresses(TrustedProxies.of(trustedProxies)).attach(redirects.routes());
    server = new RouteTestServer("client-addresses-route-test", () -> route);
  }

  private int visit(String code, Map<String, String> headers) throws Exception {
    return server.send("GET", "/" + code, null, headers).statusCode();
  }
}
