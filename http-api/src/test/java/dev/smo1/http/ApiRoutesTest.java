package dev.smo1.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.ratelimit.RateLimitSettings;
import dev.smo1.http.account.AccountRoutes;
import dev.smo1.http.admin.AdminRoutes;
import dev.smo1.http.analytics.AnalyticsRoutes;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.clicks.ClickRoutes;
import dev.smo1.http.health.HealthRoutes;
import dev.smo1.http.health.Readiness;
import dev.smo1.http.json.Json;
import dev.smo1.http.link.LinkRoutes;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.openapi.OpenApiRoutes;
import dev.smo1.http.ratelimit.RateLimits;
import dev.smo1.http.redirect.RedirectRoutes;
import dev.smo1.http.testing.RouteTestServer;
import dev.smo1.http.testing.TestAccess;
import dev.smo1.http.workspace.WorkspaceRoutes;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkDraft;
import dev.smo1.link.LinkPatch;
import dev.smo1.link.LinkReply;
import dev.smo1.link.Links;
import dev.smo1.link.RedirectType;
import dev.smo1.link.Resolution;
import dev.smo1.link.RetryableCreate;
import dev.smo1.projection.readmodel.LinkListing;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole route tree as the node binds it, with fakes behind every feature: the API answers only
 * a known key and acts for its owner, redirects and health need none, and every failure renders as
 * the one error body.
 */
class ApiRoutesTest {
  private static final String KEY = "smo1_testKeyOfAliceAAAAAAAAAAAAAAAAAAAAAAAAAA";
  private static final List<String> owners = new CopyOnWriteArrayList<>();
  private static final List<String> keyLookups = new CopyOnWriteArrayList<>();
  private static RouteTestServer server;

  /** Every link is not found, answered for whoever asked (recorded). */
  private static final Links LINKS =
      new Links() {
        @Override
        public String defaultDomain() {
          return "sho.rt";
        }

        @Override
        public CompletionStage<LinkReply> create(
            String owner, String alias, LinkDraft draft, RetryableCreate attempt) {
          return notFound(owner);
        }

        @Override
        public CompletionStage<LinkReply> get(String requester, String code) {
          return notFound(requester);
        }

        @Override
        public CompletionStage<LinkReply> update(String requester, String code, LinkPatch patch) {
          return notFound(requester);
        }

        @Override
        public CompletionStage<LinkReply> disable(String requester, String code) {
          return notFound(requester);
        }

        @Override
        public CompletionStage<LinkReply> enable(String requester, String code) {
          return notFound(requester);
        }

        @Override
        public CompletionStage<LinkReply> delete(String requester, String code) {
          return notFound(requester);
        }

        @Override
        public CompletionStage<Resolution> visit(String code) {
          return resolve(code);
        }

        @Override
        public CompletionStage<Resolution> resolve(String code) {
          return CompletableFuture.completedFuture(
              code.equals("docs")
                  ? new Resolution.Redirect("https://example.com/docs", RedirectType.FOUND, null)
                  : new Resolution.NotFound());
        }

        private CompletionStage<LinkReply> notFound(String owner) {
          owners.add(owner);
          return CompletableFuture.completedFuture(
              new LinkReply.Rejected(ErrorCode.NOT_FOUND, "link not found", null));
        }
      };

  @BeforeAll
  static void start() {
    var settings =
        new HttpSettings(
            "127.0.0.1",
            0,
            URI.create("https://sho.rt"),
            Duration.ofSeconds(30),
            Duration.ofHours(1));
    var metrics = new HttpMetrics(new PrometheusRegistry());
    LinkListing noLinks =
        (owner, domain, filter, after, limit) ->
            CompletableFuture.completedFuture(new LinkListing.Page(List.of(), Optional.empty()));
    var authenticator =
        new Authenticator(
            key -> {
              keyLookups.add(key);
              return CompletableFuture.completedFuture(
                  key.equals(KEY) ? Optional.of(TestAccess.key("alice")) : Optional.empty());
            },
            token -> CompletableFuture.completedFuture(Optional.empty()),
            (workspace, user) -> CompletableFuture.completedFuture(Optional.empty()),
            Set.of(URI.create("https://sho.rt")),
            new dev.smo1.http.auth.SessionCookies(true));
    // the account and workspace routes are not called here: no services behind them
    var routes =
        new ApiRoutes(
            authenticator,
            RateLimits.none(
                RateLimitSettings.from(ConfigFactory.parseResources("rate-limits.conf").resolve())),
            new AccountRoutes(
                null,
                authenticator,
                RateLimits.none(
                    RateLimitSettings.from(
                        ConfigFactory.parseResources("rate-limits.conf").resolve())),
                true),
            new WorkspaceRoutes(null, null, authenticator),
            new LinkRoutes(LINKS, noLinks, settings, dev.smo1.http.link.TestPasswords.fast()),
            new AdminRoutes(
                () -> Source.single("done\n").mapMaterializedValue(m -> null),
                () -> Source.single("checked 0 links\n").mapMaterializedValue(m -> null)),
            new RedirectRoutes(LINKS::resolve, settings, Optional.empty(), metrics),
            new HealthRoutes(
                () -> CompletableFuture.completedFuture(new Readiness.Report(List.of()))),
            new ClickRoutes(Optional.empty(), Optional.empty(), Clock.systemUTC(), metrics),
            new AnalyticsRoutes(LINKS::get, "sho.rt", Optional.empty(), Clock.systemUTC()),
            metrics);
    server = new RouteTestServer("api-routes-test", routes::route);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    owners.clear();
  }

  @Test
  void aKnownKeyActsForItsOwner() throws Exception {
    var response = send("GET", "/api/v1/links/docs", Map.of("Authorization", "Bearer " + KEY));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(owners).containsExactly("alice");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|Bearer realm=\"smo1\"",
        "Basic YWxpY2U6c2VjcmV0|Bearer realm=\"smo1\", error=\"invalid_request\"",
        "Bearer smo1_unknown|Bearer realm=\"smo1\", error=\"invalid_token\"",
      })
  void withoutAKnownKeyTheApiAnswers401WithTheChallengeAndAsksNothing(
      String authorization, String challenge) throws Exception {
    var response =
        send(
            "GET",
            "/api/v1/links",
            authorization == null ? Map.of() : Map.of("Authorization", authorization));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(challenge);
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText())
        .isEqualTo("unauthorized");
    assertThat(owners).isEmpty();
  }

  @Test
  void aLinksQrCodeIsAnsweredAsTheLinkIsForTheKeysWorkspaceOnly() throws Exception {
    var withoutKey = send("GET", "/api/v1/links/docs/qr", Map.of());
    var withKey =
        send("GET", "/api/v1/links/docs/qr?format=png", Map.of("Authorization", "Bearer " + KEY));

    assertThat(withoutKey.statusCode()).isEqualTo(401);
    assertThat(withoutKey.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"smo1\"");
    assertThat(withKey.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(withKey.body()).get("code").asText()).isEqualTo("not_found");
    assertThat(owners).containsExactly("alice");
  }

  @Test
  void redirectsAndHealthNeedNoKey() throws Exception {
    assertThat(send("GET", "/docs", Map.of()).statusCode()).isEqualTo(302);
    assertThat(send("GET", "/healthz", Map.of()).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/readyz", Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void theContractIsServedAsJsonWithoutAKey() throws Exception {
    int lookups = keyLookups.size();
    var response = send("GET", "/api/v1/openapi.json", Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Cache-Control"))
        .as("a route's own caching stays")
        .hasValue("public, max-age=300");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    var served = Json.MAPPER.readTree(response.body());
    assertThat(served).isEqualTo(OpenApiRoutes.contract());
    assertThat(served.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(keyLookups).hasSize(lookups);
  }

  @ParameterizedTest
  @CsvSource({
    "GET,/api/v1/links/docs,404", // authenticated
    "GET,/api/v1/links,401", // refused before any route
    "DELETE,/api/v1/links,405",
    "GET,/readyz,200",
    "POST,/internal/clicks,503",
  })
  void apiAnswersAreNeverSniffedReferredOrCached(String method, String path, int status)
      throws Exception {
    var response =
        send(
            method,
            path,
            path.equals("/api/v1/links") && method.equals("GET")
                ? Map.of()
                : Map.of("Authorization", "Bearer " + KEY));

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void redirectsKeepTheirOwnHeaders() throws Exception {
    var response = send("GET", "/docs", Map.of());

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Referrer-Policy"))
        .as("the visitor's referrer reaches the target as the browser decides")
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "GET,/api/v2/links,404,not_found",
    "DELETE,/api/v1/links,405,method_not_allowed",
    "POST,/internal/clicks,503,clicks_not_configured",
  })
  void failuresRenderAsTheOneErrorBody(String method, String path, int status, String code)
      throws Exception {
    var response = send(method, path, Map.of("Authorization", "Bearer " + KEY));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText()).isEqualTo(code);
  }

  private static HttpResponse<String> send(String method, String path, Map<String, String> headers)
      throws Exception {
    if (!method.equals("POST")) {
      return server.send(method, path, null, headers);
    }
    var withType = new java.util.HashMap<>(headers);
    withType.put("Content-Type", "application/json");
    return server.send(method, path, "{}", withType);
  }
}
