package dev.smo1.http.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.http.HttpSettings;
import dev.smo1.http.json.Json;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.testing.RouteTestServer;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.RedirectType;
import dev.smo1.link.Resolution;
import dev.smo1.link.rules.Conditions;
import dev.smo1.link.rules.Routing;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The origin redirect routes over a real server with a fake resolver: each redirect type's status,
 * location and cache policy, query forwarding, 410 and 404 pages (HTML or JSON), HEAD, and one
 * resolve per request.
 */
class RedirectRoutesTest {
  private static final dev.smo1.link.AccessCookies COOKIES =
      new dev.smo1.link.AccessCookies("redirect-routes-test-secret");
  private static final java.time.Instant LOCKED_SINCE =
      java.time.Instant.parse("2026-11-01T10:00:00Z");

  /** A password-protected link, its password "open sesame". */
  private static final Resolution.Redirect LOCKED =
      new Resolution.Redirect(
          "https://example.com/private",
          RedirectType.FOUND,
          null,
          false,
          Routing.NONE,
          new LinkOptions(
              null,
              null,
              new LinkOptions.Preview("Card", null, null),
              null,
              new LinkOptions.Password(
                  new dev.smo1.accounts.user.Passwords(
                          new dev.smo1.accounts.user.Passwords.PasswordHashing(1_024, 1, 1, 32))
                      .hash("open sesame"),
                  LOCKED_SINCE)));

  /** A link with max visits: the fake entity lets two visits through. */
  private static final Resolution.Redirect LIMITED =
      new Resolution.Redirect(
          "https://example.com/offer",
          RedirectType.FOUND,
          null,
          false,
          Routing.NONE,
          new LinkOptions(null, null, null, 2));

  private static final String SLACKBOT =
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
  private static final String FIREFOX =
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

  private static final Map<String, Resolution> LINKS =
      Map.ofEntries(
          Map.entry(
              "moved",
              new Resolution.Redirect(
                  "https://example.com/301", RedirectType.MOVED_PERMANENTLY, null)),
          Map.entry(
              "found",
              new Resolution.Redirect("https://example.com/302", RedirectType.FOUND, null)),
          Map.entry(
              "temp",
              new Resolution.Redirect(
                  "https://example.com/307", RedirectType.TEMPORARY_REDIRECT, null)),
          Map.entry(
              "perm",
              new Resolution.Redirect(
                  "https://example.com/308", RedirectType.PERMANENT_REDIRECT, null)),
          Map.entry(
              "fwd",
              new Resolution.Redirect("https://example.com/a#top", RedirectType.FOUND, null, true)),
          // stored before targets were normalised: raw non-ASCII
          Map.entry(
              "legacy",
              new Resolution.Redirect(
                  "https://example.com/caf\u00e9?q=\u00fc#gr\u00f6\u00dfe",
                  RedirectType.FOUND,
                  null,
                  true)),
          // what the URL standard leaves as it is, and Pekko's Location model would not
          Map.entry(
              "exact",
              new Resolution.Redirect(
                  "https://example.com/%7euser/%c3%a4|a[1]?q=%2F+b^{}#%3a",
                  RedirectType.FOUND, null)),
          // stored before targets were checked for invalid escapes: no redirect can carry it
          Map.entry(
              "broken",
              new Resolution.Redirect("https://example.com/100%off", RedirectType.FOUND, null)),
          // targeting rules, then an A/B test; permanent, yet never stored by anyone
          Map.entry(
              "routed",
              new Resolution.Redirect(
                  "https://example.com/default",
                  RedirectType.MOVED_PERMANENTLY,
                  null,
                  false,
                  new Routing(
                      List.of(
                          new Routing.Rule(
                              new Conditions(
                                  null, null, null, null, List.of("de"), null, null, null, null),
                              "https://example.com/de"),
                          new Routing.Rule(
                              new Conditions(
                                  java.util.Set.of("mobile"),
                                  null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null),
                              "https://example.com/mobile")),
                      List.of(
                          new Routing.Variant("https://example.com/a", 1),
                          new Routing.Variant("https://example.com/b", 1)),
                      null))),
          Map.entry(
              "utm",
              new Resolution.Redirect(
                  "https://example.com/p?utm_source=old&k=v",
                  RedirectType.FOUND,
                  null,
                  true,
                  Routing.NONE,
                  new LinkOptions(
                      new LinkOptions.Utm("news", "email", null, null, null), null, null, null))),
          Map.entry(
              "card",
              new Resolution.Redirect(
                  "https://example.com/post",
                  RedirectType.MOVED_PERMANENTLY,
                  null,
                  false,
                  Routing.NONE,
                  new LinkOptions(
                      null,
                      null,
                      new LinkOptions.Preview(
                          "Our <launch>", "Fast links", "https://example.com/card.png"),
                      null))),
          Map.entry("limited", LIMITED),
          Map.entry("locked", LOCKED),
          Map.entry(
              "locked301",
              new Resolution.Redirect(
                  LOCKED.target(),
                  RedirectType.MOVED_PERMANENTLY,
                  null,
                  false,
                  Routing.NONE,
                  LOCKED.options())),
          Map.entry("over", new Resolution.Gone(LinkStatus.EXPIRED, "https://example.com/next")),
          Map.entry("off", new Resolution.Gone(LinkStatus.DISABLED)),
          Map.entry("old", new Resolution.Gone(LinkStatus.EXPIRED)),
          Map.entry("gone", new Resolution.Gone(LinkStatus.DELETED)));
  private static final List<String> resolved = new CopyOnWriteArrayList<>();
  private static final List<String> visited = new CopyOnWriteArrayList<>();
  private static final List<dev.smo1.clicks.Click> clicked = new CopyOnWriteArrayList<>();
  private static final Map<String, Integer> failures =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static RouteTestServer server;

  @BeforeAll
  static void start() {
    var routes =
        new RedirectRoutes(
            new LinkResolver() {
              @Override
              public java.util.concurrent.CompletionStage<Resolution> resolve(String code) {
                resolved.add(code);
                return CompletableFuture.completedFuture(
                    LINKS.getOrDefault(code, new Resolution.NotFound()));
              }

              @Override
              public java.util.concurrent.CompletionStage<Resolution> visit(String code) {
                visited.add(code);
                return CompletableFuture.completedFuture(
                    visited.size() <= 2 ? LIMITED : new Resolution.Gone(LinkStatus.EXHAUSTED));
              }
            },
            new HttpSettings(
                "127.0.0.1",
                0,
                URI.create("https://sho.rt"),
                Duration.ofSeconds(30),
                Duration.ofHours(1)),
            Optional.of(
                new dev.smo1.http.clicks.OriginClicks(
                    new dev.smo1.clicks.ClickRecorder(
                        batch -> {
                          clicked.addAll(batch);
                          return CompletableFuture.completedFuture(batch.size());
                        },
                        10,
                        1),
                    day -> CompletableFuture.failedFuture(new IllegalStateException("no salt")),
                    new dev.smo1.http.clicks.OriginClicks.Settings("sho.rt", Duration.ofSeconds(1)),
                    java.time.Clock.systemUTC(),
                    new PrometheusRegistry())),
            new HttpMetrics(new PrometheusRegistry()),
            UnknownCodes.NONE,
            java.time.Clock.systemUTC(),
            new PasswordGate(
                "sho.rt",
                COOKIES,
                dev.smo1.http.link.TestPasswords.fast(),
                (request, linkKey, inner) ->
                    failures.merge(linkKey, 1, Integer::sum) > 2
                        ? org.apache.pekko.http.javadsl.server.Directives.complete(
                            org.apache.pekko.http.javadsl.model.HttpResponse.create()
                                .withStatus(429))
                        : inner.get(),
                java.time.Clock.systemUTC(),
                true));
    server = new RouteTestServer("redirect-routes-test", routes::routes);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    resolved.clear();
    visited.clear();
    failures.clear();
  }

  @Test
  void aProtectedLinkAsksForItsPasswordAndCountsNothing() throws Exception {
    var page = server.send("GET", "/locked", null, Map.of("User-Agent", FIREFOX));
    var json = server.send("GET", "/locked", null, Map.of("Accept", "application/json"));
    var bot = server.send("GET", "/locked", null, Map.of("User-Agent", SLACKBOT));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<form method=\"post\">")
        .contains("type=\"password\"")
        .doesNotContain("example.com/private");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    assertThat(json.statusCode()).isEqualTo(403);
    assertThat(Json.MAPPER.readTree(json.body()).get("code").asText())
        .isEqualTo("password_required");
    assertThat(bot.body()).as("no preview gives the target away").contains("<form");
    assertThat(visited).isEmpty();
  }

  @Test
  void theRightPasswordSetsTheLinksAccessCookieWhichThenRedirects() throws Exception {
    var form = Map.of("Content-Type", "application/x-www-form-urlencoded");
    var wrong = server.send("POST", "/locked?x=1", "password=guess", form);
    var right = server.send("POST", "/locked?x=1", "password=open+sesame", form);

    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("role=\"alert\"").contains("not right");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(right.statusCode()).isEqualTo(303);
    assertThat(right.headers().firstValue("Location")).hasValue("/locked?x=1");
    String setCookie = right.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .matches(
            "smo1_access=[0-9]+\\.[A-Za-z0-9_-]{43}; Path=/locked; Max-Age=86400; HttpOnly;"
                + " SameSite=Lax; Secure");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    var redirected = server.send("GET", "/locked", null, Map.of("Cookie", cookie));
    assertThat(redirected.statusCode()).isEqualTo(302);
    assertThat(redirected.headers().firstValue("Location")).hasValue("https://example.com/private");
    assertThat(
            COOKIES.valid(
                cookie.substring(cookie.indexOf('=') + 1),
                new dev.smo1.link.LinkId("sho.rt", "locked"),
                LOCKED_SINCE,
                java.time.Instant.now()))
        .isTrue();
  }

  @Test
  void aCookieForAnotherPasswordOrLinkLetsNoOneThrough() throws Exception {
    var link = new dev.smo1.link.LinkId("sho.rt", "locked");
    var now = java.time.Instant.now();
    for (String value :
        List.of(
            COOKIES.issue(link, LOCKED_SINCE.minusSeconds(1), now),
            COOKIES.issue(new dev.smo1.link.LinkId("sho.rt", "other"), LOCKED_SINCE, now),
            new dev.smo1.link.AccessCookies("another-secret-of-16")
                .issue(link, LOCKED_SINCE, now))) {
      var response = server.send("GET", "/locked", null, Map.of("Cookie", "smo1_access=" + value));
      assertThat(response.statusCode()).as(value).isEqualTo(200);
      assertThat(response.body()).contains("<form");
    }
  }

  @Test
  void everyAttemptSpendsTheLinksBudgetForTheVisitorBeforeThePasswordIsChecked() throws Exception {
    var form = Map.of("Content-Type", "application/x-www-form-urlencoded");
    server.send("POST", "/locked", "password=one", form);
    server.send("POST", "/locked", "password=two", form);

    var limited = server.send("POST", "/locked", "password=open+sesame", form);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(failures).containsEntry("sho.rt/locked", 3);
  }

  @Test
  void aProtectedPermanentRedirectIsNeverStoredBySharedCaches() throws Exception {
    var cookie =
        "smo1_access="
            + COOKIES.issue(
                new dev.smo1.link.LinkId("sho.rt", "locked301"),
                LOCKED_SINCE,
                java.time.Instant.now());

    var response = server.send("GET", "/locked301", null, Map.of("Cookie", cookie));

    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void aLimitedLinkGivesBotsAndHeadsNoTarget() throws Exception {
    var bot = server.send("GET", "/limited", null, Map.of("User-Agent", "curl/8.5.0"));
    var head = server.send("HEAD", "/limited", null, Map.of("User-Agent", FIREFOX));

    assertThat(bot.statusCode()).isEqualTo(200);
    assertThat(bot.headers().firstValue("Location")).isEmpty();
    assertThat(bot.body()).doesNotContain("example.com/offer").contains("https://sho.rt/limited");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Location")).isEmpty();
    assertThat(visited).isEmpty();
  }

  @Test
  void theFormOfALinkWithoutAPasswordSendsBackToIt() throws Exception {
    var response =
        server.send(
            "POST",
            "/found",
            "password=x",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/found");
  }

  @Test
  void theLinksUtmIsMergedIntoTheTargetBeforeTheForwardedQuery() throws Exception {
    var response = server.send("GET", "/utm?ref=x", null);

    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://example.com/p?k=v&utm_source=news&utm_medium=email&ref=x");
  }

  @Test
  void aGoneLinkWithAFallbackSendsItsVisitorsThereWithARedirectNoOneKeeps() throws Exception {
    var html = server.send("GET", "/over", null);
    var json = server.send("GET", "/over", null, Map.of("Accept", "application/json"));

    assertThat(html.statusCode()).isEqualTo(302);
    assertThat(html.headers().firstValue("Location")).hasValue("https://example.com/next");
    assertThat(html.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(Json.MAPPER.readTree(json.body()).get("target").asText())
        .isEqualTo("https://example.com/next");
  }

  @Test
  void aLinkPreviewBotGetsThePreviewPageAndABrowserTheRedirect() throws Exception {
    var bot = server.send("GET", "/card", null, Map.of("User-Agent", SLACKBOT));
    var browser = server.send("GET", "/card", null, Map.of("User-Agent", FIREFOX));

    assertThat(bot.statusCode()).isEqualTo(200);
    assertThat(bot.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(bot.headers().firstValue("X-Robots-Tag")).hasValue("noindex");
    assertThat(bot.body())
        .isEqualTo(
            dev.smo1.link.PreviewPage.html(
                ((Resolution.Redirect) LINKS.get("card")).options().preview(),
                "https://example.com/post"))
        .contains("<meta property=\"og:title\" content=\"Our &lt;launch&gt;\">");
    assertThat(browser.statusCode()).isEqualTo(301);
    assertThat(browser.headers().firstValue("Location")).hasValue("https://example.com/post");
  }

  @Test
  void aLimitedLinkCountsEachVisitorsVisitButNeitherBotsNorHeads() throws Exception {
    var first = server.send("GET", "/limited", null, Map.of("User-Agent", FIREFOX));
    var bot = server.send("GET", "/limited", null, Map.of("User-Agent", SLACKBOT));
    var head = server.send("HEAD", "/limited", null, Map.of("User-Agent", FIREFOX));
    var second = server.send("GET", "/limited", null, Map.of("User-Agent", FIREFOX));
    var third =
        server.send(
            "GET", "/limited", null, Map.of("User-Agent", FIREFOX, "Accept", "application/json"));

    assertThat(List.of(first, second))
        .allSatisfy(
            response -> {
              assertThat(response.statusCode()).isEqualTo(302);
              assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            });
    assertThat(List.of(bot, head))
        .allSatisfy(response -> assertThat(response.headers().firstValue("Location")).isEmpty());
    assertThat(visited).containsExactly("limited", "limited", "limited");
    assertThat(third.statusCode()).isEqualTo(410);
    assertThat(Json.MAPPER.readTree(third.body()).get("code").asText()).isEqualTo("link_exhausted");
  }

  @ParameterizedTest
  @CsvSource({
    "moved,301,https://example.com/301,'public, max-age=3600',Accept",
    "found,302,https://example.com/302,no-store,",
    "temp,307,https://example.com/307,no-store,",
    "perm,308,https://example.com/308,'public, max-age=3600',Accept",
  })
  void eachRedirectTypeAnswersItsStatusLocationAndCachePolicy(
      String code, int status, String location, String cacheControl, String vary) throws Exception {
    var response = server.send("GET", "/" + code, null);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Location")).hasValue(location);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue(cacheControl);
    assertThat(response.headers().firstValue("Vary"))
        .as("a cacheable answer that is HTML or JSON by Accept")
        .isEqualTo(java.util.Optional.ofNullable(vary));
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).isEmpty();
    assertThat(response.body()).contains("href=\"" + location + "\"");
    assertThat(resolved).containsExactly(code);
  }

  private static final String DESKTOP =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0.0.0 Safari/537.36";
  private static final String IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

  @Test
  void aRoutedLinkSendsEachVisitorWhereItsFirstMatchingRuleSaysAndNoOneStoresTheAnswer()
      throws Exception {
    var german =
        server.send(
            "GET",
            "/routed",
            null,
            Map.of("User-Agent", IPHONE, "Accept-Language", "de-DE,de;q=0.9,en;q=0.5"));
    var mobile =
        server.send("GET", "/routed", null, Map.of("User-Agent", IPHONE, "Accept-Language", "en"));

    assertThat(german.statusCode()).isEqualTo(301);
    assertThat(german.headers().firstValue("Location")).hasValue("https://example.com/de");
    assertThat(mobile.headers().firstValue("Location")).hasValue("https://example.com/mobile");
    for (var response : List.of(german, mobile)) {
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(response.headers().firstValue("Vary")).isEmpty();
      assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
  }

  @Test
  void aVisitorNoRuleMatchesGetsAVariantAndACookieThatKeepsThemOnIt() throws Exception {
    var first =
        server.send("GET", "/routed", null, Map.of("User-Agent", DESKTOP, "Accept-Language", "en"));

    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .matches(
            "smo1_variant=[01]; Path=/routed; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure");
    String variant = cookie.substring("smo1_variant=".length(), cookie.indexOf(';'));
    assertThat(first.headers().firstValue("Location"))
        .hasValue(variant.equals("0") ? "https://example.com/a" : "https://example.com/b");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");

    for (int i = 0; i < 5; i++) {
      var again =
          server.send(
              "GET",
              "/routed",
              null,
              Map.of("User-Agent", DESKTOP, "Cookie", "other=1; smo1_variant=" + variant));
      assertThat(again.headers().firstValue("Location"))
          .hasValue(first.headers().firstValue("Location").orElseThrow());
      assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
    }
  }

  @Test
  void newVisitorsAreSpreadOverTheVariants() throws Exception {
    var seen = new java.util.HashSet<String>();
    for (int i = 0; i < 40 && seen.size() < 2; i++) {
      seen.add(
          server
              .send("GET", "/routed", null, Map.of("User-Agent", DESKTOP))
              .headers()
              .firstValue("Location")
              .orElseThrow());
    }
    // with equal weights, 40 visitors all on one variant happens once in 2^39 runs
    assertThat(seen).containsExactlyInAnyOrder("https://example.com/a", "https://example.com/b");
  }

  @Test
  void aLinkThatForwardsTheQueryPutsItBeforeTheTargetsFragment() throws Exception {
    var response = server.send("GET", "/fwd?utm_source=news&x=1", null);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://example.com/a?utm_source=news&x=1#top");
  }

  @Test
  void aScanOfTheQrCodeCountsAsOneAndItsMarkerNeverReachesTheTarget() throws Exception {
    clicked.clear();
    var scanned = server.send("GET", "/fwd?qr=1&utm_source=poster", null);
    var followed = server.send("GET", "/fwd?qr=2", null);
    var plain = server.send("GET", "/fwd?qr=1", null);

    assertThat(scanned.headers().firstValue("Location"))
        .hasValue("https://example.com/a?utm_source=poster#top");
    assertThat(followed.headers().firstValue("Location"))
        .hasValue("https://example.com/a?qr=2#top");
    assertThat(plain.headers().firstValue("Location")).hasValue("https://example.com/a#top");
    assertThat(clicked)
        .extracting(
            dev.smo1.clicks.Click::trigger,
            dev.smo1.clicks.Click::query,
            dev.smo1.clicks.Click::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("qr", "utm_source=poster", 0),
            org.assertj.core.groups.Tuple.tuple("link", "qr=2", 0),
            org.assertj.core.groups.Tuple.tuple("qr", "", 0));
  }

  @Test
  void aRoutedVisitsClickNamesTheRuleOrTheVariantThatSentIt() throws Exception {
    clicked.clear();
    server.send("GET", "/routed?qr=1", null, Map.of("User-Agent", IPHONE, "Accept-Language", "en"));
    server.send("GET", "/routed", null, Map.of("User-Agent", DESKTOP, "Accept-Language", "de"));
    server.send("GET", "/routed", null, Map.of("User-Agent", DESKTOP, "Cookie", "smo1_variant=1"));

    assertThat(clicked)
        .extracting(
            dev.smo1.clicks.Click::trigger,
            dev.smo1.clicks.Click::rule,
            dev.smo1.clicks.Click::variant)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("qr", 2, 0),
            org.assertj.core.groups.Tuple.tuple("link", 1, 0),
            org.assertj.core.groups.Tuple.tuple("link", 0, 2));
  }

  @Test
  void aLinkThatDoesNotForwardTheQueryIgnoresIt() throws Exception {
    assertThat(server.send("GET", "/found?utm_source=news", null).headers().firstValue("Location"))
        .hasValue("https://example.com/302");
  }

  @ParameterizedTest
  @CsvSource({"off,link_disabled", "old,link_expired", "gone,link_deleted"})
  void aLinkThatIsGoneAnswers410NotCachedNorIndexed(String code, String error) throws Exception {
    var html = server.send("GET", "/" + code, null);
    var json = server.send("GET", "/" + code, null, Map.of("Accept", "application/json"));

    assertThat(html.statusCode()).isEqualTo(410);
    assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(html.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(html.headers().firstValue("X-Robots-Tag")).hasValue("noindex");
    assertThat(html.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(json.statusCode()).isEqualTo(410);
    assertThat(Json.MAPPER.readTree(json.body()).get("code").asText()).isEqualTo(error);
  }

  @Test
  void anUnknownCodeAnswers404() throws Exception {
    var response = server.send("GET", "/nope", null, Map.of("Accept", "application/json"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText()).isEqualTo("not_found");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    var html = server.send("GET", "/nope", null);
    assertThat(html.statusCode()).isEqualTo(404);
    assertThat(html.body()).contains("<h1>Link not found</h1>");
    assertThat(html.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void headAnswersLikeGetWithoutABodyAndResolvesOnce() throws Exception {
    var response = server.send("HEAD", "/perm", null);

    assertThat(response.statusCode()).isEqualTo(308);
    assertThat(response.headers().firstValue("Location")).hasValue("https://example.com/308");
    assertThat(response.body()).isEmpty();
    assertThat(resolved).containsExactly("perm");
  }

  @Test
  void theLocationCarriesTheStoredTargetByteForByte() throws Exception {
    var response = server.send("GET", "/exact", null);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://example.com/%7euser/%c3%a4|a[1]?q=%2F+b^{}#%3a");
  }

  @Test
  void aTargetStoredWithRawNonAsciiIsSentNormalisedWithTheQueryEncodedAlike() throws Exception {
    var html = server.send("GET", "/legacy", null);
    var forwarded = server.send("GET", "/legacy?w=stra%C3%9Fe&it's=%22x%22", null);
    var json = server.send("GET", "/legacy", null, Map.of("Accept", "application/json"));

    assertThat(html.statusCode()).isEqualTo(302);
    assertThat(html.headers().firstValue("Location"))
        .hasValue("https://example.com/caf%C3%A9?q=%C3%BC#gr%C3%B6%C3%9Fe");
    assertThat(html.body())
        .contains("href=\"https://example.com/caf%C3%A9?q=%C3%BC#gr%C3%B6%C3%9Fe\"");
    assertThat(forwarded.headers().firstValue("Location"))
        .hasValue(
            "https://example.com/caf%C3%A9?q=%C3%BC&w=stra%C3%9Fe&it%27s=%22x%22#gr%C3%B6%C3%9Fe");
    assertThat(Json.MAPPER.readTree(json.body()).get("target").asText())
        .isEqualTo("https://example.com/caf%C3%A9?q=%C3%BC#gr%C3%B6%C3%9Fe");
  }

  @Test
  void aTargetNoRedirectCanCarryAnswers502NotCachedNorIndexed() throws Exception {
    var html = server.send("GET", "/broken", null);
    var json = server.send("GET", "/broken", null, Map.of("Accept", "application/json"));
    var head = server.send("HEAD", "/broken", null);

    assertThat(html.statusCode()).isEqualTo(502);
    assertThat(html.headers().firstValue("Location")).isEmpty();
    assertThat(html.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(html.headers().firstValue("X-Robots-Tag")).hasValue("noindex");
    assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(html.body()).contains("<title>Link unavailable</title>");
    assertThat(json.statusCode()).isEqualTo(502);
    assertThat(Json.MAPPER.readTree(json.body()).get("code").asText())
        .isEqualTo("target_unavailable");
    assertThat(head.statusCode()).isEqualTo(502);
  }

  @Test
  void htmlIsEscapedSoATargetCannotInjectMarkup() {
    assertThat(RedirectRoutes.escape("https://e.com/?a=<b>&c=\"d\"'"))
        .isEqualTo("https://e.com/?a=&lt;b&gt;&amp;c=&quot;d&quot;&#39;");
  }

  @Test
  void jsonOnlyWhenAskedForAndHtmlIsNotAccepted() {
    assertThat(RedirectRoutes.wantsJson(Optional.of("application/json"))).isTrue();
    assertThat(RedirectRoutes.wantsJson(Optional.of("text/html,application/json;q=0.9"))).isFalse();
    assertThat(RedirectRoutes.wantsJson(Optional.of("*/*"))).isFalse();
    assertThat(RedirectRoutes.wantsJson(Optional.empty())).isFalse();
  }
}
