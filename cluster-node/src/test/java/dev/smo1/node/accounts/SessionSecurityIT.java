package dev.smo1.node.accounts;

import static dev.smo1.node.accounts.AccountsTestNode.PASSWORD;
import static dev.smo1.node.accounts.AccountsTestNode.code;
import static dev.smo1.node.accounts.AccountsTestNode.cookie;
import static dev.smo1.node.accounts.AccountsTestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.smo1.node.testing.TestNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sessions, CSRF, tokens and the account rules, attacked one way at a time on a real node. Every
 * refused attempt is checked for its status, its error code, and for having changed nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionSecurityIT {
  @RegisterExtension static final GreenMailExtension mail = AccountsTestNode.greenMail();
  private static final AtomicInteger users = new AtomicInteger();

  private AccountsTestNode node;

  @BeforeAll
  void start() {
    // generous anonymous limits: throttling has its own test (LoginThrottlingIT)
    node =
        new AccountsTestNode(
            mail,
            Map.of(
                "smo1.rate-limits.signup-per-ip.limit", 10_000,
                "smo1.rate-limits.signup-per-email.limit", 10_000,
                "smo1.rate-limits.login-failures-per-ip.limit", 10_000,
                "smo1.rate-limits.login-failures-per-email.limit", 10_000,
                "smo1.rate-limits.password-reset-per-ip.limit", 10_000));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private AccountsTestNode.Session newUser() {
    int n = users.incrementAndGet();
    return node.signUpAndLogIn("user" + n + "@security.test", "User " + n);
  }

  private String newWorkspace(AccountsTestNode.Session owner) {
    String slug = "sec-" + users.incrementAndGet();
    var created =
        node.browser(
            owner, "POST", "/api/v1/workspaces", "{\"name\":\"S\",\"slug\":\"" + slug + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // seats for the invitation tests (the free plan has one)
    node.onPlan(slug, "pro");
    return slug;
  }

  // --- CSRF ---

  @Test
  void anUnsafeCookieRequestWithoutTheCsrfHeaderIsRefused() {
    var user = newUser();
    var before = node.fingerprint();
    var response =
        node.send(
            node.api.request("/api/v1/workspaces").header("Cookie", user.cookieHeader()),
            "POST",
            "{\"name\":\"X\",\"slug\":\"csrf-missing\"}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(code(response)).isEqualTo("csrf_failed");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void aCsrfHeaderThatIsNotTheCookieIsRefused() {
    var user = newUser();
    var before = node.fingerprint();
    var response =
        node.send(
            node.api
                .request("/api/v1/workspaces")
                .header("Cookie", user.cookieHeader())
                .header("X-CSRF-Token", "not-the-token"),
            "POST",
            "{\"name\":\"X\",\"slug\":\"csrf-wrong\"}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(code(response)).isEqualTo("csrf_failed");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void aCsrfCookieAndHeaderPlantedTogetherButNotTheSessionsAreRefused() {
    var user = newUser();
    var before = node.fingerprint();
    var response =
        node.send(
            node.api
                .request("/api/v1/workspaces")
                .header("Cookie", "smo1_session=" + user.cookie() + "; smo1_csrf=planted")
                .header("X-CSRF-Token", "planted"),
            "POST",
            "{\"name\":\"X\",\"slug\":\"csrf-planted\"}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(code(response)).isEqualTo("csrf_failed");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void aCrossOriginRequestIsRefusedEvenWithTheRightToken() {
    var user = newUser();
    var before = node.fingerprint();
    var response =
        node.send(
            node.api
                .request("/api/v1/workspaces")
                .header("Cookie", user.cookieHeader())
                .header("X-CSRF-Token", user.csrf())
                .header("Origin", "https://evil.example"),
            "POST",
            "{\"name\":\"X\",\"slug\":\"csrf-origin\"}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(code(response)).isEqualTo("csrf_failed");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void aCsrfCookieWithoutASessionDoesNotAuthenticate() {
    var before = node.fingerprint();
    var response =
        node.send(
            node.api
                .request("/api/v1/workspaces")
                .header("Cookie", "smo1_csrf=x")
                .header("X-CSRF-Token", "x"),
            "POST",
            "{\"name\":\"X\",\"slug\":\"csrf-only\"}");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void safeCookieRequestsNeedNoCsrfToken() {
    var user = newUser();
    var response =
        node.send(
            node.api.request("/api/v1/me").header("Cookie", user.cookieHeader()), "GET", null);
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void apiKeysNeverNeedCsrfOrOrigin() {
    var response =
        node.send(
            node.api
                .request("/api/v1/links")
                .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                .header("Origin", "https://evil.example"),
            "POST",
            "{\"target\":\"https://example.com/key\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  // --- sessions ---

  @Test
  void loginIssuesAFreshSessionAndIgnoresAPlantedOne() {
    var user = newUser();
    var login =
        node.send(
            node.api
                .request("/api/v1/auth/login")
                .header("Cookie", "smo1_session=planted-by-attacker"),
            "POST",
            "{\"email\":\"" + user.email() + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(login.statusCode()).isEqualTo(200);
    String issued = cookie(login, "smo1_session");
    assertThat(issued).isNotEqualTo("planted-by-attacker").isNotEqualTo(user.cookie());
    var planted =
        node.send(
            node.api.request("/api/v1/me").header("Cookie", "smo1_session=planted-by-attacker"),
            "GET",
            null);
    assertThat(planted.statusCode()).isEqualTo(401);
  }

  @Test
  void aSessionIsGoneAfterLogout() {
    var user = newUser();
    assertThat(node.browser(user, "POST", "/api/v1/auth/logout", null).statusCode()).isEqualTo(204);
    var after = node.browser(user, "GET", "/api/v1/me", null);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(code(after)).isEqualTo("unauthorized");
  }

  @Test
  void logOutEverywhereEndsEverySession() {
    var user = newUser();
    var second = node.logIn(user.email(), PASSWORD);
    assertThat(node.browser(user, "DELETE", "/api/v1/me/sessions", null).statusCode())
        .isEqualTo(204);
    assertThat(node.browser(user, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    assertThat(node.browser(second, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aPasswordChangeEndsEveryOtherSession() {
    var user = newUser();
    var other = node.logIn(user.email(), PASSWORD);
    var changed =
        node.browser(
            user,
            "POST",
            "/api/v1/me/password",
            "{\"currentPassword\":\""
                + PASSWORD
                + "\",\"newPassword\":\"a brand new passphrase\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
    assertThat(node.browser(other, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    assertThat(node.browser(user, "GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
    var old =
        node.anonymous(
            "POST",
            "/api/v1/auth/login",
            "{\"email\":\"" + user.email() + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(old.statusCode()).isEqualTo(401);
    node.logIn(user.email(), "a brand new passphrase");
  }

  @Test
  void aPasswordChangeNeedsTheCurrentPassword() {
    var user = newUser();
    var before = node.fingerprint();
    var refused =
        node.browser(
            user,
            "POST",
            "/api/v1/me/password",
            "{\"currentPassword\":\"not it at all\",\"newPassword\":\"a brand new passphrase\"}");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(code(refused)).isEqualTo("invalid_credentials");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void aSessionExpiresThirtyDaysAfterItsLastUse() {
    var user = newUser();
    node.clock.advance(Duration.ofDays(29));
    var used = node.browser(user, "GET", "/api/v1/me", null);
    assertThat(used.statusCode()).as("used: slides").isEqualTo(200);
    assertThat(used.headers().allValues("Set-Cookie"))
        .as("the cookies slide with it")
        .anySatisfy(
            cookie ->
                assertThat(cookie)
                    .startsWith("smo1_session=" + user.cookie() + ";")
                    .contains("Max-Age=2592000", "HttpOnly"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("smo1_csrf=" + user.csrf() + ";"));
    var again = node.browser(user, "GET", "/api/v1/me", null);
    assertThat(again.headers().allValues("Set-Cookie")).as("at most once a minute").isEmpty();
    node.clock.advance(Duration.ofDays(29));
    assertThat(node.browser(user, "GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
    node.clock.advance(Duration.ofDays(31));
    assertThat(node.browser(user, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
  }

  // --- password reset and tokens ---

  @Test
  void aPasswordResetEndsEverySessionAndItsTokenWorksOnce() {
    var user = newUser();
    assertThat(
            node.anonymous(
                    "POST", "/api/v1/auth/password-reset", "{\"email\":\"" + user.email() + "\"}")
                .statusCode())
        .isEqualTo(202);
    String token = node.token(user.email(), "/reset-password");
    var reset =
        node.anonymous(
            "POST",
            "/api/v1/auth/password-reset/confirm",
            "{\"token\":\"" + token + "\",\"password\":\"reset to something new\"}");
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    assertThat(node.browser(user, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    var before = node.fingerprint();
    var again =
        node.anonymous(
            "POST",
            "/api/v1/auth/password-reset/confirm",
            "{\"token\":\"" + token + "\",\"password\":\"and again something\"}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(code(again)).isEqualTo("invalid_token");
    assertThat(node.fingerprint()).isEqualTo(before);
    node.logIn(user.email(), "reset to something new");
  }

  @Test
  void aPasswordResetTokenExpiresAfterAnHour() {
    var user = newUser();
    node.anonymous("POST", "/api/v1/auth/password-reset", "{\"email\":\"" + user.email() + "\"}");
    String token = node.token(user.email(), "/reset-password");
    node.clock.advance(Duration.ofMinutes(61));
    var before = node.fingerprint();
    var expired =
        node.anonymous(
            "POST",
            "/api/v1/auth/password-reset/confirm",
            "{\"token\":\"" + token + "\",\"password\":\"too late for this\"}");
    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(code(expired)).isEqualTo("invalid_token");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void aPasswordResetAnswersTheSameForAnUnknownEmailAndSendsNothing() {
    var user = newUser();
    var known =
        node.anonymous(
            "POST", "/api/v1/auth/password-reset", "{\"email\":\"" + user.email() + "\"}");
    int messages = mail.getReceivedMessages().length;
    var before = node.fingerprint();
    var unknown =
        node.anonymous(
            "POST", "/api/v1/auth/password-reset", "{\"email\":\"nobody@security.test\"}");
    assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(202);
    assertThat(unknown.body()).isEqualTo(known.body());
    assertThat(node.fingerprint()).isEqualTo(before);
    node.eventually(
        () -> assertThat(mail.getReceivedMessages()).hasSizeGreaterThanOrEqualTo(messages));
    assertThat(List.of(mail.getReceivedMessages()))
        .noneMatch(message -> message.toString().contains("nobody@security.test"));
  }

  @Test
  void aVerificationTokenWorksOnceAndExpiresAfterADay() {
    int n = users.incrementAndGet();
    String email = "late" + n + "@security.test";
    assertThat(
            node.anonymous(
                    "POST",
                    "/api/v1/auth/signup",
                    "{\"email\":\""
                        + email
                        + "\",\"password\":\""
                        + PASSWORD
                        + "\",\"name\":\"Late\"}")
                .statusCode())
        .isEqualTo(201);
    String token = node.token(email, "/verify-email");
    node.clock.advance(Duration.ofHours(25));
    var before = node.fingerprint();
    var expired =
        node.anonymous("POST", "/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}");
    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(code(expired)).isEqualTo("invalid_token");
    assertThat(node.fingerprint()).isEqualTo(before);
    var login =
        node.anonymous(
            "POST",
            "/api/v1/auth/login",
            "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(login.statusCode()).isEqualTo(403);
    assertThat(code(login)).isEqualTo("email_not_verified");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "x", "not-a-token-we-issued", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void anUnknownTokenIsRefusedEverywhere(String token) {
    var before = node.fingerprint();
    for (String path :
        List.of("/api/v1/auth/verify-email", "/api/v1/auth/password-reset/confirm")) {
      var response =
          node.anonymous(
              "POST",
              path,
              "{\"token\":\""
                  + token
                  + "\",\"password\":\"long enough pass\"}"
                      .replace(
                          ",\"password\":\"long enough pass\"",
                          path.endsWith("confirm") ? ",\"password\":\"long enough pass\"" : ""));
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(code(response)).isEqualTo("invalid_token");
    }
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  // --- invitations ---

  @Test
  void anInvitationIsForItsEmailOnlyAndWorksOnce() {
    var owner = newUser();
    String slug = newWorkspace(owner);
    var invitee = newUser();
    var stranger = newUser();
    node.browser(
        owner,
        "POST",
        "/api/v1/workspaces/" + slug + "/invitations",
        "{\"email\":\"" + invitee.email() + "\",\"role\":\"member\"}");
    String token = node.token(invitee.email(), "/invitations/accept");
    var before = node.fingerprint();
    var wrongPerson =
        node.browser(
            stranger, "POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}");
    assertThat(wrongPerson.statusCode()).isEqualTo(400);
    assertThat(code(wrongPerson)).isEqualTo("invalid_token");
    assertThat(node.fingerprint()).isEqualTo(before);
    assertThat(node.browser(stranger, "GET", "/api/v1/workspaces/" + slug, null).statusCode())
        .isEqualTo(404);

    assertThat(
            node.browser(
                    invitee, "POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(node.browser(invitee, "GET", "/api/v1/workspaces/" + slug, null).statusCode())
        .isEqualTo(200);
    var reused =
        node.browser(
            invitee, "POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}");
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(code(reused)).isEqualTo("invalid_token");
  }

  @Test
  void anInvitationExpiresAfterSevenDays() {
    var owner = newUser();
    String slug = newWorkspace(owner);
    var invitee = newUser();
    node.browser(
        owner,
        "POST",
        "/api/v1/workspaces/" + slug + "/invitations",
        "{\"email\":\"" + invitee.email() + "\",\"role\":\"viewer\"}");
    String token = node.token(invitee.email(), "/invitations/accept");
    node.clock.advance(Duration.ofDays(8));
    var invitee2 = node.logIn(invitee.email(), PASSWORD);
    var before = node.fingerprint();
    var expired =
        node.browser(
            invitee2, "POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}");
    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(code(expired)).isEqualTo("invalid_token");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  // --- roles and ownership ---

  @Test
  void theLastOwnerCannotLeaveNorBeDemoted() {
    var owner = newUser();
    String slug = newWorkspace(owner);
    var before = node.fingerprint();
    var demoted =
        node.browser(
            owner,
            "PATCH",
            "/api/v1/workspaces/" + slug + "/members/" + owner.userId(),
            "{\"role\":\"admin\"}");
    assertThat(demoted.statusCode()).isEqualTo(409);
    assertThat(code(demoted)).isEqualTo("last_owner");
    var left =
        node.browser(
            owner, "DELETE", "/api/v1/workspaces/" + slug + "/members/" + owner.userId(), null);
    assertThat(left.statusCode()).isEqualTo(409);
    assertThat(code(left)).isEqualTo("last_owner");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void anAdminCannotGrantOrTakeOwnershipNorDeleteTheWorkspace() {
    var owner = newUser();
    String slug = newWorkspace(owner);
    var admin = invited(owner, slug, "admin");
    var before = node.fingerprint();
    var grant =
        node.browser(
            admin,
            "PATCH",
            "/api/v1/workspaces/" + slug + "/members/" + admin.userId(),
            "{\"role\":\"owner\"}");
    assertThat(grant.statusCode()).isEqualTo(403);
    assertThat(code(grant)).isEqualTo("owner_required");
    var take =
        node.browser(
            admin, "DELETE", "/api/v1/workspaces/" + slug + "/members/" + owner.userId(), null);
    assertThat(take.statusCode()).isEqualTo(403);
    assertThat(code(take)).isEqualTo("owner_required");
    var delete = node.browser(admin, "DELETE", "/api/v1/workspaces/" + slug, null);
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(code(delete)).isEqualTo("owner_required");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void aWorkspaceWithLinksIsNotDeletedAndAnEmptyOneIsWithItsKeys() {
    var owner = newUser();
    String slug = newWorkspace(owner);
    var key =
        json(node.browser(
                owner,
                "POST",
                "/api/v1/workspaces/" + slug + "/api-keys",
                "{\"name\":\"k\",\"scopes\":[\"links:write\",\"links:read\"]}"))
            .get("key")
            .asText();
    var link = node.withKey(key, "POST", "/api/v1/links", "{\"target\":\"https://example.com/w\"}");
    String code = json(link).get("code").asText();
    // at once, not eventually: the check waits for the read model to have the new link
    var refused = node.browser(owner, "DELETE", "/api/v1/workspaces/" + slug, null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(code(refused)).isEqualTo("workspace_not_empty");
    assertThat(node.withKey(key, "DELETE", "/api/v1/links/" + code, null).statusCode())
        .isEqualTo(204);
    assertThat(node.browser(owner, "DELETE", "/api/v1/workspaces/" + slug, null).statusCode())
        .isEqualTo(204);
    assertThat(node.withKey(key, "GET", "/api/v1/links", null).statusCode())
        .as("its keys are revoked")
        .isEqualTo(401);
    assertThat(node.browser(owner, "GET", "/api/v1/workspaces/" + slug, null).statusCode())
        .isEqualTo(404);
    var again =
        node.browser(
            owner, "POST", "/api/v1/workspaces", "{\"name\":\"S\",\"slug\":\"" + slug + "\"}");
    assertThat(again.statusCode()).as("a deleted slug is never reused").isEqualTo(409);
  }

  // --- keys ---

  @Test
  void aKeyCannotGetScopesItsCreatorLacks() {
    var owner = newUser();
    String slug = newWorkspace(owner);
    var admin =
        json(node.browser(
                owner,
                "POST",
                "/api/v1/workspaces/" + slug + "/api-keys",
                "{\"name\":\"a\",\"scopes\":[\"workspace:admin\"]}"))
            .get("key")
            .asText();
    var before = node.fingerprint();
    var escalated =
        node.withKey(
            admin,
            "POST",
            "/api/v1/workspaces/" + slug + "/api-keys",
            "{\"name\":\"b\",\"scopes\":[\"links:write\"]}");
    assertThat(escalated.statusCode()).isEqualTo(422);
    assertThat(code(escalated)).isEqualTo("invalid_scopes");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void anExpiredKeyIsRefused() {
    var owner = newUser();
    String slug = newWorkspace(owner);
    String expiry = node.clock.instant().plus(Duration.ofHours(1)).toString();
    var key =
        json(node.browser(
                owner,
                "POST",
                "/api/v1/workspaces/" + slug + "/api-keys",
                "{\"name\":\"short\",\"scopes\":[\"links:read\"],\"expiresAt\":\""
                    + expiry
                    + "\"}"))
            .get("key")
            .asText();
    assertThat(node.withKey(key, "GET", "/api/v1/links", null).statusCode()).isEqualTo(200);
    node.clock.advance(Duration.ofHours(2));
    assertThat(node.withKey(key, "GET", "/api/v1/links", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aKeyIsShownOnceAndListedWithoutItsSecret() {
    var owner = newUser();
    String slug = newWorkspace(owner);
    var created =
        json(
            node.browser(
                owner,
                "POST",
                "/api/v1/workspaces/" + slug + "/api-keys",
                "{\"name\":\"once\",\"scopes\":[\"links:read\"]}"));
    String key = created.get("key").asText();
    assertThat(key).startsWith("smo1_").hasSize(45);
    assertThat(created.get("prefix").asText()).isEqualTo(key.substring(0, 8));
    var listed = node.browser(owner, "GET", "/api/v1/workspaces/" + slug + "/api-keys", null);
    assertThat(listed.body()).doesNotContain(key.substring(8));
    assertThat(json(listed).get("items").get(0).has("key")).isTrue();
    assertThat(json(listed).get("items").get(0).get("key").isNull()).isTrue();
  }

  @Test
  void signedInOnlyRoutesRefuseKeys() {
    for (String[] call :
        new String[][] {
          {"GET", "/api/v1/me"},
          {"POST", "/api/v1/workspaces"},
          {"POST", "/api/v1/invitations/accept"}
        }) {
      var before = node.fingerprint();
      var response =
          node.withKey(
              TestNodes.OWNER_KEY,
              call[0],
              call[1],
              call[0].equals("POST") ? "{\"name\":\"k\",\"slug\":\"by-key\"}" : null);
      assertThat(response.statusCode()).as(call[1]).isIn(401, 403);
      assertThat(node.fingerprint()).isEqualTo(before);
    }
  }

  // --- sign-up rules ---

  @ParameterizedTest
  @ValueSource(
      strings = {"short", "123456789", "password123", "Qwertyuiop", "rules@security.test", "rules"})
  void aWeakPasswordIsRefusedAndNothingIsStored(String password) {
    var before = node.fingerprint();
    var response =
        node.anonymous(
            "POST",
            "/api/v1/auth/signup",
            "{\"email\":\"rules@security.test\",\"password\":\"" + password + "\",\"name\":\"R\"}");
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(code(response)).isEqualTo("weak_password");
    assertThat(json(response).get("field").asText()).isEqualTo("password");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"plainaddress", "@example.com", "a b@example.com", "a@", "a@-bad-.com"})
  void anInvalidEmailIsRefusedAndNothingIsStored(String email) {
    var before = node.fingerprint();
    var response =
        node.anonymous(
            "POST",
            "/api/v1/auth/signup",
            "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"R\"}");
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(code(response)).isEqualTo("invalid_email");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void anEmailIsTakenWhateverItsCase() {
    var user = newUser();
    var before = node.fingerprint();
    var again =
        node.anonymous(
            "POST",
            "/api/v1/auth/signup",
            "{\"email\":\""
                + user.email().toUpperCase()
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"name\":\"Again\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(code(again)).isEqualTo("email_taken");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void theSoleOwnerOfAWorkspaceCannotDeleteTheAccount() {
    var owner = newUser();
    var before = node.fingerprint();
    var refused =
        node.browser(owner, "DELETE", "/api/v1/me", "{\"password\":\"" + PASSWORD + "\"}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(code(refused)).isEqualTo("sole_owner");
    assertThat(node.fingerprint()).isEqualTo(before);
  }

  @Test
  void anEmailChangeTakesEffectOnlyWhenTheNewAddressConfirms() {
    var user = newUser();
    String next = "moved" + users.incrementAndGet() + "@security.test";
    var asked =
        node.browser(
            user,
            "POST",
            "/api/v1/me/email",
            "{\"email\":\"" + next + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(asked.statusCode()).isEqualTo(202);
    node.logIn(user.email(), PASSWORD);
    String token = node.token(next, "/verify-email");
    assertThat(
            node.anonymous("POST", "/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}")
                .statusCode())
        .isEqualTo(200);
    node.logIn(next, PASSWORD);
    assertThat(
            node.anonymous(
                    "POST",
                    "/api/v1/auth/login",
                    "{\"email\":\"" + user.email() + "\",\"password\":\"" + PASSWORD + "\"}")
                .statusCode())
        .isEqualTo(401);
  }

  // --- login timing ---

  /**
   * An unknown email and a wrong password cost the same Argon2 work, so their answer times are of
   * the same order: medians over 50 tries each, within a factor of two of each other.
   */
  @Test
  void loginTakesAsLongForAnUnknownEmailAsForAWrongPassword() {
    var user = newUser();
    var unknown = new ArrayList<Long>();
    var wrong = new ArrayList<Long>();
    for (int i = 0; i < 50; i++) {
      unknown.add(timeLogin("nobody" + i + "@security.test"));
      wrong.add(timeLogin(user.email()));
    }
    long unknownMedian = median(unknown);
    long wrongMedian = median(wrong);
    assertThat((double) unknownMedian / wrongMedian)
        .as("median unknown=%d µs wrong=%d µs", unknownMedian, wrongMedian)
        .isBetween(0.5, 2.0);
  }

  private long timeLogin(String email) {
    long start = System.nanoTime();
    var response =
        node.anonymous(
            "POST",
            "/api/v1/auth/login",
            "{\"email\":\"" + email + "\",\"password\":\"not the password\"}");
    long micros = (System.nanoTime() - start) / 1_000;
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(code(response)).isEqualTo("invalid_credentials");
    return micros;
  }

  private static long median(List<Long> values) {
    var sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private AccountsTestNode.Session invited(
      AccountsTestNode.Session owner, String slug, String role) {
    var member = newUser();
    node.browser(
        owner,
        "POST",
        "/api/v1/workspaces/" + slug + "/invitations",
        "{\"email\":\"" + member.email() + "\",\"role\":\"" + role + "\"}");
    String token = node.token(member.email(), "/invitations/accept");
    assertThat(
            node.browser(
                    member, "POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}")
                .statusCode())
        .isEqualTo(200);
    return member;
  }
}
