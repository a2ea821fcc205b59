package dev.smo1.http.ratelimit;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameter;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.ratelimit.LocalRateLimiter;
import dev.smo1.accounts.ratelimit.RateDecision;
import dev.smo1.accounts.ratelimit.RateLimit;
import dev.smo1.accounts.ratelimit.RateLimiter;
import dev.smo1.accounts.ratelimit.RateLimiterUnavailableException;
import dev.smo1.http.ApiRoutes;
import dev.smo1.http.json.Json;
import dev.smo1.http.ratelimit.RateLimitDirectives.Throttle;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rate limit directives over a real server on a free port, behind the API's own handlers: an
 * in-memory limiter on a clock standing fifteen seconds into a minute, and a limiter whose store is
 * always down.
 */
class RateLimitDirectivesTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:15Z");
  private static final RateLimit THREE_PER_MINUTE = RateLimit.perMinute("test", 3);
  private static final RateLimit FAILURES_PER_EMAIL =
      new RateLimit("failures-email", 2, Duration.ofMinutes(15));
  private static final RateLimit FAILURES_PER_IP =
      new RateLimit("failures-ip", 3, Duration.ofMinutes(15));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ActorSystem<Void> system;
  private static ServerBinding binding;
  private static final Map<String, AtomicInteger> innerRuns = new ConcurrentHashMap<>();

  /** A store that never answers: every stage fails as the Redis limiter's do after its timeout. */
  static final class Down implements RateLimiter {
    @Override
    public CompletionStage<RateDecision> consume(RateLimit limit, String key) {
      return failed(limit);
    }

    @Override
    public CompletionStage<RateDecision> peek(RateLimit limit, String key) {
      return failed(limit);
    }

    private static CompletionStage<RateDecision> failed(RateLimit limit) {
      return CompletableFuture.failedFuture(
          new RateLimiterUnavailableException(
              "rate limit store did not answer for limit=" + limit.name(), null));
    }
  }

  @BeforeAll
  static void start() {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "rate-limit-directives-test",
            ConfigFactory.parseString("pekko.http.server.remote-address-attribute = on")
                .withFallback(ConfigFactory.load()));
    var limits =
        new RateLimitDirectives(new LocalRateLimiter(Clock.fixed(NOW, ZoneOffset.UTC), 1_000));
    var down = new RateLimitDirectives(new Down());
    var disabled = RateLimitDirectives.disabled();
    Route route =
        concat(
            path(
                "address",
                () -> get(() -> RateLimitDirectives.clientAddress(address -> complete(address)))),
            path(
                segment("limited").slash(segment()),
                key -> limitedBy(limits, key, FailureMode.CLOSED)),
            path(segment("open").slash(segment()), key -> limitedBy(down, key, FailureMode.OPEN)),
            path(
                segment("closed").slash(segment()),
                key -> limitedBy(down, key, FailureMode.CLOSED)),
            path(
                segment("disabled").slash(segment()),
                key -> limitedBy(disabled, key, FailureMode.CLOSED)),
            path(segment("login").slash(segment()), scope -> post(() -> login(limits, scope))),
            path("login-down", () -> post(() -> login(down, "down"))));
    binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(
                handleExceptions(
                    ApiRoutes.exceptionHandler(),
                    () -> handleRejections(ApiRoutes.rejectionHandler(), () -> route)))
            .toCompletableFuture()
            .join();
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static Route limitedBy(RateLimitDirectives directives, String key, FailureMode mode) {
    return get(() -> directives.limited(THREE_PER_MINUTE, key, mode, () -> counted(key)));
  }

  private static Route counted(String key) {
    innerRuns.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    return complete("ok " + key);
  }

  /**
   * A login whose password is "right": peeks both throttles, records failures on both. The scope (a
   * test's own) keeps each test's failures apart: they all come from 127.0.0.1.
   */
  private static Route login(RateLimitDirectives limits, String scope) {
    return parameter(
        "email",
        email ->
            parameter(
                "password",
                password ->
                    RateLimitDirectives.clientAddress(
                        address -> {
                          var throttles =
                              List.of(
                                  new Throttle(FAILURES_PER_EMAIL, scope + "|" + email),
                                  new Throttle(FAILURES_PER_IP, scope + "|" + address));
                          return limits.throttledOnFailures(
                              throttles,
                              FailureMode.CLOSED,
                              () ->
                                  password.equals("right")
                                      ? complete("welcome")
                                      : onSuccess(
                                          limits.recordFailure(throttles),
                                          done ->
                                              complete(
                                                  StatusCodes.UNAUTHORIZED, "wrong password")));
                        })));
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void allowedAnswersCarryTheRateLimitHeaders() throws Exception {
    var first = send("GET", "/limited/k-allowed");
    var second = send("GET", "/limited/k-allowed");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("ok k-allowed");
    assertThat(header(first, "RateLimit-Limit")).isEqualTo("3");
    assertThat(header(first, "RateLimit-Remaining")).isEqualTo("2");
    assertThat(header(first, "RateLimit-Reset")).isEqualTo("45");
    assertThat(header(first, "Retry-After")).isNull();
    assertThat(header(second, "RateLimit-Remaining")).isEqualTo("1");
  }

  @Test
  void beyondTheLimitIs429WithRetryAfterAndTheErrorBody() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(send("GET", "/limited/k-denied").statusCode()).isEqualTo(200);
    }

    var denied = send("GET", "/limited/k-denied");

    assertThat(denied.statusCode()).isEqualTo(429);
    assertThat(header(denied, "Content-Type")).isEqualTo("application/json");
    JsonNode body = Json.MAPPER.readTree(denied.body());
    assertThat(body.get("code").asText()).isEqualTo("rate_limited");
    assertThat(body.get("message").asText()).isEqualTo("too many requests; try again in 45 s");
    assertThat(header(denied, "Retry-After")).isEqualTo("45");
    assertThat(header(denied, "RateLimit-Limit")).isEqualTo("3");
    assertThat(header(denied, "RateLimit-Remaining")).isEqualTo("0");
    assertThat(header(denied, "RateLimit-Reset")).isEqualTo("45");
    assertThat(innerRuns.get("k-denied")).hasValue(3);
    assertThat(send("GET", "/limited/k-other").statusCode()).isEqualTo(200);
  }

  @Test
  void openServesWithoutHeadersWhileTheLimiterIsDown() throws Exception {
    var response = send("GET", "/open/k-open");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok k-open");
    assertThat(response.headers().map().keySet())
        .noneMatch(name -> name.toLowerCase().startsWith("ratelimit"));
  }

  @Test
  void closedAnswers503WithRetryAfterOneWhileTheLimiterIsDown() throws Exception {
    var response = send("GET", "/closed/k-closed");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(header(response, "Retry-After")).isEqualTo("1");
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("code").asText()).isEqualTo("unavailable");
    assertThat(body.get("message").asText())
        .isEqualTo("rate limiting is unavailable; try again shortly");
    assertThat(innerRuns).doesNotContainKey("k-closed");
  }

  @Test
  void disabledLimitsNothing() throws Exception {
    for (int i = 0; i < 5; i++) {
      var response = send("GET", "/disabled/k-disabled");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(header(response, "RateLimit-Limit")).isNull();
    }
  }

  @Test
  void loginIsRefusedAfterTwoFailuresForOneEmailButNotForAnother() throws Exception {
    var wrong1 = send("POST", "/login/email?email=alice@example.com&password=wrong");
    var wrong2 = send("POST", "/login/email?email=alice@example.com&password=wrong");
    var blocked = send("POST", "/login/email?email=alice@example.com&password=right");
    var otherEmail = send("POST", "/login/email?email=bob@example.com&password=right");

    assertThat(wrong1.statusCode()).isEqualTo(401);
    assertThat(wrong2.statusCode()).isEqualTo(401);
    // the right password does not help once the failures are spent: 14 min 45 s to wait
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(header(blocked, "Retry-After")).isEqualTo("885");
    assertThat(Json.MAPPER.readTree(blocked.body()).get("code").asText()).isEqualTo("rate_limited");
    assertThat(otherEmail.statusCode()).isEqualTo(200);
    assertThat(otherEmail.body()).isEqualTo("welcome");
    assertThat(header(otherEmail, "RateLimit-Remaining")).isNull();
  }

  @Test
  void loginFailuresFromOneAddressAddUpOverEmails() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(
          send("POST", "/login/ip?email=user" + i + "@example.com&password=wrong").statusCode());
    }

    // three failures from 127.0.0.1 spend its budget, whichever emails they were for
    assertThat(statuses).containsExactly(401, 401, 401, 429, 429);
    assertThat(send("POST", "/login/ip?email=fresh@example.com&password=right").statusCode())
        .isEqualTo(429);
  }

  @Test
  void loginIsClosedWhileTheLimiterIsDown() throws Exception {
    var response = send("POST", "/login-down?email=alice@example.com&password=right");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(header(response, "Retry-After")).isEqualTo("1");
  }

  @Test
  void theClientAddressIsTheConnectionsNotAForwardedHeader() throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/address"))
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Real-IP", "203.0.113.8")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo("127.0.0.1");
  }

  @Test
  void ipv6ClientsCountByTheirSlash64() throws Exception {
    assertThat(RateLimitDirectives.addressKey(InetAddress.getByName("2001:db8:0:2a:1234:5678:9:1")))
        .isEqualTo("2001:db8:0:2a::/64");
    assertThat(RateLimitDirectives.addressKey(InetAddress.getByName("::ffff:192.0.2.1")))
        .isEqualTo("192.0.2.1");
  }
}
