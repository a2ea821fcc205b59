package dev.smo1.node.accounts;

import static dev.smo1.node.accounts.AccountsTestNode.PASSWORD;
import static dev.smo1.node.accounts.AccountsTestNode.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.testing.TestNodes;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The anonymous endpoints under their default limits, counted in a real Redis: brute force against
 * login is throttled per email and per address; unknown short codes per address; and with Redis
 * gone, sign-up and login close (503) while redirects and the API stay open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitedEndpointsIT {
  @RegisterExtension static final GreenMailExtension mail = AccountsTestNode.greenMail();

  private LocalRedis redis;
  private AccountsTestNode node;

  @BeforeAll
  void start() {
    redis = TestRedis.start();
    node = new AccountsTestNode(mail, Map.of("smo1.redis.url", redis.url()));
  }

  @AfterAll
  void stop() {
    node.close();
    redis.close();
  }

  /**
   * Limits count in windows aligned to the epoch: a test that must stay in one window starts when
   * at least {@code room} of it is left (a bounded wait of at most {@code room}).
   */
  private void awaitWindowRoom(java.time.Duration window, java.time.Duration room) {
    TestProbe.create(node.node.system())
        .awaitAssert(
            room.plusSeconds(5),
            java.time.Duration.ofMillis(200),
            () -> {
              long left = window.toMillis() - System.currentTimeMillis() % window.toMillis();
              assertThat(left).isGreaterThan(room.toMillis());
              return null;
            });
  }

  private HttpResponse<String> login(String email, String password) {
    return node.anonymous(
        "POST",
        "/api/v1/auth/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  @Test
  @Order(1)
  void afterFiveFailuresForOneEmailLoginAnswers429EvenWithTheRightPassword() {
    var victim = node.signUpAndLogIn("victim@limits.test", "Victim");
    // this test and the next count failures in the same 15-minute window
    awaitWindowRoom(java.time.Duration.ofMinutes(15), java.time.Duration.ofSeconds(60));
    for (int i = 0; i < 5; i++) {
      var wrong = login(victim.email(), "guess number " + i);
      assertThat(wrong.statusCode()).as("attempt %d", i + 1).isEqualTo(401);
    }
    var before = node.fingerprint();
    var throttled = login(victim.email(), PASSWORD);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(code(throttled)).isEqualTo("rate_limited");
    assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 15 * 60L);
    assertThat(throttled.headers().firstValue("RateLimit-Limit")).hasValue("5");
    assertThat(throttled.headers().firstValue("RateLimit-Remaining")).hasValue("0");
    assertThat(node.fingerprint()).as("no session, no audit entry").isEqualTo(before);
    var otherCase = login(victim.email().toUpperCase(), PASSWORD);
    assertThat(otherCase.statusCode()).as("the email's case does not matter").isEqualTo(429);
  }

  @Test
  @Order(2)
  void afterTwentyFailuresFromOneAddressEveryLoginFromItAnswers429() {
    // five were spent by the first test; three more emails make twenty
    for (int account = 0; account < 3; account++) {
      for (int i = 0; i < 5; i++) {
        assertThat(login("nobody" + account + "@limits.test", "guess " + i).statusCode())
            .isEqualTo(401);
      }
    }
    var fresh = login("someone-new@limits.test", "first try");
    assertThat(fresh.statusCode()).isEqualTo(429);
    assertThat(fresh.headers().firstValue("RateLimit-Limit")).hasValue("20");
  }

  @Test
  @Order(3)
  void unknownCodesFromOneAddressAreLimitedAndKnownOnesStillRedirect() {
    var created =
        node.withKey(
            TestNodes.OWNER_KEY,
            "POST",
            "/api/v1/links",
            "{\"target\":\"https://example.com/known\",\"alias\":\"known-one\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    awaitWindowRoom(java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(15));
    int notFound = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < 61; i++) {
      last = node.api.visit("unknown-" + i);
      if (last.statusCode() == 404) {
        notFound++;
      }
    }
    assertThat(notFound).isEqualTo(60);
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
    assertThat(node.api.visit("known-one").statusCode()).isEqualTo(302);
  }

  @Test
  @Order(4)
  void withRedisDownSignUpAndLoginCloseWhileRedirectsAndTheApiStayOpen() throws Exception {
    redis.stop();
    try {
      var signUp =
          node.anonymous(
              "POST",
              "/api/v1/auth/signup",
              "{\"email\":\"down@limits.test\",\"password\":\"" + PASSWORD + "\",\"name\":\"D\"}");
      assertThat(signUp.statusCode()).isEqualTo(503);
      assertThat(signUp.headers().firstValue("Retry-After")).hasValue("1");
      var login = login("victim@limits.test", PASSWORD);
      assertThat(login.statusCode()).isEqualTo(503);
      assertThat(
              node.withKey(TestNodes.OWNER_KEY, "GET", "/api/v1/links/known-one", null)
                  .statusCode())
          .isEqualTo(200);
      assertThat(node.api.visit("known-one").statusCode()).isEqualTo(302);
      // unknown codes are counted in memory and only synced to Redis: the budget this address
      // spent before Redis stopped still counts (no store is asked on the way)
      assertThat(node.api.visit("still-unknown").statusCode()).isEqualTo(429);
    } finally {
      redis.restart();
    }
  }
}
