package dev.smo1.node.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.smo1.http.json.Json;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The account flows on a real node, with real SMTP (GreenMail): sign up, read the emailed link,
 * verify, log in (cookies), create a workspace (CSRF), make a scoped key, use it, revoke it.
 */
class AccountFlowIT {
  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_%-]+)");
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    node =
        TestNodes.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            true,
            Map.of(
                "smo1.mail.smtp-port",
                mail.getSmtp().getPort(),
                "smo1.accounts.secure-cookies",
                false));
    api = new ApiClient(node.httpAddress());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void signUpVerifyLoginCreateAWorkspaceAndUseAScopedKey() throws Exception {
    var signUp =
        anonymous(
            "/api/v1/auth/signup",
            "{\"email\":\"carol@example.com\",\"password\":\"a long enough secret\",\"name\":\"Carol\"}");
    assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
    assertThat(json(signUp).get("emailVerified").asBoolean()).isFalse();

    var unverified =
        anonymous(
            "/api/v1/auth/login",
            "{\"email\":\"carol@example.com\",\"password\":\"a long enough secret\"}");
    assertThat(unverified.statusCode()).isEqualTo(403);
    assertThat(json(unverified).get("code").asText()).isEqualTo("email_not_verified");

    String token = emailedToken("carol@example.com");
    var verified = anonymous("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}");
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    assertThat(anonymous("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}").statusCode())
        .as("a token works once")
        .isEqualTo(400);

    var login =
        anonymous(
            "/api/v1/auth/login",
            "{\"email\":\"CAROL@example.com\",\"password\":\"a long enough secret\"}");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    List<String> cookies = login.headers().allValues("Set-Cookie");
    String session = cookieValue(cookies, "smo1_session");
    String csrf = cookieValue(cookies, "smo1_csrf");
    assertThat(cookies)
        .anySatisfy(
            cookie ->
                assertThat(cookie)
                    .startsWith("smo1_session=")
                    .contains("HttpOnly", "SameSite=Lax", "Path=/"));

    eventually(
        ignored -> {
          var me =
              api.send(
                  api.request("/api/v1/me").header("Cookie", cookieHeader(session, csrf)).GET());
          assertThat(me.statusCode()).isEqualTo(200);
          assertThat(json(me).get("workspaces")).as("the personal workspace").hasSize(1);
        });

    var withoutCsrf =
        api.send(
            api.request("/api/v1/workspaces")
                .header("Cookie", cookieHeader(session, csrf))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Team\",\"slug\":\"team-carol\"}")));
    assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    assertThat(json(withoutCsrf).get("code").asText()).isEqualTo("csrf_failed");

    var created =
        signedIn(
            "POST",
            "/api/v1/workspaces",
            "{\"name\":\"Team\",\"slug\":\"team-carol\"}",
            session,
            csrf);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(
            signedIn(
                    "POST",
                    "/api/v1/workspaces",
                    "{\"name\":\"Again\",\"slug\":\"team-carol\"}",
                    session,
                    csrf)
                .statusCode())
        .isEqualTo(409);

    var key =
        signedIn(
            "POST",
            "/api/v1/workspaces/team-carol/api-keys",
            "{\"name\":\"ci\",\"scopes\":[\"links:read\"]}",
            session,
            csrf);
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    String secret = json(key).get("key").asText();
    assertThat(secret).startsWith("smo1_");
    assertThat(json(key).get("prefix").asText()).isEqualTo(secret.substring(0, 8));

    assertThat(api.get("/api/v1/links", secret).statusCode()).isEqualTo(200);
    var write = api.post("/api/v1/links", secret, "{\"target\":\"https://example.com\"}");
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(json(write).get("code").asText()).isEqualTo("insufficient_scope");
    assertThat(write.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("scope=\"links:write\"");
    assertThat(api.get("/api/v1/workspaces/" + TestNodes.OWNER, secret).statusCode())
        .as("another workspace is not found")
        .isEqualTo(404);

    var listed = signedIn("GET", "/api/v1/workspaces/team-carol/api-keys", null, session, csrf);
    assertThat(listed.body()).doesNotContain(secret);
    String id = json(listed).get("items").get(0).get("id").asText();
    assertThat(
            signedIn("DELETE", "/api/v1/workspaces/team-carol/api-keys/" + id, null, session, csrf)
                .statusCode())
        .isEqualTo(204);
    assertThat(api.get("/api/v1/links", secret).statusCode()).as("revoked").isEqualTo(401);

    var audit = signedIn("GET", "/api/v1/workspaces/team-carol/audit-log", null, session, csrf);
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(json(audit).get("items").findValuesAsText("action"))
        .containsSubsequence("api_key.revoked", "api_key.created", "workspace.created");

    var logout = signedIn("POST", "/api/v1/auth/logout", null, session, csrf);
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(
            api.send(api.request("/api/v1/me").header("Cookie", cookieHeader(session, csrf)).GET())
                .statusCode())
        .isEqualTo(401);
  }

  private static String emailedToken(String to) throws Exception {
    eventually(ignored -> assertThat(mail.getReceivedMessages()).isNotEmpty());
    for (var message : mail.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(to)) {
        var matcher = TOKEN.matcher(text(message));
        if (matcher.find()) {
          return java.net.URLDecoder.decode(
              matcher.group(1), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no email with a token to " + to);
  }

  /** The decoded text of a message, all parts. */
  private static String text(jakarta.mail.Part part) throws Exception {
    Object content = part.getContent();
    if (content instanceof jakarta.mail.Multipart multipart) {
      var text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        text.append(text(multipart.getBodyPart(i)));
      }
      return text.toString();
    }
    return String.valueOf(content);
  }

  /** Waits on observable state: asserts until it holds, at most 10 s. */
  private static void eventually(org.assertj.core.api.ThrowingConsumer<Void> assertion) {
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertion.accept(null);
              return null;
            });
  }

  private static HttpResponse<String> anonymous(String path, String json) {
    return api.send(
        api.request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static HttpResponse<String> signedIn(
      String method, String path, String json, String session, String csrf) {
    var request =
        api.request(path)
            .header("Cookie", cookieHeader(session, csrf))
            .header("X-CSRF-Token", csrf)
            .header("Origin", TestNodes.PUBLIC_BASE_URL);
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return api.send(
        request.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
  }

  private static String cookieHeader(String session, String csrf) {
    return "smo1_session=" + session + "; smo1_csrf=" + csrf;
  }

  private static String cookieValue(List<String> cookies, String name) {
    return cookies.stream()
        .filter(cookie -> cookie.startsWith(name + "="))
        .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';')))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }
}
