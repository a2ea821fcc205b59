package dev.smo1.http.analytics;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.clicks.analytics.AnalyticsQuery;
import dev.smo1.clicks.analytics.AnalyticsQuery.Interval;
import dev.smo1.clicks.analytics.AnalyticsReport;
import dev.smo1.clicks.analytics.AnalyticsUnavailableException;
import dev.smo1.clicks.analytics.ClickReports;
import dev.smo1.http.ApiRoutes;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.Json;
import dev.smo1.http.testing.TestAccess;
import dev.smo1.http.testing.contract.ContractCheck;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkReply;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.LinkView;
import dev.smo1.link.RedirectType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analytics routes over a real server on a free port, with a recording {@link ClickReports}:
 * every invalid parameter is a 400 naming its field, and then nothing is queried.
 */
class AnalyticsRoutesTest {
  private static final String OWNER = "owner-1";
  private static final String DOMAIN = "smo1.test";
  private static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ActorSystem<Void> system;
  private static final Recording reports = new Recording();
  private static ServerBinding configured;
  private static ServerBinding unconfigured;
  private static ServerBinding onFreePlan;

  /** Records each query; answers with an empty report, or fails as told. */
  static final class Recording implements ClickReports {
    final List<AnalyticsQuery> queries = new CopyOnWriteArrayList<>();
    final List<dev.smo1.clicks.analytics.ClickExport> exports = new CopyOnWriteArrayList<>();
    volatile Throwable failure;

    @Override
    public CompletionStage<java.io.InputStream> export(
        dev.smo1.clicks.analytics.ClickExport query) {
      exports.add(query);
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      return CompletableFuture.completedFuture(
          new java.io.ByteArrayInputStream(
              "\"time\",\"code\"\n\"2026-11-02 10:00:00\",\"abc\"\n"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public CompletionStage<AnalyticsReport> report(AnalyticsQuery query) {
      queries.add(query);
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      var empty = List.<AnalyticsReport.ValueCount>of();
      return CompletableFuture.completedFuture(
          new AnalyticsReport(
              query.code().orElse(null),
              query.from(),
              query.to(),
              query.interval(),
              query.zone().getId(),
              query.includeBots(),
              new AnalyticsReport.Totals(3, 2, true),
              List.of(
                  new AnalyticsReport.Bucket(
                      Instant.parse("2026-10-31T23:00:00Z")
                          .atZone(ZoneId.of("Europe/Paris"))
                          .toOffsetDateTime(),
                      3)),
              new AnalyticsReport.TopValues(
                  List.of(new AnalyticsReport.ValueCount("DE", 2)),
                  List.of(new AnalyticsReport.ValueCount(null, 3)),
                  empty,
                  empty,
                  empty,
                  empty,
                  List.of(new AnalyticsReport.ValueCount("qr", 3)),
                  empty,
                  empty)));
    }
  }

  @BeforeAll
  static void start() {
    system = ActorSystem.create(Behaviors.empty(), "analytics-routes-test");
    configured = bind(Optional.of(reports), dev.smo1.accounts.workspace.PlanQuotas.NONE);
    unconfigured = bind(Optional.empty(), dev.smo1.accounts.workspace.PlanQuotas.NONE);
    onFreePlan = bind(Optional.of(reports), AnalyticsRoutesTest::freePlan);
  }

  /** The workspace entity's answer for a workspace on a plan keeping 30 days of analytics. */
  private static CompletionStage<Optional<dev.smo1.accounts.workspace.QuotaReply.Quota>> freePlan(
      String workspace) {
    var limits = new dev.smo1.accounts.workspace.WorkspaceLimits(50L, 10_000L, 0, 1, 1, 60, 30);
    return CompletableFuture.completedFuture(
        Optional.of(
            new dev.smo1.accounts.workspace.QuotaReply.Quota(
                dev.smo1.accounts.workspace.WorkspacePlan.free(NOW), limits, NOW, NOW, 0, 1, 0)));
  }

  private static ServerBinding bind(
      Optional<ClickReports> analytics, dev.smo1.accounts.workspace.PlanQuotas plans) {
    var routes =
        new AnalyticsRoutes(
                AnalyticsRoutesTest::lookup, DOMAIN, analytics, Clock.fixed(NOW, ZoneOffset.UTC))
            .withPlans(plans);
    // the link routes' shape: pathPrefix(segment) then pathEnd; analytics must win and leave
    // /links/{code} to them (this stand-in answers as the link routes do for an unknown code)
    Route links =
        pathPrefix(
            "links",
            () ->
                path(
                    segment(),
                    code ->
                        get(
                            () ->
                                complete(
                                    Json.response(
                                        StatusCodes.NOT_FOUND,
                                        ApiError.of("not_found", "link " + code))))));
    Route route =
        handleExceptions(
            ApiRoutes.exceptionHandler(),
            () ->
                handleRejections(
                    ApiRoutes.rejectionHandler(),
                    () ->
                        pathPrefix(
                            "api",
                            () ->
                                pathPrefix(
                                    "v1",
                                    () -> concat(routes.routes(TestAccess.key(OWNER)), links)))));
    return Http.get(system)
        .newServerAt("127.0.0.1", 0)
        .bind(ContractCheck.around(route))
        .toCompletableFuture()
        .join();
  }

  /** Only "mine" exists and belongs to the owner; "theirs" is another owner's (also not found). */
  private static CompletionStage<LinkReply> lookup(String owner, String code) {
    if (owner.equals(OWNER) && code.equals("mine")) {
      return CompletableFuture.completedFuture(
          new LinkReply.Ok(
              new LinkView(
                  DOMAIN,
                  "mine",
                  OWNER,
                  "https://example.com/",
                  RedirectType.FOUND,
                  null,
                  null,
                  List.of(),
                  false,
                  dev.smo1.link.rules.Routing.NONE,
                  LinkStatus.ACTIVE,
                  NOW,
                  NOW)));
    }
    return CompletableFuture.completedFuture(
        new LinkReply.Rejected(ErrorCode.NOT_FOUND, "no link '" + code + "' on " + DOMAIN, null));
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @BeforeEach
  void reset() {
    reports.queries.clear();
    reports.failure = null;
  }

  @Test
  void aRangeBeyondThePlansRetentionIsClampedAndTheAnswerSaysSo() throws Exception {
    var response = fetch(onFreePlan, "/api/v1/analytics?from=2026-08-01T00:00:00Z&interval=day");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(reports.queries).hasSize(1);
    assertThat(reports.queries.getFirst().from())
        .as("from: 30 days back")
        .isEqualTo(NOW.minus(java.time.Duration.ofDays(30)));
    var retention = Json.MAPPER.readTree(response.body()).path("retention");
    assertThat(retention.path("days").asInt()).isEqualTo(30);
    assertThat(retention.path("requestedFrom").asText()).isEqualTo("2026-08-01T00:00:00Z");

    var within = fetch(onFreePlan, "/api/v1/analytics?from=2026-11-01T00:00:00Z&interval=day");
    assertThat(Json.MAPPER.readTree(within.body()).has("retention")).isFalse();

    var before =
        fetch(
            onFreePlan,
            "/api/v1/links/mine/analytics?from=2026-08-01T00:00:00Z&to=2026-09-01T00:00:00Z");
    assertThat(before.statusCode()).as(before.body()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(before.body()).path("field").asText()).isEqualTo("to");
    assertThat(reports.queries).hasSize(2);
  }

  @Test
  void linkAnalyticsAskForTheOwnersLinkWithTheParametersGiven() throws Exception {
    var response =
        fetch(
            configured,
            "/api/v1/links/mine/analytics?from=2026-11-01&to=2026-11-08T00:00:00%2B01:00"
                + "&interval=day&tz=Europe/Paris&top=5&bots=include");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(reports.queries)
        .containsExactly(
            new AnalyticsQuery(
                OWNER,
                DOMAIN,
                Optional.of("mine"),
                Instant.parse("2026-10-31T23:00:00Z"),
                Instant.parse("2026-11-07T23:00:00Z"),
                Interval.DAY,
                ZoneId.of("Europe/Paris"),
                true,
                5));
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("code").asText()).isEqualTo("mine");
    assertThat(body.get("from").asText()).isEqualTo("2026-10-31T23:00:00Z");
    assertThat(body.get("interval").asText()).isEqualTo("day");
    assertThat(body.get("timeZone").asText()).isEqualTo("Europe/Paris");
    assertThat(body.get("botsIncluded").asBoolean()).isTrue();
    assertThat(body.at("/totals/uniqueVisitorsExact").asBoolean()).isTrue();
    assertThat(body.at("/series/0/start").asText()).isEqualTo("2026-11-01T00:00:00+01:00");
    assertThat(body.at("/top/country/0/value").asText()).isEqualTo("DE");
    assertThat(body.at("/top/referrer/0/value").isNull()).isTrue();
    assertThat(body.get("top").has("utmSource")).isTrue();
    assertThat(body.at("/top/trigger/0/value").asText()).isEqualTo("qr");
    assertThat(body.get("top").has("rule")).isTrue();
    assertThat(body.get("top").has("variant")).isTrue();
  }

  @Test
  void accountAnalyticsDefaultToTheLastSevenDaysInUtcWithoutBots() throws Exception {
    var response = fetch(configured, "/api/v1/analytics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(reports.queries)
        .containsExactly(
            new AnalyticsQuery(
                OWNER,
                DOMAIN,
                Optional.empty(),
                NOW.minus(Duration.ofDays(7)),
                NOW,
                Interval.DAY,
                ZoneId.of("UTC"),
                false,
                10));
    assertThat(Json.MAPPER.readTree(response.body()).get("code").isNull()).isTrue();
  }

  @Test
  void hourlyAnalyticsDefaultToTheLastDay() throws Exception {
    assertThat(fetch(configured, "/api/v1/analytics?interval=hour").statusCode()).isEqualTo(200);
    assertThat(reports.queries.get(0).from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
    assertThat(reports.queries.get(0).to()).isEqualTo(NOW);
  }

  @ParameterizedTest(name = "{0} -> 400 field {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "from=yesterday | from",
        "from=2026-13-01 | from",
        "from=1999-12-31 | from",
        "to=2100-01-02 | to",
        "from=2026-11-01T00:00:00 | from",
        "to=2026-11-01T00:00:00Z'-- | to",
        "from=2026-11-01&to=2026-11-01 | to",
        "from=2026-11-02&to=2026-11-01 | to",
        "from=2025-09-01&to=2026-11-01 | from",
        "interval=hour&from=2026-10-01&to=2026-11-02 | from",
        "interval=week | interval",
        "interval=HOUR | interval",
        "tz=Mars/Olympus | tz",
        "tz=UTC'); DROP TABLE clicks;-- | tz",
        "tz=+05:30 | tz",
        "tz=../../etc/passwd | tz",
        "top=0 | top",
        "top=101 | top",
        "top=abc | top",
        "top=1.5 | top",
        "top=10' OR 1=1 | top",
        "bots=yes | bots",
        "foo=1 | foo",
        "from=2026-11-01&from=2026-11-02 | from",
      })
  void invalidParametersAreRejectedAndNothingIsQueried(String query, String field)
      throws Exception {
    for (String path : List.of("/api/v1/analytics", "/api/v1/links/mine/analytics")) {
      var response = fetch(configured, path + "?" + encode(query));

      assertThat(response.statusCode()).as(path).isEqualTo(400);
      JsonNode body = Json.MAPPER.readTree(response.body());
      assertThat(body.get("code").asText()).isEqualTo("invalid_parameter");
      assertThat(body.get("field").asText()).isEqualTo(field);
    }
    assertThat(reports.queries).isEmpty();
  }

  @Test
  void unknownOrOthersOrMalformedCodesAreNotFoundAndNothingIsQueried() throws Exception {
    for (String code : List.of("theirs", "nope", "x'%20OR%20'1'='1", "a%5C'b")) {
      var response = fetch(configured, "/api/v1/links/" + code + "/analytics");

      assertThat(response.statusCode()).as(code).isEqualTo(404);
      assertThat(Json.MAPPER.readTree(response.body()).get("code").asText()).isEqualTo("not_found");
    }
    assertThat(reports.queries).isEmpty();
  }

  @Test
  void withoutClickHouseTheEndpointsAnswerServiceUnavailable() throws Exception {
    for (String path : List.of("/api/v1/analytics", "/api/v1/links/mine/analytics")) {
      var response = fetch(unconfigured, path);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
          .isEqualTo("analytics_not_configured");
    }
  }

  @Test
  void aQueryThatOverrunsIsServiceUnavailableWithRetryAfter() throws Exception {
    reports.failure =
        new AnalyticsUnavailableException(
            AnalyticsUnavailableException.Reason.TIMEOUT, "too slow", null);

    var response = fetch(configured, "/api/v1/links/mine/analytics");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("5");
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
        .isEqualTo("analytics_timeout");
  }

  @Test
  void aWorkspaceWithAsManyReportsUnderWayAsAllowedIsTooManyRequestsWithRetryAfter()
      throws Exception {
    reports.failure =
        new AnalyticsUnavailableException(
            AnalyticsUnavailableException.Reason.BUSY, "this workspace has 10 reports", null);

    var response = fetch(configured, "/api/v1/analytics");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
        .isEqualTo("rate_limited");
  }

  @Test
  void anUnreachableClickHouseIsServiceUnavailable() throws Exception {
    // the reports tell an outage apart from a bug (ClickHouseErrors, tested in ClickAnalyticsTest)
    reports.failure =
        new AnalyticsUnavailableException(
            AnalyticsUnavailableException.Reason.UNAVAILABLE,
            "ClickHouse is unreachable",
            new java.net.ConnectException("Connection refused"));

    var response = fetch(configured, "/api/v1/analytics");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
        .isEqualTo("analytics_unavailable");
  }

  @Test
  void aFailureThatIsNoOutageIsAnInternalErrorNotA503() throws Exception {
    reports.failure = new IllegalStateException("analytics query failed");

    var response = fetch(configured, "/api/v1/analytics");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText()).isEqualTo("internal");
  }

  @Test
  void theLinkItselfIsStillServedAndOtherMethodsAreNotAllowed() throws Exception {
    var link = fetch(configured, "/api/v1/links/mine");
    assertThat(link.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(link.body()).get("message").asText()).isEqualTo("link mine");

    var post =
        HTTP.send(
            HttpRequest.newBuilder(uri(configured, "/api/v1/links/mine/analytics"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(reports.queries).isEmpty();
  }

  /** Encodes each value of {@code name=value&...}, keeping the structure. */
  private static String encode(String query) {
    var encoded = new StringBuilder();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (!encoded.isEmpty()) {
        encoded.append('&');
      }
      encoded
          .append(pair, 0, equals + 1)
          .append(URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return encoded.toString();
  }

  private static URI uri(ServerBinding binding, String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + pathAndQuery);
  }

  private static HttpResponse<String> fetch(ServerBinding binding, String pathAndQuery)
      throws Exception {
    return HTTP.sendAsync(
            HttpRequest.newBuilder(uri(binding, pathAndQuery)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .get(10, TimeUnit.SECONDS);
  }
}
