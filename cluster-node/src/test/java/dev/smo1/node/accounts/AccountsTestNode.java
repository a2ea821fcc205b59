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
import dev.smo1.testing.MutableClock;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * A node for account tests: real SMTP (GreenMail, whose messages carry the emailed tokens), a
 * movable clock (token and session expiry), and helpers that act as a browser (cookies, CSRF
 * header, Origin) or as an API client (bearer key).
 */
public final class AccountsTestNode implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery";

  /** A signed-in browser: its cookies and the user's id. */
  public record Session(UUID userId, String email, String cookie, String csrf) {
    String cookieHeader() {
      return "smo1_session=" + cookie + "; smo1_csrf=" + csrf;
    }
  }

  final GreenMailExtension mail;
  final MutableClock clock;
  final String database = TestPostgres.newDatabase();
  final Node node;
  final ApiClient api;

  AccountsTestNode(GreenMailExtension mail, Map<String, Object> extra) {
    this(mail, extra, new MutableClock(Instant.now()));
  }

  /** On {@code clock}, which the test may share with a stand-in (Stripe's). */
  public AccountsTestNode(GreenMailExtension mail, Map<String, Object> extra, MutableClock clock) {
    this.clock = clock;
    this.mail = mail;
    var settings = new HashMap<String, Object>();
    settings.put("smo1.mail.smtp-port", mail.getSmtp().getPort());
    settings.put("smo1.mail.retries", 0);
    settings.putAll(extra);
    this.node = TestNodes.start(database, clock, true, settings);
    this.api = new ApiClient(node.httpAddress());
  }

  public Node node() {
    return node;
  }

  public ApiClient api() {
    return api;
  }

  public String database() {
    return database;
  }

  public static GreenMailExtension greenMail() {
    return new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withPerMethodLifecycle(false);
  }

  @Override
  public void close() {
    node.close();
  }

  /** Puts {@code workspace} on {@code plan}, as a platform admin or a paid subscription would. */
  public void onPlan(String workspace, String plan) {
    new dev.smo1.accounts.workspace.WorkspaceService(
            node.system(),
            java.time.Duration.ofSeconds(10),
            new dev.smo1.accounts.Jdbc(
                new org.postgresql.ds.PGSimpleDataSource(),
                java.util.concurrent.ForkJoinPool.commonPool()))
        .changePlan(workspace, plan, null, "test")
        .toCompletableFuture()
        .join();
  }

  /** Signs a user up, verifies the email from the message, logs in; waits for their workspace. */
  public Session signUpAndLogIn(String email, String name) {
    var signUp =
        anonymous(
            "POST",
            "/api/v1/auth/signup",
            "{\"email\":\""
                + email
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"name\":\""
                + name
                + "\"}");
    assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
    var verified =
        anonymous(
            "POST",
            "/api/v1/auth/verify-email",
            "{\"token\":\"" + token(email, "/verify-email") + "\"}");
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    var session = logIn(email, PASSWORD);
    eventually(
        () ->
            assertThat(json(browser(session, "GET", "/api/v1/me", null)).get("workspaces"))
                .isNotEmpty());
    return session;
  }

  public Session logIn(String email, String password) {
    var login =
        anonymous(
            "POST",
            "/api/v1/auth/login",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return new Session(
        UUID.fromString(json(login).get("id").asText()),
        email,
        cookie(login, "smo1_session"),
        cookie(login, "smo1_csrf"));
  }

  /** The newest emailed token to {@code to} whose link has {@code path}, waiting for it. */
  String token(String to, String path) {
    String[] found = new String[1];
    eventually(
        () -> {
          found[0] = null;
          for (var message : mail.getReceivedMessages()) {
            if (recipient(message).equalsIgnoreCase(to)) {
              String text = text(message);
              var matcher =
                  Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_%-]+)").matcher(text);
              if (matcher.find()) {
                found[0] = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
              }
            }
          }
          assertThat(found[0]).as("an email to " + to + " with a " + path + " link").isNotNull();
        });
    return found[0];
  }

  public HttpResponse<String> anonymous(String method, String path, String json) {
    var request = api.request(path);
    return api.send(withBody(request, method, json));
  }

  /** As a browser: session cookie, CSRF cookie and header, and the API's own Origin. */
  public HttpResponse<String> browser(Session session, String method, String path, String json) {
    var request =
        api.request(path)
            .header("Cookie", session.cookieHeader())
            .header("X-CSRF-Token", session.csrf())
            .header("Origin", TestNodes.PUBLIC_BASE_URL);
    return api.send(withBody(request, method, json));
  }

  public HttpResponse<String> withKey(String key, String method, String path, String json) {
    var request = api.request(path).header("Authorization", "Bearer " + key);
    return api.send(withBody(request, method, json));
  }

  HttpResponse<String> send(HttpRequest.Builder request, String method, String json) {
    return api.send(withBody(request, method, json));
  }

  private static HttpRequest.Builder withBody(
      HttpRequest.Builder request, String method, String json) {
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
  }

  /** Counts of every table a request could change: equal before and after means nothing changed. */
  Map<String, Long> fingerprint() {
    var counts = new HashMap<String, Long>();
    try (var connection = DriverManager.getConnection(database)) {
      for (String query :
          List.of(
              "SELECT count(*) FROM event_journal",
              "SELECT count(*) FROM users",
              "SELECT count(*) FROM users WHERE email_verified_at IS NOT NULL",
              "SELECT count(*) FROM account_tokens",
              "SELECT count(*) FROM account_tokens WHERE used_at IS NOT NULL",
              "SELECT count(*) FROM sessions",
              "SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL",
              "SELECT count(*) FROM api_keys",
              "SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL",
              "SELECT count(*) FROM audit_log",
              "SELECT count(*) FROM users u WHERE u.password_changed_at > u.created_at")) {
        try (var statement = connection.createStatement();
            var rows = statement.executeQuery(query)) {
          rows.next();
          counts.put(query, rows.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  public void eventually(Runnable assertion) {
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertion.run();
              return null;
            });
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String code(HttpResponse<String> response) {
    var body = json(response);
    return body.has("code") ? body.get("code").asText() : null;
  }

  static String cookie(HttpResponse<String> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith(name + "="))
        .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie: " + response.headers()));
  }

  private static String recipient(jakarta.mail.Message message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(Part part) {
    try {
      Object content = part.getContent();
      if (content instanceof Multipart multipart) {
        var text = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
          text.append(text(multipart.getBodyPart(i)));
        }
        return text.toString();
      }
      return String.valueOf(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
