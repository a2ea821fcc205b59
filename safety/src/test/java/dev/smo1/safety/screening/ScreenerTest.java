package dev.smo1.safety.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.smo1.link.TargetScreen;
import dev.smo1.link.TargetScreen.Target;
import dev.smo1.link.TargetScreen.Verdict;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The screener with the sample lists in URLhaus' and OpenPhish's formats: which URLs each covers,
 * the operator's deny and allow lists, lists that cannot be read (kept until max-staleness, then
 * unavailable), lists over HTTP, and Safe Browsing through a stand-in of its v4 Lookup API.
 */
class ScreenerTest {
  private static final Path LISTS = Path.of("src/test/resources/lists");
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  @TempDir Path temp;
  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static ScreeningSettings settings(
      String lists, List<String> deny, List<String> allow, Duration maxStaleness) {
    return new ScreeningSettings(
        ScreeningSettings.lists(lists),
        deny,
        allow,
        Duration.ofMinutes(5),
        maxStaleness,
        Duration.ofSeconds(5),
        1024 * 1024,
        Optional.empty());
  }

  private static String samples() {
    return "urlhaus=urls:"
        + LISTS.resolve("urlhaus-text.txt")
        + " urlhaus-hosts=hosts:"
        + LISTS.resolve("urlhaus-hostfile.txt")
        + " openphish=urls:"
        + LISTS.resolve("openphish-feed.txt");
  }

  private static Screener screener(ScreeningSettings settings, Clock clock) {
    return new Screener(settings, HttpClient.newHttpClient(), clock, Optional.empty());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        // URLhaus' text export: the URL over either scheme, its case and default port ignored
        "http://198.51.100.23:39421/i, urlhaus",
        "https://198.51.100.23:39421/i, urlhaus",
        "http://198.51.100.23:8080/i, none",
        "HTTPS://FILES.Malware-Sample.test:443/download/invoice.zip, urlhaus",
        "https://files.malware-sample.test/download/invoice.zip#part, urlhaus",
        "https://files.malware-sample.test/download/other.zip, none",
        // an entry ending in a slash covers the folder below it
        "https://phishkit.sample.test/secure-login/index.html?u=1, urlhaus",
        "https://phishkit.sample.test/secure-login, urlhaus",
        "https://phishkit.sample.test/, none",
        // an internationalised host, written in Unicode, matches its ASCII entry
        "http://bücher.example/payload.exe, urlhaus",
        // URLhaus' host file: the host and its subdomains, and an address
        "https://malware-host.sample.test/anything, urlhaus-hosts",
        "https://cdn.malware-host.sample.test/x, urlhaus-hosts",
        "https://notmalware-host.sample.test/x, none",
        "http://198.51.100.99/x, urlhaus-hosts",
        // OpenPhish's feed: a site's root covers the site
        "https://bank-verify.sample.test/account/login.php, openphish",
        "https://bank-verify.sample.test/account/login.php?next=/, openphish",
        "https://paypal-secure.sample.test/verify, openphish",
        "https://sites.sample.test/view/office365-signin/, openphish",
        "https://sites.sample.test/view/other, none",
        "https://example.com/, none"
      })
  void theSampleListsCoverTheirUrls(String url, String list) {
    var screener =
        screener(settings(samples(), List.of(), List.of(), Duration.ofHours(1)), clock());
    assertThat(screener.refresh().changed())
        .containsExactly("urlhaus", "urlhaus-hosts", "openphish");

    assertThat(screener.listing(url)).isEqualTo(Optional.ofNullable(list));
  }

  @Test
  void theOperatorsAllowListWinsAndItsDenyListRefusesLikeAList() {
    var screener =
        screener(
            settings(
                samples(),
                List.of("denied.example", "https://example.org/bad/"),
                List.of("cdn.malware-host.sample.test"),
                Duration.ofHours(1)),
            clock());
    screener.refresh();

    assertThat(screener.listing("https://cdn.malware-host.sample.test/x")).isEmpty();
    assertThat(screener.listing("https://malware-host.sample.test/x")).hasValue("urlhaus-hosts");
    assertThat(screener.listing("https://www.denied.example/")).hasValue(Screener.DENYLIST);
    assertThat(screener.listing("https://example.org/bad/page")).hasValue(Screener.DENYLIST);
    assertThat(screener.listing("https://example.org/good")).isEmpty();
  }

  @Test
  void aRefusalNamesTheFieldAndTheList() {
    var screener =
        screener(settings(samples(), List.of(), List.of(), Duration.ofHours(1)), clock());
    screener.refresh();

    var verdict =
        screener
            .screen(
                List.of(
                    new Target("target", "https://example.com/"),
                    new Target("variants[1].target", "http://paypal-secure.sample.test/")))
            .toCompletableFuture()
            .join();

    assertThat(verdict)
        .isEqualTo(
            new Verdict.Listed(
                new Target("variants[1].target", "http://paypal-secure.sample.test/"),
                "openphish"));
    var rejection = TargetScreen.rejection(verdict).orElseThrow();
    assertThat(rejection.field()).isEqualTo("variants[1].target");
    assertThat(rejection.message()).contains("openphish");
  }

  @Test
  void aListThatCannotBeReadKeepsItsLastEntriesUntilMaxStalenessThenScreeningFailsClosed()
      throws Exception {
    Path list = temp.resolve("feed.txt");
    Files.writeString(list, "https://bad.example/\n");
    var clock = new AtomicReference<>(T0);
    var screener =
        screener(
            settings("feed=urls:" + list, List.of(), List.of(), Duration.ofMinutes(30)),
            new Clock() {
              @Override
              public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(java.time.ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return clock.get();
              }
            });
    // before a first read: nothing is let through
    assertThat(screen(screener, "https://example.com/")).isInstanceOf(Verdict.Unavailable.class);
    screener.refresh();
    assertThat(screen(screener, "https://example.com/")).isEqualTo(new Verdict.Clear());

    Files.delete(list);
    clock.set(T0.plus(Duration.ofMinutes(29)));
    var refreshed = screener.refresh();
    assertThat(refreshed.failed()).containsKey("feed");
    assertThat(screen(screener, "https://bad.example/x")).isInstanceOf(Verdict.Listed.class);
    assertThat(screen(screener, "https://example.com/")).isEqualTo(new Verdict.Clear());

    clock.set(T0.plus(Duration.ofMinutes(31)));
    screener.refresh();
    var verdict = screen(screener, "https://example.com/");
    assertThat(verdict).isInstanceOf(Verdict.Unavailable.class);
    assertThat(((Verdict.Unavailable) verdict).reason()).contains("feed");
    // what is listed is still refused as listed, not as unavailable
    assertThat(screen(screener, "https://bad.example/x")).isInstanceOf(Verdict.Listed.class);

    Files.writeString(list, "https://bad.example/\n");
    screener.refresh();
    assertThat(screen(screener, "https://example.com/")).isEqualTo(new Verdict.Clear());
  }

  @Test
  void listsAreFetchedOverHttpAndAnErrorStatusOrAnOversizedListIsAFailedRead() throws Exception {
    var body = new AtomicReference<>("https://served.example/\n");
    var status = new AtomicReference<>(200);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/feed.txt",
        exchange -> {
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.txt";
    var screener =
        screener(settings("feed=urls:" + url, List.of(), List.of(), Duration.ZERO), clock());

    assertThat(screener.refresh().changed()).containsExactly("feed");
    assertThat(screener.listing("https://served.example/")).hasValue("feed");

    status.set(503);
    assertThat(screener.refresh().failed()).containsKey("feed");
    status.set(200);
    body.set("x".repeat(2 * 1024 * 1024));
    assertThat(screener.refresh().failed().get("feed")).contains("larger than");
  }

  @Test
  void malformedListSettingsFailTheStartNamingTheEntry() {
    assertThatThrownBy(() -> ScreeningSettings.lists("urlhaus"))
        .hasMessageContaining("'urlhaus' is not name=format:source");
    assertThatThrownBy(() -> ScreeningSettings.lists("urlhaus=csv:/tmp/x"))
        .hasMessageContaining("must be urls or hosts");
    assertThatThrownBy(() -> ScreeningSettings.lists("a=urls:/x a=hosts:/y"))
        .hasMessageContaining("distinct");
    assertThat(ScreeningSettings.lists("openphish=urls:https://openphish.example/feed.txt"))
        .containsExactly(
            new ScreeningSettings.ListSource(
                "openphish", ListFormat.URLS, "https://openphish.example/feed.txt"));
  }

  @Test
  void safeBrowsingIsAskedAfterTheListsAndItsFailureRefusesRatherThanLetsThrough()
      throws Exception {
    var answer = new AtomicReference<String>("{}");
    var status = new AtomicReference<>(200);
    var request = new AtomicReference<String>();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v4/threatMatches:find",
        exchange -> {
          request.set(
              exchange.getRequestURI().getRawQuery()
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] bytes = answer.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status.get(), bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    var lookup =
        new SafeBrowsing(
            new ScreeningSettings.SafeBrowsingSettings(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "test-key",
                Duration.ofSeconds(2)),
            HttpClient.newHttpClient());
    var screener =
        new Screener(
            new ScreeningSettings(
                List.of(),
                List.of(),
                List.of("allowed.example"),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofSeconds(5),
                1024,
                Optional.empty()),
            HttpClient.newHttpClient(),
            clock(),
            Optional.of(lookup));
    screener.refresh();

    assertThat(screen(screener, "https://example.com/")).isEqualTo(new Verdict.Clear());
    assertThat(request.get()).startsWith("key=test-key ");
    var sent =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.get().substring(13));
    assertThat(sent.at("/client/clientId").asText()).isEqualTo("smo1");
    assertThat(sent.at("/threatInfo/threatEntryTypes/0").asText()).isEqualTo("URL");
    assertThat(sent.at("/threatInfo/threatEntries/0/url").asText())
        .isEqualTo("https://example.com/");
    assertThat(sent.at("/threatInfo/threatTypes").toString()).contains("SOCIAL_ENGINEERING");

    answer.set(
        """
        {"matches": [{"threatType": "SOCIAL_ENGINEERING", "platformType": "ANY_PLATFORM",
          "threat": {"url": "https://phished.example/"}, "cacheDuration": "300s",
          "threatEntryType": "URL"}]}
        """);
    var listed =
        screener
            .screen(
                List.of(
                    new Target("target", "https://example.com/"),
                    new Target("rules[0].target", "https://phished.example/")))
            .toCompletableFuture()
            .join();
    assertThat(listed)
        .isEqualTo(
            new Verdict.Listed(
                new Target("rules[0].target", "https://phished.example/"),
                "safe-browsing (SOCIAL_ENGINEERING)"));

    // the operator's allowlist is not asked about: no lookup at all for it alone
    request.set(null);
    answer.set("{}");
    assertThat(screen(screener, "https://allowed.example/")).isEqualTo(new Verdict.Clear());
    assertThat(request.get()).isNull();

    status.set(500);
    assertThat(screen(screener, "https://example.com/")).isInstanceOf(Verdict.Unavailable.class);
    status.set(200);
    answer.set("not json");
    assertThat(screen(screener, "https://example.com/")).isInstanceOf(Verdict.Unavailable.class);
  }

  private static Verdict screen(Screener screener, String url) {
    return screener.screen(List.of(new Target("target", url))).toCompletableFuture().join();
  }

  private static Clock clock() {
    return Clock.fixed(T0, ZoneOffset.UTC);
  }
}
