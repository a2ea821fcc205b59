package dev.smo1.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.ratelimit.RateLimitSettings;
import dev.smo1.http.ApiRoutes;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.account.AccountRoutes;
import dev.smo1.http.admin.AdminRoutes;
import dev.smo1.http.analytics.AnalyticsRoutes;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.SessionCookies;
import dev.smo1.http.clicks.ClickRoutes;
import dev.smo1.http.health.HealthRoutes;
import dev.smo1.http.health.Readiness;
import dev.smo1.http.json.Json;
import dev.smo1.http.link.LinkRoutes;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.ratelimit.RateLimits;
import dev.smo1.http.redirect.RedirectRoutes;
import dev.smo1.http.testing.FakeWebApps;
import dev.smo1.http.testing.RawHttp;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web apps as the node serves them, through the node's whole route tree on a real server: three
 * built exports in a temporary directory, fakes behind the API. Three servers: one with an app host
 * (the app host and a short domain on one port, told apart by {@code Host}), one without (one host
 * serves everything), and one whose web directory holds no build.
 */
class WebRoutesTest {
  private static final String KEY = "smo1_testKeyOfAliceAAAAAAAAAAAAAAAAAAAAAAAAAA";
  private static final String APP_HOST = "app.smo1.test";
  private static final String SHORT_DOMAIN = "sho.rt";

  @TempDir static Path directory;
  private static ExecutorService blocking;
  private static RouteTestServer withAppHost;
  private static RouteTestServer oneHost;
  private static RouteTestServer notBuilt;

  /** {@code abc1234} is a link, and so is {@code docs}, made before the word was reserved. */
  private static final Links LINKS =
      new Links() {
        @Override
        public String defaultDomain() {
          return SHORT_DOMAIN;
        }

        @Override
        public CompletionStage<LinkReply> create(
            String owner, String alias, LinkDraft draft, RetryableCreate attempt) {
          return notFound();
        }

        @Override
        public CompletionStage<LinkReply> get(String requester, String code) {
          return notFound();
        }

        @Override
        public CompletionStage<LinkReply> update(String requester, String code, LinkPatch patch) {
          return notFound();
        }

        @Override
        public CompletionStage<LinkReply> disable(String requester, String code) {
          return notFound();
        }

        @Override
        public CompletionStage<LinkReply> enable(String requester, String code) {
          return notFound();
        }

        @Override
        public CompletionStage<LinkReply> delete(String requester, String code) {
          return notFound();
        }

        @Override
        public CompletionStage<Resolution> visit(String code) {
          return resolve(code);
        }

        @Override
        public CompletionStage<Resolution> resolve(String code) {
          return CompletableFuture.completedFuture(
              switch (code) {
                case "abc1234" ->
                    new Resolution.Redirect("https://example.com/target", RedirectType.FOUND, null);
                case "docs" ->
                    new Resolution.Redirect(
                        "https://example.com/old-docs", RedirectType.FOUND, null);
                default -> new Resolution.NotFound();
              });
        }

        private CompletionStage<LinkReply> notFound() {
          return CompletableFuture.completedFuture(
              new LinkReply.Rejected(ErrorCode.NOT_FOUND, "link not found", null));
        }
      };

  @BeforeAll
  static void start() {
    Path web = FakeWebApps.write(directory.resolve("web"));
    blocking = Executors.newFixedThreadPool(2);
    withAppHost =
        new RouteTestServer(
            "web-app-host",
            () ->
                apiRoutes()
                    .route(new WebRoutes(new WebSettings(web, Optional.of(APP_HOST)), blocking)));
    oneHost =
        new RouteTestServer(
            "web-one-host",
            () ->
                apiRoutes().route(new WebRoutes(new WebSettings(web, Optional.empty()), blocking)));
    notBuilt =
        new RouteTestServer(
            "web-not-built",
            () ->
                apiRoutes()
                    .route(
                        new WebRoutes(
                            new WebSettings(directory.resolve("nothing-built"), Optional.empty()),
                            blocking)));
  }

  @AfterAll
  static void stop() {
    withAppHost.close();
    oneHost.close();
    notBuilt.close();
    blocking.shutdown();
  }

  private static ApiRoutes apiRoutes() {
    var settings =
        new HttpSettings(
            "127.0.0.1",
            0,
            URI.create("https://" + SHORT_DOMAIN),
            Duration.ofSeconds(30),
            Duration.ofHours(1));
    var metrics = new HttpMetrics(new PrometheusRegistry());
    LinkListing noLinks =
        (owner, domain, filter, after, limit) ->
            CompletableFuture.completedFuture(new LinkListing.Page(List.of(), Optional.empty()));
    var authenticator =
        new Authenticator(
            key ->
                CompletableFuture.completedFuture(
                    key.equals(KEY) ? Optional.of(TestAccess.key("alice")) : Optional.empty()),
            token -> CompletableFuture.completedFuture(Optional.empty()),
            (workspace, user) -> CompletableFuture.completedFuture(Optional.empty()),
            Set.of(URI.create("https://" + APP_HOST)),
            new SessionCookies(true));
    var limits =
        RateLimits.none(
            RateLimitSettings.from(ConfigFactory.parseResources("rate-limits.conf").resolve()));
    return new ApiRoutes(
        authenticator,
        limits,
        new AccountRoutes(null, authenticator, limits, true),
        new WorkspaceRoutes(null, null, authenticator),
        new LinkRoutes(LINKS, noLinks, settings, dev.smo1.http.link.TestPasswords.fast()),
        new AdminRoutes(
            () -> Source.single("done\n").mapMaterializedValue(m -> null),
            () -> Source.single("checked 0 links\n").mapMaterializedValue(m -> null)),
        new RedirectRoutes(LINKS::resolve, settings, Optional.empty(), metrics),
        new HealthRoutes(() -> CompletableFuture.completedFuture(new Readiness.Report(List.of()))),
        new ClickRoutes(Optional.empty(), Optional.empty(), Clock.systemUTC(), metrics),
        new AnalyticsRoutes(LINKS::get, SHORT_DOMAIN, Optional.empty(), Clock.systemUTC()),
        metrics);
  }

  private static RawHttp.Response app(String method, String target) throws Exception {
    return RawHttp.send(withAppHost.port(), method, target, APP_HOST);
  }

  private static RawHttp.Response app(String method, String target, Map<String, String> headers)
      throws Exception {
    return RawHttp.send(withAppHost.port(), method, target, APP_HOST, headers);
  }

  private static RawHttp.Response shortDomain(String method, String target) throws Exception {
    return RawHttp.send(withAppHost.port(), method, target, SHORT_DOMAIN);
  }

  private static String errorCode(RawHttp.Response response) throws Exception {
    return Json.MAPPER.readTree(response.body()).get("code").asText();
  }

  // --- pages, types and caching ---

  @Test
  void theLandingHomeIsRevalidatedHtmlWithTheSecurityHeaders() throws Exception {
    var response = app("GET", "/");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).contains(FakeWebApps.LANDING_HOME);
    assertThat(response.header("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(response.header("Cache-Control")).hasValue("no-cache");
    assertThat(response.header("ETag")).isPresent();
    assertThat(response.header("Last-Modified")).isPresent();
    assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.header("X-Frame-Options")).hasValue("DENY");
    assertThat(response.header("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
    assertThat(response.header("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'")
        .contains("script-src 'self' 'unsafe-inline'")
        .contains("frame-ancestors 'none'")
        .contains("object-src 'none'")
        .doesNotContain("unsafe-eval");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/pricing/,landing pricing",
    "/blog/hello/,landing blog post hello",
    "/app/,dashboard shell",
    "/app/links/,dashboard links page",
    "/docs/api/,API reference",
  })
  void eachPageIsItsDirectorysIndex(String path, String content) throws Exception {
    var response = app("GET", path);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).contains(content);
    assertThat(response.header("Cache-Control")).hasValue("no-cache");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/_next/static/chunks/chunk-abc123.js,text/javascript; charset=UTF-8",
    "/_next/static/css/app-abc123.css,text/css; charset=UTF-8",
    "/_next/static/media/font-abc123.woff2,font/woff2",
    "/app/_next/static/chunks/app-def456.js,text/javascript; charset=UTF-8",
  })
  void hashedAssetsAreCachedForAYearAsImmutable(String path, String contentType) throws Exception {
    var response = app("GET", path);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).hasValue(contentType);
    assertThat(response.header("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.header("Content-Security-Policy"))
        .as("only HTML carries the page policies")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/robots.txt,text/plain; charset=UTF-8,no-cache",
    "/index.txt,text/plain; charset=UTF-8,no-cache",
    "/pricing/__next.pricing.__PAGE__.txt,text/plain; charset=UTF-8,no-cache",
    "/sitemap.xml,application/xml; charset=UTF-8,no-cache",
    "/manifest.webmanifest,application/manifest+json,no-cache",
    "/data.json,application/json,no-cache",
    "/docs/api/openapi.json,application/json,no-cache",
    "/icon.svg,image/svg+xml,'public, max-age=3600'",
    "/favicon.ico,image/x-icon,'public, max-age=3600'",
    "/og.png,image/png,'public, max-age=3600'",
  })
  void otherFilesHaveTheirTypeAndAShortOrRevalidatedLife(
      String path, String contentType, String cacheControl) throws Exception {
    var response = app("GET", path);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).hasValue(contentType);
    assertThat(response.header("Cache-Control")).hasValue(cacheControl);
  }

  @Test
  void aPageAskedForWithItsEtagAnswers304() throws Exception {
    var etag = app("GET", "/pricing/").header("ETag").orElseThrow();

    var response = app("GET", "/pricing/", Map.of("If-None-Match", etag));

    assertThat(response.status()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
    assertThat(response.header("ETag")).hasValue(etag);
    assertThat(response.header("Cache-Control")).hasValue("no-cache");
    assertThat(response.header("Content-Security-Policy")).isPresent();
  }

  @Test
  void headAnswersGetsHeadersWithoutABody() throws Exception {
    var get = app("GET", "/_next/static/chunks/chunk-abc123.js");
    var head = app("HEAD", "/_next/static/chunks/chunk-abc123.js");

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Length"))
        .hasValue(
            String.valueOf(FakeWebApps.LANDING_CHUNK.getBytes(StandardCharsets.UTF_8).length));
    assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
    assertThat(head.header("Cache-Control")).isEqualTo(get.header("Cache-Control"));
    assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
    assertThat(app("HEAD", "/").status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"POST,/", "POST,/pricing/", "PUT,/app/", "DELETE,/app/links/", "POST,/robots.txt"})
  void pagesAnswerGetAndHeadOnly(String method, String path) throws Exception {
    var response = app(method, path);

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow").orElseThrow()).contains("GET").contains("HEAD");
    assertThat(errorCode(response)).isEqualTo("method_not_allowed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/pricing,/pricing/",
    "/app,/app/",
    "/app/links?tab=2,/app/links/?tab=2",
    "/docs/api,/docs/api/"
  })
  void aPageWithoutItsTrailingSlashIsRedirectedToIt(String path, String location) throws Exception {
    var response = app("GET", path);

    assertThat(response.status()).isEqualTo(308);
    assertThat(response.header("Location")).hasValue(location);
  }

  @Test
  void aPrecompressedVariantIsServedToClientsThatAcceptIt() throws Exception {
    String chunk = "/app/_next/static/chunks/app-def456.js";

    var brotli = app("GET", chunk, Map.of("Accept-Encoding", "gzip, deflate, br"));
    var gzip = app("GET", chunk, Map.of("Accept-Encoding", "gzip, br;q=0"));
    var plain = app("GET", chunk);

    assertThat(brotli.header("Content-Encoding")).hasValue("br");
    assertThat(brotli.text()).isEqualTo("brotli bytes");
    assertThat(gzip.header("Content-Encoding")).hasValue("gzip");
    assertThat(gzip.text()).isEqualTo("gzip bytes");
    assertThat(plain.header("Content-Encoding")).isEmpty();
    assertThat(plain.text()).isEqualTo(FakeWebApps.DASHBOARD_CHUNK);
    for (var response : List.of(brotli, gzip, plain)) {
      assertThat(response.header("Vary")).hasValue("Accept-Encoding");
      assertThat(response.header("Content-Type")).hasValue("text/javascript; charset=UTF-8");
    }
    assertThat(Set.of(brotli.header("ETag"), gzip.header("ETag"), plain.header("ETag"))).hasSize(3);
  }

  // --- fallbacks ---

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/app/links/abc1234/", "/app/links/abc1234", "/app/settings/keys/"})
  void aDashboardPathWithoutAPageGetsTheShell(String path) throws Exception {
    var response = app("GET", path);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).contains(FakeWebApps.DASHBOARD_SHELL);
    assertThat(response.header("Cache-Control")).hasValue("no-cache");
    assertThat(response.header("Content-Security-Policy")).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/app/_next/static/chunks/missing-000.js",
        "/app/links/abc1234/__next._tree.txt",
        "/app/missing.png",
        "/app/_next/static/chunks/"
      })
  void aMissingDashboardFileIs404NotTheShell(String path) throws Exception {
    var response = app("GET", path);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text()).doesNotContain(FakeWebApps.DASHBOARD_SHELL);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/blog/nope/",
        "/blog/hello/more/",
        "/nope/deeper",
        "/missing.png",
        "/_next/static/"
      })
  void anUnknownLandingPathGetsTheLandings404Page(String path) throws Exception {
    var response = app("GET", path);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text()).contains(FakeWebApps.LANDING_NOT_FOUND);
    assertThat(response.header("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(response.header("Cache-Control")).hasValue("no-cache");
  }

  // --- never outside the directory ---

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/app/../../etc/passwd",
        "/app/../../secret.txt",
        "/app/%2e%2e/%2e%2e/secret.txt",
        "/app/..%2f..%2fsecret.txt",
        "/app/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/blog/..%2F..%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/blog/%2e%2e/%2e%2e/secret.txt",
        "/blog/..%5c..%5csecret.txt",
        "/docs/api/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/escape.txt",
        "/.hidden/x",
      })
  void nothingOutsideTheExportIsEverServed(String target) throws Exception {
    var response = app("GET", target);

    assertThat(response.text()).doesNotContain(FakeWebApps.SECRET).doesNotContain("root:");
    assertThat(response.status()).as(response.text()).isIn(400, 404);
  }

  /**
   * Pekko HTTP removes dot segments from the request target (RFC 3986, 5.2.4), encoded ones too,
   * before any route sees the path: {@code /app/%2e%2e/%2e%2e/secret.txt} arrives as {@code
   * /secret.txt}, a name the landing site does not have. {@link StaticSite} refuses dot segments
   * all the same ({@code StaticSiteTest}), should a path ever reach it unresolved.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/app/../../secret.txt", "/app/%2e%2e/%2e%2e/secret.txt"})
  void dotSegmentsAreResolvedBeforeRoutingAndStayInsideTheSite(String target) throws Exception {
    var response = app("GET", target);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text()).contains(FakeWebApps.LANDING_NOT_FOUND);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/app/..%2f..%2fsecret.txt",
        "/blog/..%5c..%5csecret.txt",
        "/escape.txt",
      })
  void aPathThatCouldLeaveTheExportIsRefused(String target) throws Exception {
    var response = app("GET", target);

    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("bad_request");
  }

  @Test
  void aDirectoryIsNeverListed() throws Exception {
    var response = app("GET", "/_next/static/");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text()).doesNotContain("app-abc123.css").doesNotContain("font-abc123");
  }

  // --- missing builds ---

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/,landing site,landing/out",
    "/pricing/,landing site,landing/out",
    "/app/,dashboard,dashboard/out",
    "/app/links/abc1234/,dashboard,dashboard/out",
    "/docs/api/,API reference,api-docs/out",
  })
  void aSiteThatIsNotBuiltSaysSoAndHowToBuildIt(String path, String site, String export)
      throws Exception {
    var response = RawHttp.send(notBuilt.port(), "GET", path, "127.0.0.1");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Cache-Control")).hasValue("no-store");
    assertThat(response.text())
        .contains("The " + site + " is not built")
        .contains(export)
        .contains("./smo1 run");
  }

  @Test
  void withoutBuildsTheApiAndTheRedirectsStillWork() throws Exception {
    assertThat(RawHttp.send(notBuilt.port(), "GET", "/abc1234", "127.0.0.1").status())
        .isEqualTo(302);
    assertThat(
            RawHttp.send(
                    notBuilt.port(),
                    "GET",
                    "/api/v1/links",
                    "127.0.0.1",
                    Map.of("Authorization", "Bearer " + KEY))
                .status())
        .isEqualTo(200);
  }

  // --- hosts ---

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {APP_HOST, "APP.Smo1.Test", APP_HOST + ":8443", APP_HOST + "."})
  void theAppHostIsMatchedWithoutCaseOrPort(String host) throws Exception {
    var response = RawHttp.send(withAppHost.port(), "GET", "/", host);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).contains(FakeWebApps.LANDING_HOME);
  }

  @Test
  void theAppHostServesTheApiTheProbesAndRedirectsOfCodesThatAreNoPage() throws Exception {
    assertThat(app("GET", "/api/v1/links").status()).isEqualTo(401);
    var listed = app("GET", "/api/v1/links", Map.of("Authorization", "Bearer " + KEY));
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(listed.body()).get("items")).isEmpty();
    assertThat(app("GET", "/healthz").status()).isEqualTo(200);
    assertThat(app("GET", "/readyz").status()).isEqualTo(200);
    var redirect = app("GET", "/abc1234");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).hasValue("https://example.com/target");
    var unknown = app("GET", "/zzz9999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).contains("This short link does not exist.");
  }

  @Test
  void anUnknownApiPathStaysTheApisJson404OnTheAppHost() throws Exception {
    var response = app("GET", "/api/v2/links");

    assertThat(response.status()).isEqualTo(404);
    assertThat(errorCode(response)).isEqualTo("not_found");
  }

  @Test
  void onTheAppHostAPageWordIsThePageEvenWhereALinkHadIt() throws Exception {
    var response = app("GET", "/docs/");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).contains(FakeWebApps.LANDING_DOCS);
    assertThat(app("GET", "/docs").status()).as("the page, not the link").isEqualTo(308);
  }

  @Test
  void aShortDomainServesRedirectsProbesAndEdgeClicksOnly() throws Exception {
    var redirect = shortDomain("GET", "/abc1234");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).hasValue("https://example.com/target");
    assertThat(shortDomain("HEAD", "/abc1234").status()).isEqualTo(302);
    assertThat(shortDomain("GET", "/healthz").status()).isEqualTo(200);
    assertThat(shortDomain("GET", "/readyz").status()).isEqualTo(200);
    var clicks =
        RawHttp.send(
            withAppHost.port(),
            "POST",
            "/internal/clicks",
            SHORT_DOMAIN,
            Map.of("Content-Type", "application/json"));
    assertThat(errorCode(clicks))
        .as("the edge's route is reached")
        .isEqualTo("clicks_not_configured");
    // a link made before its word became a page word still works where no page is served
    assertThat(shortDomain("GET", "/docs").status()).isEqualTo(302);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/",
        "/pricing/",
        "/app/",
        "/app/links/",
        "/docs/api/",
        "/_next/static/chunks/chunk-abc123.js",
        "/api/v1/links",
        "/api/v1/auth/login"
      })
  void onAShortDomainEverythingElseIsTheApis404(String path) throws Exception {
    var response =
        RawHttp.send(
            withAppHost.port(),
            "GET",
            path,
            SHORT_DOMAIN,
            Map.of("Authorization", "Bearer " + KEY));

    assertThat(response.status()).isEqualTo(404);
    assertThat(errorCode(response)).isEqualTo("not_found");
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"127.0.0.1", "localhost:8080", SHORT_DOMAIN, APP_HOST})
  void withoutAnAppHostEveryHostServesEverything(String host) throws Exception {
    assertThat(RawHttp.send(oneHost.port(), "GET", "/", host).text())
        .contains(FakeWebApps.LANDING_HOME);
    assertThat(RawHttp.send(oneHost.port(), "GET", "/app/links/", host).text())
        .contains(FakeWebApps.DASHBOARD_LINKS);
    assertThat(
            RawHttp.send(
                    oneHost.port(),
                    "GET",
                    "/api/v1/links",
                    host,
                    Map.of("Authorization", "Bearer " + KEY))
                .status())
        .isEqualTo(200);
    assertThat(RawHttp.send(oneHost.port(), "GET", "/abc1234", host).status()).isEqualTo(302);
    assertThat(RawHttp.send(oneHost.port(), "GET", "/pricing/", host).text())
        .contains(FakeWebApps.LANDING_PRICING);
  }

  @Test
  void theFakeExportHasTheSecretWhereTheTraversalTestsLookForIt() throws Exception {
    assertThat(Files.readString(directory.resolve("web/secret.txt"))).isEqualTo(FakeWebApps.SECRET);
    assertThat(Files.readString(directory.resolve("web/landing/out/escape.txt")))
        .as("the link leads outside")
        .isEqualTo(FakeWebApps.SECRET);
  }
}
