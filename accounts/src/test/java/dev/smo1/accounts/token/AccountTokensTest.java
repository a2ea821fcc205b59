package dev.smo1.accounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.testing.AccountsDatabase;
import dev.smo1.accounts.token.AccountTokens.Issued;
import dev.smo1.accounts.token.AccountTokens.Purpose;
import dev.smo1.accounts.token.AccountTokens.Used;
import dev.smo1.accounts.user.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Single-use email tokens on the real schema: once, before expiry, for their purpose only. */
class AccountTokensTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration MICRO = Duration.ofNanos(1_000);

  private static Jdbc jdbc;
  private final AccountTokens tokens = new AccountTokens();
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

  private Issued issue(Purpose purpose, UUID userId, String email, String workspace, String role) {
    return jdbc.transactionNow(
        connection -> tokens.issue(connection, purpose, userId, email, workspace, role, T0));
  }

  private Optional<Used> use(Purpose purpose, String token, Instant now) {
    return jdbc.transactionNow(connection -> tokens.use(connection, purpose, token, now));
  }

  private Optional<Used> find(Purpose purpose, String token, Instant now) {
    return jdbc.transactionNow(connection -> tokens.find(connection, purpose, token, now));
  }

  @Test
  void lifetimesArePinned() {
    assertThat(Purpose.VERIFY_EMAIL.lifetime()).isEqualTo(Duration.ofHours(24));
    assertThat(Purpose.PASSWORD_RESET.lifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(Purpose.INVITATION.lifetime()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void anIssuedTokenIsRandomAndOnlyItsHashIsStored() {
    var issued = issue(Purpose.VERIFY_EMAIL, alice, "alice@example.com", null, null);
    var other = issue(Purpose.VERIFY_EMAIL, alice, "alice@example.com", null, null);

    assertThat(issued.token()).hasSize(43).isNotEqualTo(other.token());
    assertThat(issued.hash()).isEqualTo(Secrets.sha256(issued.token()));
    assertThat(issued.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    long stored =
        jdbc.transactionNow(
            connection -> {
              try (var statement =
                  connection.prepareStatement(
                      "SELECT count(*) FROM account_tokens WHERE token_hash = ?")) {
                statement.setString(1, issued.token());
                try (var rows = statement.executeQuery()) {
                  rows.next();
                  return rows.getLong(1);
                }
              }
            });
    assertThat(stored).isZero();
  }

  @ParameterizedTest
  @EnumSource(Purpose.class)
  void aTokenWorksOnce(Purpose purpose) {
    var issued = issue(purpose, alice, "alice@example.com", null, null);

    assertThat(use(purpose, issued.token(), T0.plusSeconds(1)))
        .contains(new Used(alice, "alice@example.com", null, null));
    assertThat(use(purpose, issued.token(), T0.plusSeconds(2))).isEmpty();
    assertThat(find(purpose, issued.token(), T0.plusSeconds(3))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Purpose.class)
  void aTokenWorksUntilJustBeforeItsExpiryAndNotFromThen(Purpose purpose) {
    var early = issue(purpose, alice, "alice@example.com", null, null);
    var late = issue(purpose, alice, "alice@example.com", null, null);
    Instant expiry = T0.plus(purpose.lifetime());

    assertThat(use(purpose, early.token(), expiry.minus(MICRO))).isPresent();
    assertThat(find(purpose, late.token(), expiry)).isEmpty();
    assertThat(use(purpose, late.token(), expiry)).isEmpty();
    assertThat(use(purpose, late.token(), expiry.plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  void aTokenDoesNotWorkForAnotherPurposeAndStaysUsableForItsOwn() {
    var reset = issue(Purpose.PASSWORD_RESET, alice, "alice@example.com", null, null);

    assertThat(use(Purpose.VERIFY_EMAIL, reset.token(), T0)).isEmpty();
    assertThat(use(Purpose.INVITATION, reset.token(), T0)).isEmpty();
    assertThat(find(Purpose.VERIFY_EMAIL, reset.token(), T0)).isEmpty();

    assertThat(use(Purpose.PASSWORD_RESET, reset.token(), T0)).isPresent();
  }

  @Test
  void anInvitationCarriesItsWorkspaceAndRoleWithoutAUser() {
    var invitation = issue(Purpose.INVITATION, null, "new@example.com", "acme", "admin");

    assertThat(find(Purpose.INVITATION, invitation.token(), T0))
        .contains(new Used(null, "new@example.com", "acme", "admin"));
    assertThat(use(Purpose.INVITATION, invitation.token(), T0))
        .contains(new Used(null, "new@example.com", "acme", "admin"));
  }

  @Test
  void findDoesNotUseTheToken() {
    var issued = issue(Purpose.VERIFY_EMAIL, alice, "new-alice@example.com", null, null);

    assertThat(find(Purpose.VERIFY_EMAIL, issued.token(), T0)).isPresent();
    assertThat(find(Purpose.VERIFY_EMAIL, issued.token(), T0)).isPresent();
    assertThat(use(Purpose.VERIFY_EMAIL, issued.token(), T0))
        .contains(new Used(alice, "new-alice@example.com", null, null));
  }

  @Test
  void unknownEmptyOrOverlongTokensAreNothing() {
    assertThat(use(Purpose.VERIFY_EMAIL, Secrets.token(), T0)).isEmpty();
    assertThat(use(Purpose.VERIFY_EMAIL, null, T0)).isEmpty();
    assertThat(use(Purpose.VERIFY_EMAIL, "", T0)).isEmpty();
    assertThat(use(Purpose.VERIFY_EMAIL, "x".repeat(101), T0)).isEmpty();
    assertThat(find(Purpose.VERIFY_EMAIL, null, T0)).isEmpty();
    assertThat(find(Purpose.VERIFY_EMAIL, "x".repeat(101), T0)).isEmpty();
  }

  @Test
  void voidAllVoidsTheUsersUnusedTokensOfOnePurposeOnly() {
    var first = issue(Purpose.PASSWORD_RESET, alice, "alice@example.com", null, null);
    var second = issue(Purpose.PASSWORD_RESET, alice, "alice@example.com", null, null);
    var verification = issue(Purpose.VERIFY_EMAIL, alice, "alice@example.com", null, null);
    var bobs = issue(Purpose.PASSWORD_RESET, bob, "bob@example.com", null, null);

    jdbc.transactionNow(
        connection -> {
          tokens.voidAll(connection, Purpose.PASSWORD_RESET, alice, T0.plusSeconds(1));
          return null;
        });

    assertThat(use(Purpose.PASSWORD_RESET, first.token(), T0.plusSeconds(2))).isEmpty();
    assertThat(use(Purpose.PASSWORD_RESET, second.token(), T0.plusSeconds(2))).isEmpty();
    assertThat(use(Purpose.VERIFY_EMAIL, verification.token(), T0.plusSeconds(2))).isPresent();
    assertThat(use(Purpose.PASSWORD_RESET, bobs.token(), T0.plusSeconds(2)))
        .contains(new Used(bob, "bob@example.com", null, null));
  }

  @Test
  void aUsersTokensGoWithTheUser() {
    var issued = issue(Purpose.VERIFY_EMAIL, alice, "alice@example.com", null, null);

    jdbc.transactionNow(
        connection -> {
          new UserStore().delete(connection, alice);
          return null;
        });

    assertThat(use(Purpose.VERIFY_EMAIL, issued.token(), T0)).isEmpty();
  }
}
