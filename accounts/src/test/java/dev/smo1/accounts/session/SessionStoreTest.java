package dev.smo1.accounts.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.session.SessionStore.Opened;
import dev.smo1.accounts.session.SessionStore.Session;
import dev.smo1.accounts.testing.AccountsDatabase;
import dev.smo1.accounts.user.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dashboard sessions on the real schema: sliding expiry, revocation, touch at most a minute. */
class SessionStoreTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration MICRO = Duration.ofNanos(1_000);
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);

  private static Jdbc jdbc;
  private final SessionStore sessions = new SessionStore();
  private UUID alice;
  private UUID bob;

  @BeforeAll
  static void migrate() {
    jdbc = new Jdbc(AccountsDatabase.migrated(), Runnable::run);
  }

  @BeforeEach
  void users() {
    jdbc.transactionNow(
        connection -> {
          connection.createStatement().execute("DELETE FROM users");
          var users = new UserStore();
          alice = users.insert(connection, "alice@example.com", "Alice", "hash", T0).id();
          bob = users.insert(connection, "bob@example.com", "Bob", "hash", T0).id();
          return null;
        });
  }

  private Opened open(UUID userId, Instant now) {
    return jdbc.transactionNow(
        connection -> sessions.open(connection, userId, "192.0.2.0/24", "Firefox", now));
  }

  private Optional<Session> find(String token, Instant now) {
    return jdbc.transactionNow(connection -> sessions.find(connection, token, now));
  }

  private void touch(UUID id, Instant now) {
    jdbc.transactionNow(
        connection -> {
          sessions.touch(connection, id, now);
          return null;
        });
  }

  private boolean revoke(UUID id, Instant now) {
    return jdbc.transactionNow(connection -> sessions.revoke(connection, id, now));
  }

  @Test
  void lifetimeAndTouchIntervalArePinned() {
    assertThat(SessionStore.LIFETIME).isEqualTo(THIRTY_DAYS);
    assertThat(SessionStore.TOUCH_INTERVAL).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void anOpenedSessionIsFoundByItsTokenOnly() {
    var opened = open(alice, T0);

    assertThat(opened.expiresAt()).isEqualTo(T0.plus(THIRTY_DAYS));
    assertThat(opened.token()).hasSize(43).isNotEqualTo(opened.csrfToken());
    assertThat(opened.csrfToken()).hasSize(43);
    assertThat(find(opened.token(), T0.plusSeconds(5)))
        .contains(new Session(opened.id(), alice, opened.csrfToken(), T0, T0.plus(THIRTY_DAYS)));
    assertThat(find(Secrets.sha256(opened.token()), T0)).isEmpty();
    assertThat(find(opened.csrfToken(), T0)).isEmpty();
    assertThat(find(Secrets.token(), T0)).isEmpty();
  }

  @Test
  void aSessionIsFoundUntilJustBeforeItsExpiryAndNotFromThen() {
    var opened = open(alice, T0);
    Instant expiry = T0.plus(THIRTY_DAYS);

    assertThat(find(opened.token(), expiry.minus(MICRO))).isPresent();
    assertThat(find(opened.token(), expiry)).isEmpty();
  }

  @Test
  void aRevokedSessionIsNotFoundAndRevokesOnce() {
    var opened = open(alice, T0);

    assertThat(revoke(opened.id(), T0.plusSeconds(1))).isTrue();
    assertThat(find(opened.token(), T0.plusSeconds(2))).isEmpty();
    assertThat(revoke(opened.id(), T0.plusSeconds(3))).isFalse();
    assertThat(revoke(UUID.randomUUID(), T0)).isFalse();
  }

  @Test
  void revokeAllRevokesEveryLiveSessionOfTheUserButTheOneKept() {
    var first = open(alice, T0);
    var kept = open(alice, T0);
    var third = open(alice, T0);
    var alreadyRevoked = open(alice, T0);
    var bobs = open(bob, T0);
    revoke(alreadyRevoked.id(), T0);

    List<UUID> revoked =
        jdbc.transactionNow(
            connection -> sessions.revokeAll(connection, alice, kept.id(), T0.plusSeconds(1)));

    assertThat(revoked).containsExactlyInAnyOrder(first.id(), third.id());
    assertThat(find(first.token(), T0.plusSeconds(2))).isEmpty();
    assertThat(find(third.token(), T0.plusSeconds(2))).isEmpty();
    assertThat(find(kept.token(), T0.plusSeconds(2))).isPresent();
    assertThat(find(bobs.token(), T0.plusSeconds(2))).isPresent();

    List<UUID> rest =
        jdbc.transactionNow(
            connection -> sessions.revokeAll(connection, alice, null, T0.plusSeconds(3)));

    assertThat(rest).containsExactly(kept.id());
    assertThat(find(kept.token(), T0.plusSeconds(4))).isEmpty();
    assertThat(find(bobs.token(), T0.plusSeconds(4))).isPresent();
  }

  @Test
  void touchSlidesTheExpiryAtMostOnceAMinute() {
    var opened = open(alice, T0);

    touch(opened.id(), T0.plusSeconds(30));
    assertThat(find(opened.token(), T0.plusSeconds(30)).orElseThrow())
        .extracting(Session::lastSeenAt, Session::expiresAt)
        .containsExactly(T0, T0.plus(THIRTY_DAYS));

    touch(opened.id(), T0.plusSeconds(60));
    assertThat(find(opened.token(), T0.plusSeconds(60)).orElseThrow().lastSeenAt())
        .as("exactly a minute after the last touch")
        .isEqualTo(T0);

    Instant t1 = T0.plusSeconds(60).plus(MICRO);
    touch(opened.id(), t1);
    assertThat(find(opened.token(), t1).orElseThrow())
        .extracting(Session::lastSeenAt, Session::expiresAt)
        .containsExactly(t1, t1.plus(THIRTY_DAYS));

    touch(opened.id(), t1.plusSeconds(59));
    assertThat(find(opened.token(), t1.plusSeconds(59)).orElseThrow().lastSeenAt()).isEqualTo(t1);
  }

  @Test
  void aTouchedSessionOutlivesItsFirstExpiry() {
    var opened = open(alice, T0);
    Instant later = T0.plus(Duration.ofDays(29));

    touch(opened.id(), later);

    assertThat(find(opened.token(), T0.plus(THIRTY_DAYS).plusSeconds(1))).isPresent();
    assertThat(find(opened.token(), later.plus(THIRTY_DAYS))).isEmpty();
  }

  @Test
  void touchDoesNotReviveARevokedSession() {
    var opened = open(alice, T0);
    revoke(opened.id(), T0.plusSeconds(1));

    touch(opened.id(), T0.plusSeconds(120));

    assertThat(find(opened.token(), T0.plusSeconds(121))).isEmpty();
  }

  @Test
  void theOriginIsKeptWithTheUserAgentCutTo256Characters() {
    var opened =
        jdbc.transactionNow(
            connection -> sessions.open(connection, alice, "2001:db8:1::/48", "A".repeat(300), T0));

    var stored =
        jdbc.transactionNow(
            connection -> {
              try (var statement =
                  connection.prepareStatement(
                      "SELECT ip_prefix, user_agent, token_hash FROM sessions WHERE id = ?")) {
                statement.setObject(1, opened.id());
                try (var rows = statement.executeQuery()) {
                  rows.next();
                  return List.of(rows.getString(1), rows.getString(2), rows.getString(3));
                }
              }
            });
    assertThat(stored)
        .containsExactly("2001:db8:1::/48", "A".repeat(256), Secrets.sha256(opened.token()));
    assertThat(SessionStore.truncate(null, 256)).isNull();
  }

  @Test
  void aUsersSessionsGoWithTheUser() {
    var opened = open(alice, T0);

    jdbc.transactionNow(
        connection -> {
          new UserStore().delete(connection, alice);
          return null;
        });

    assertThat(find(opened.token(), T0)).isEmpty();
  }
}
