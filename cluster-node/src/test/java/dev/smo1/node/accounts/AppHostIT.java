package dev.smo1.node.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.smo1.http.json.Json;
import dev.smo1.http.testing.FakeWebApps;
import dev.smo1.http.testing.RawHttp;
import dev.smo1.node.testing.TestNodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with an app host, as production runs one: the web apps and the API on the app host, only
 * redirects on the short domain, emailed links into the dashboard the node serves, and the
 * dashboard's origin (without its path) accepted for cookie calls. The app host is {@code
 * 127.0.0.1}, where the test's HTTP client connects; the short domain is reached with its {@code
 * Host} header.
 */
class AppHostIT {
  @RegisterExtension static final GreenMailExtension mail = AccountsTestNode.greenMail();

  private static final String APP_HOST = "127.0.0.1";
  private static final String DASHBOARD = "https://" + APP_HOST + "/app";

  @TempDir static Path web;
  private static AccountsTestNode node;
  private static int port;

  @BeforeAll
  static void start() {
    FakeWebApps.write(web);
    node =
        new AccountsTestNode(
            mail, Map.of("smo1.http.app-host", APP_HOST, "smo1.web.dir", web.toString()));
    port = node.node.httpAddress().getPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static RawHttp.Response on(String host, String method, String target) throws Exception {
    return RawHttp.send(port, method, target, host, Map.of());
  }

  @Test
  void theAppHostServesTheSitesAndTheApi() throws Exception {
    assertThat(on(APP_HOST, "GET", "/").text()).contains(FakeWebApps.LANDING_HOME);
    assertThat(on(APP_HOST, "GET", "/app/links/abc1234/").text())
        .contains(FakeWebApps.DASHBOARD_SHELL);
    assertThat(on(APP_HOST, "GET", "/docs/api/").text()).contains(FakeWebApps.API_REFERENCE);
    var listed =
        RawHttp.send(
            port,
            "GET",
            "/api/v1/links",
            APP_HOST,
            Map.of("Authorization", "Bearer " + TestNodes.OWNER_KEY));
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
  }

  @Test
  void aLinksRedirectWorksOnTheShortDomainAndTheAppHostButTheApiOnlyOnTheAppHost()
      throws Exception {
    var created =
        node.withKey(
            TestNodes.OWNER_KEY,
            "POST",
            "/api/v1/links",
            "{\"target\":\"https://example.com/app-host\",\"alias\":\"app-host-1\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Json.MAPPER.readTree(created.body()).get("shortUrl").asText())
        .as("short URLs stay on the public base URL")
        .isEqualTo(TestNodes.PUBLIC_BASE_URL + "/app-host-1");

    for (String host : new String[] {TestNodes.SHORT_DOMAIN, APP_HOST}) {
      var redirect = on(host, "GET", "/app-host-1");
      assertThat(redirect.status()).as(host).isEqualTo(302);
      assertThat(redirect.header("Location")).hasValue("https://example.com/app-host");
    }
    assertThat(on(TestNodes.SHORT_DOMAIN, "GET", "/healthz").status()).isEqualTo(200);
    var api =
        RawHttp.send(
            port,
            "GET",
            "/api/v1/links",
            TestNodes.SHORT_DOMAIN,
            Map.of("Authorization", "Bearer " + TestNodes.OWNER_KEY));
    assertThat(api.status()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(api.body()).get("code").asText()).isEqualTo("not_found");
    assertThat(on(TestNodes.SHORT_DOMAIN, "GET", "/").status()).isEqualTo(404);
    assertThat(on(TestNodes.SHORT_DOMAIN, "GET", "/app/").status()).isEqualTo(404);
  }

  @Test
  void emailedLinksOpenTheDashboardWhoseOriginMayMakeCookieCalls() throws Exception {
    String email = "ada@apphost.test";
    var signUp =
        node.anonymous(
            "POST",
            "/api/v1/auth/signup",
            "{\"email\":\""
                + email
                + "\",\"password\":\""
                + AccountsTestNode.PASSWORD
                + "\",\"name\":\"Ada\"}");
    assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);

    String token = node.token(email, DASHBOARD + "/verify-email");

    var page = on(APP_HOST, "GET", "/app/verify-email?token=" + token);
    assertThat(page.status()).isEqualTo(308);
    assertThat(page.header("Location")).hasValue("/app/verify-email/?token=" + token);
    var verified =
        node.anonymous("POST", "/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}");
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    var session = node.logIn(email, AccountsTestNode.PASSWORD);

    var fromDashboard =
        node.send(
            node.api
                .request("/api/v1/workspaces")
                .header("Cookie", session.cookieHeader())
                .header("X-CSRF-Token", session.csrf())
                .header("Origin", "https://" + APP_HOST),
            "POST",
            "{\"name\":\"Ada & Co\",\"slug\":\"ada-apphost\"}");
    assertThat(fromDashboard.statusCode()).as(fromDashboard.body()).isEqualTo(201);
    var fromElsewhere =
        node.send(
            node.api
                .request("/api/v1/workspaces")
                .header("Cookie", session.cookieHeader())
                .header("X-CSRF-Token", session.csrf())
                .header("Origin", "https://elsewhere.example"),
            "POST",
            "{\"name\":\"Other\",\"slug\":\"other-apphost\"}");
    assertThat(fromElsewhere.statusCode()).isEqualTo(403);
  }
}
