package dev.smo1.http.link;

import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.idempotency.IdempotencyKeys;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.json.Json;
import dev.smo1.http.link.qr.QrCodes;
import dev.smo1.http.link.qr.QrScanner;
import dev.smo1.http.testing.RouteTestServer;
import dev.smo1.http.testing.TestAccess;
import dev.smo1.link.LinkStatus;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/v1/links/{code}/qr} over a real server with fake links behind it: the images are
 * read back by ZXing's reader and must hold the short URL with the scan marker; every bad parameter
 * is refused naming it, before any link is read; the link is read as {@code GET /links/{code}}
 * reads it (scope, workspace, 404).
 */
class LinkQrCodeRoutesTest {
  private static final String OWNER = "owner-1";
  private static final HttpSettings SETTINGS =
      new HttpSettings(
          "127.0.0.1",
          0,
          URI.create("https://sho.rt"),
          Duration.ofSeconds(30),
          Duration.ofHours(1));

  private static final LinkRoutesTest.FakeLinks links = new LinkRoutesTest.FakeLinks();
  private static final AtomicReference<Access> access = new AtomicReference<>();
  private static final List<String> drawnOn = new CopyOnWriteArrayList<>();
  private static RouteTestServer server;

  @BeforeAll
  static void start() {
    // draws as the node does, on a pool of its own, and records the thread
    Executor pool =
        task ->
            Thread.ofPlatform()
                .name("test-drawing")
                .start(
                    () -> {
                      drawnOn.add(Thread.currentThread().getName());
                      task.run();
                    });
    var routes =
        new LinkRoutes(
            links,
            (owner, domain, filter, after, limit) -> {
              throw new AssertionError("the QR code lists nothing");
            },
            SETTINGS,
            LinkRoutes.DeletionLog.NONE,
            IdempotencyKeys.NOT_KEPT,
            TestPasswords.fast(),
            new QrCodes(pool));
    server =
        new RouteTestServer(
            "link-qr-routes-test",
            () -> pathPrefix("api", () -> pathPrefix("v1", () -> routes.routes(access.get()))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    links.byCode.clear();
    links.calls.clear();
    links.reject = null;
    drawnOn.clear();
    access.set(TestAccess.key(OWNER));
    links.byCode.put(
        "docs", LinkRoutesTest.view("docs", "https://example.com/a", LinkStatus.ACTIVE));
  }

  @Test
  void byDefaultAnInlineSvgOfTheShortUrlWithTheScanMarker() throws Exception {
    var response = get("/links/docs/qr");

    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("inline; filename=\"docs-qr.svg\"");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'none'");
    var svg = QrScanner.svg(text(response));
    assertThat(svg.root().getAttribute("width")).isEqualTo("512");
    assertThat(svg.root().getAttribute("height")).isEqualTo("512");
    assertThat(svg.foreground()).isEqualTo("#000000");
    assertThat(svg.background()).isEqualTo("#ffffff");
    assertThat(QrScanner.decode(svg.raster(8))).isEqualTo("https://sho.rt/docs?qr=1");
    assertThat(links.calls).containsExactly(List.of("get", OWNER, "docs"));
    assertThat(drawnOn).as("drawn on the pool, not the dispatcher").containsExactly("test-drawing");
  }

  @Test
  void aPngToDownloadIsTheRequestedSizeAndScansAsTheShortUrl() throws Exception {
    var response = get("/links/docs/qr?format=png&size=300&download=1");

    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"docs-qr.png\"");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
    var image = QrScanner.png(response.body());
    assertThat(image.getWidth()).isEqualTo(300);
    assertThat(image.getHeight()).isEqualTo(300);
    assertThat(QrScanner.decode(image)).isEqualTo("https://sho.rt/docs?qr=1");
  }

  @Test
  void colourMarginAndCorrectionLevelAreApplied() throws Exception {
    var response =
        get("/links/docs/qr?fg=%231A237E&bg=FFF8E1&margin=0&ecc=H&size=2048&workspace=acme");

    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    var svg = QrScanner.svg(text(response));
    assertThat(svg.foreground()).isEqualTo("#1a237e");
    assertThat(svg.background()).isEqualTo("#fff8e1");
    assertThat(svg.root().getAttribute("width")).isEqualTo("2048");
    // level H holds the 24 characters in version 3: 29 modules, no quiet zone
    assertThat(svg.side()).isEqualTo(29);
    assertThat(svg.dark()[0][0]).as("the finder pattern's corner").isTrue();
    assertThat(QrScanner.decodeWithoutQuietZone(svg.raster(4)))
        .isEqualTo("https://sho.rt/docs?qr=1");
  }

  @Test
  void aLargePngOfCustomColoursScans() throws Exception {
    var response = get("/links/docs/qr?format=png&size=2048&fg=0B3D2E&bg=%23f0f0f0&ecc=Q");

    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    var image = QrScanner.png(response.body());
    assertThat(image.getWidth()).isEqualTo(2048);
    assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xf0f0f0);
    assertThat(QrScanner.decode(image)).isEqualTo("https://sho.rt/docs?qr=1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "format=gif,format",
    "format=PNG,format",
    "size=63,size",
    "size=2049,size",
    "size=big,size",
    "size=+512,size",
    "size=,size",
    "margin=17,margin",
    "margin=-1,margin",
    "ecc=X,ecc",
    "ecc=m,ecc",
    "fg=12345,fg",
    "fg=red,fg",
    "bg=gggggg,bg",
    "bg=%23%23ffffff,bg",
    "download=yes,download",
    "colour=red,colour",
    "size=100&size=200,size",
  })
  void aBadParameterAnswers400NamingItAndReadsNoLink(String query, String field) throws Exception {
    var response = get("/links/docs/qr?" + query);

    assertThat(response.statusCode()).as(text(response)).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("code").asText()).isEqualTo("invalid_parameter");
    assertThat(body.get("field").asText()).isEqualTo(field);
    assertThat(links.calls).isEmpty();
    assertThat(drawnOn).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fg=959595|fg|2.99:1",
        "bg=555555|bg|below the 3:1",
        "fg=777777&bg=000000|fg|darker than the background",
        "fg=ffffff&bg=000000|fg|darker than the background",
        "fg=ff0000&bg=ff0000|fg|1.00:1",
      })
  void coloursAScannerCannotTellApartAreRefused(String query, String field, String message)
      throws Exception {
    var response = get("/links/docs/qr?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("code").asText()).isEqualTo("invalid_parameter");
    assertThat(body.get("field").asText()).isEqualTo(field);
    assertThat(body.get("message").asText()).contains(message);
    assertThat(links.calls).isEmpty();
  }

  @Test
  void aPngTooSmallForTheCodesModulesIsRefusedOnSizeWhileTheSvgIsDrawn() throws Exception {
    String code = "a-long-campaign-code-for-the-spring-sale";
    links.byCode.put(code, LinkRoutesTest.view(code, "https://example.com/a", LinkStatus.ACTIVE));

    var png = get("/links/" + code + "/qr?format=png&size=64&margin=16&ecc=H");
    var svg = get("/links/" + code + "/qr?size=64&margin=16&ecc=H");

    assertThat(png.statusCode()).as(text(png)).isEqualTo(400);
    assertThat(json(png).get("code").asText()).isEqualTo("invalid_parameter");
    assertThat(json(png).get("field").asText()).isEqualTo("size");
    // level H: version 7, 45 modules, 77 with the margin, 2 pixels each
    assertThat(json(png).get("message").asText()).contains("at least 154 (77 modules");
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(QrScanner.decode(QrScanner.svg(text(svg)).raster(4)))
        .isEqualTo("https://sho.rt/" + code + "?qr=1");
  }

  @Test
  void aLinkOfAnotherWorkspaceIsNotFoundAsGetLinkAnswers() throws Exception {
    access.set(TestAccess.key("owner-2"));

    var qr = get("/links/docs/qr");
    var link = get("/links/docs");

    assertThat(qr.statusCode()).isEqualTo(404);
    assertThat(text(qr)).isEqualTo(text(link));
    assertThat(json(qr).get("code").asText()).isEqualTo("not_found");
    assertThat(links.calls)
        .containsExactly(List.of("get", "owner-2", "docs"), List.of("get", "owner-2", "docs"));
    assertThat(drawnOn).isEmpty();
  }

  @Test
  void anUnknownLinkIsNotFound() throws Exception {
    var response = get("/links/nope/qr?format=png");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("code").asText()).isEqualTo("not_found");
  }

  @Test
  void aDisabledLinkStillHasItsCode() throws Exception {
    links.byCode.put(
        "off", LinkRoutesTest.view("off", "https://example.com/a", LinkStatus.DISABLED));

    var response = get("/links/off/qr");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(QrScanner.decode(QrScanner.svg(text(response)).raster(6)))
        .isEqualTo("https://sho.rt/off?qr=1");
  }

  @Test
  void aKeyWithoutLinksReadIsForbiddenAsForReadingTheLink() throws Exception {
    access.set(TestAccess.key(OWNER, Scope.ANALYTICS_READ, Scope.LINKS_WRITE));

    var response = get("/links/docs/qr");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("code").asText()).isEqualTo("insufficient_scope");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("scope=\"links:read\"");
    assertThat(links.calls).isEmpty();
  }

  @Test
  void onlyGetIsAllowed() throws Exception {
    var response = server.send("POST", "/api/v1/links/docs/qr", "");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return server.send(
        "GET", "/api/v1" + path, null, Map.of(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }
}
