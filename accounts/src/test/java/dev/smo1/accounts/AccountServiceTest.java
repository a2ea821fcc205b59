package dev.smo1.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.accounts.testing.AccountsDatabase;
import dev.smo1.accounts.user.Passwords;
import dev.smo1.accounts.user.Passwords.PasswordHashing;
import dev.smo1.accounts.user.User;
import dev.smo1.accounts.workspace.JournalProjection;
import dev.smo1.accounts.workspace.WorkspaceCommand.Actor;
import dev.smo1.accounts.workspace.WorkspaceEntity;
import dev.smo1.accounts.workspace.WorkspaceEvent;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.accounts.workspace.WorkspaceSummary;
import dev.smo1.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account flows end to end on real PostgreSQL, with the workspace entities sharded in a
 * one-node cluster (in-memory journal) and a recording mailer: sign-up with its personal workspace,
 * verification, login and sessions, password reset and change, email change, account deletion.
 */
class AccountServiceTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final PasswordHashing FAST = new PasswordHashing(1_024, 1, 1, 32);
  private static final String PASSWORD = "correct horse battery staple";
  private static final RequestOrigin ORIGIN = new RequestOrigin("192.0.2.0/24", "Firefox");

  private static final MutableClock clock = new MutableClock(T0);
  private static ActorTestKit testKit;
  private static ExecutorService pool;
  private static DataSource dataSource;
  private static Jdbc jdbc;
  private static WorkspaceService workspaces;

  private final RecordingMail mail = new RecordingMail();
  private final Passwords passwords = new Passwords(FAST);
  private AccountService accounts;

  /** A mail sent: its kind, address and the token it carries. */
  record Sent(String kind, String to, String token) {}

  /** Records what would be emailed. */
  static final class RecordingMail implements AccountMail {
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    private CompletionStage<Void> record(String kind, String to, String token) {
      sent.add(new Sent(kind, to, token));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> verification(String to, String name, String token) {
      return record("verification", to, token);
    }

    @Override
    public CompletionStage<Void> emailChange(String to, String name, String token) {
      return record("email change", to, token);
    }

    @Override
    public CompletionStage<Void> passwordReset(String to, String name, String token) {
      return record("password reset", to, token);
    }

    @Override
    public CompletionStage<Void> invitation(
        String to, String workspaceName, String inviterName, Role role, String token) {
      return record("invitation", to, token);
    }

    String last(String kind, String to) {
      return sent.stream()
          .filter(mail -> mail.kind().equals(kind) && mail.to().equals(to))
          .reduce((first, second) -> second)
          .orElseThrow(() -> new AssertionError("no " + kind + " mail to " + to + ": " + sent))
          .token();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    pool = Executors.newFixedThreadPool(2);
    dataSource = AccountsDatabase.migrated();
    jdbc = new Jdbc(dataSource, pool);
    testKit =
        ActorTestKit.create(
            "accounts",
            ConfigFactory.parseString(
                    """
                    pekko.actor.provider = cluster
                    pekko.remote.artery.canonical.hostname = "127.0.0.1"
                    pekko.remote.artery.canonical.port = 0
                    pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                    """)
                .withFallback(EventSourcedBehaviorTestKit.config())
                .withFallback(ConfigFactory.load()));
    var cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(20),
            () -> {
              assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up());
              return null;
            });
    WorkspaceEntity.init(testKit.system(), clock, dev.smo1.accounts.workspace.TestPlans.BOOK);
    workspaces = new WorkspaceService(testKit.system(), Duration.ofSeconds(10), jdbc);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    pool.shutdownNow();
  }

  @BeforeEach
  void empty() {
    clock.set(T0);
    jdbc.transactionNow(
        connection -> {
          try (var statement = connection.createStatement()) {
            statement.execute("DELETE FROM users");
            statement.execute("DELETE FROM audit_log");
            statement.execute("DELETE FROM workspace_members");
            statement.execute("DELETE FROM workspaces");
          }
          return null;
        });
    accounts =
        new AccountService(jdbc, passwords, workspaces, mail, clock, Set.of("Root@Example.com"));
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  /** The refusal of an operation, thrown at once or failing its stage. */
  private static AccountException refusal(Supplier<CompletionStage<?>> operation) {
    try {
      operation.get().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (AccountException refused) {
      return refused;
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof AccountException refused) {
        return refused;
      }
      throw new AssertionError("failed otherwise", e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("not refused");
  }

  private User signUp(String email, String name) throws Exception {
    return await(accounts.signUp(email, PASSWORD, name, ORIGIN));
  }

  /** Signs up and follows the verification link. */
  private User verifiedUser(String email, String name) throws Exception {
    var user = signUp(email, name);
    await(accounts.verifyEmail(mail.last("verification", user.email()), ORIGIN));
    return user;
  }

  private long count(String sql) {
    return jdbc.transactionNow(
        connection -> {
          try (var statement = connection.createStatement();
              var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  private List<String> auditActions() {
    return jdbc.transactionNow(
        connection -> {
          var actions = new ArrayList<String>();
          try (var statement = connection.createStatement();
              var rows = statement.executeQuery("SELECT action FROM audit_log ORDER BY id")) {
            while (rows.next()) {
              actions.add(rows.getString(1));
            }
          }
          return actions;
        });
  }

  private List<WorkspaceEvent.WorkspaceCreated> workspacesCreatedFor(UUID owner) throws Exception {
    return JournalProjection.events(testKit.system()).stream()
        .filter(event -> event instanceof WorkspaceEvent.WorkspaceCreated)
        .map(event -> (WorkspaceEvent.WorkspaceCreated) event)
        .filter(created -> created.owner().equals(owner))
        .toList();
  }

  // ---------------------------------------------------------------- sign-up

  @Test
  void signUpStoresAnUnverifiedUserMailsAVerificationLinkAndCreatesAPersonalWorkspace()
      throws Exception {
    var user = signUp(" Alice@Example.com ", " Alice Smith ");

    assertThat(user).isEqualTo(new User(user.id(), "Alice@Example.com", "Alice Smith", false, T0));
    assertThat(mail.sent)
        .containsExactly(
            new Sent("verification", "Alice@Example.com", mail.last("verification", user.email())));
    var personal = workspacesCreatedFor(user.id());
    assertThat(personal).hasSize(1);
    assertThat(personal.getFirst().workspaceId()).matches("alice-smith-[a-z0-9]{6}");
    assertThat(personal.getFirst().name()).isEqualTo("Alice Smith's workspace");
    assertThat(auditActions()).containsExactly("user.signed_up");

    JournalProjection.catchUp(testKit.system(), dataSource);
    assertThat(await(accounts.me(user.id())).workspaces())
        .containsExactly(
            new WorkspaceSummary(
                personal.getFirst().workspaceId(), "Alice Smith's workspace", Role.OWNER));
  }

  @Test
  void aNameOfTheLongestAllowedLengthStillGetsAPersonalWorkspace() throws Exception {
    String name = "N".repeat(AccountService.MAX_NAME_LENGTH);

    var user = signUp("long.name@example.com", name);

    var personal = workspacesCreatedFor(user.id());
    assertThat(personal).hasSize(1);
    assertThat(personal.getFirst().name()).isEqualTo("N".repeat(88) + "'s workspace");
  }

  @Test
  void aPersonalWorkspaceNameIsCutToFitAndNeverInsideACharacter() {
    assertThat(AccountService.personalWorkspaceName("Alice")).isEqualTo("Alice's workspace");
    assertThat(AccountService.personalWorkspaceName("N".repeat(88)))
        .isEqualTo("N".repeat(88) + "'s workspace");
    assertThat(AccountService.personalWorkspaceName("N".repeat(87) + " trailing"))
        .isEqualTo("N".repeat(87) + "'s workspace");
    assertThat(AccountService.personalWorkspaceName("N".repeat(87) + "🔑🔑"))
        .isEqualTo("N".repeat(87) + "'s workspace");
    assertThat(AccountService.personalWorkspaceName("N".repeat(86) + "🔑🔑"))
        .isEqualTo("N".repeat(86) + "🔑's workspace");
  }

  @Test
  void signUpRefusesBadInputAndATakenEmailAndStoresNothing() throws Exception {
    signUp("alice@example.com", "Alice");

    assertThat(refusal(() -> accounts.signUp("not an email", PASSWORD, "Bob", ORIGIN)).error())
        .isEqualTo(AccountError.INVALID_EMAIL);
    assertThat(refusal(() -> accounts.signUp("bob@example.com", "short", "Bob", ORIGIN)).error())
        .isEqualTo(AccountError.WEAK_PASSWORD);
    assertThat(
            refusal(() -> accounts.signUp("bob@example.com", "bob@example.com", "Bob", ORIGIN))
                .error())
        .isEqualTo(AccountError.WEAK_PASSWORD);
    assertThat(refusal(() -> accounts.signUp("bob@example.com", PASSWORD, " ", ORIGIN)).error())
        .isEqualTo(AccountError.INVALID_NAME);
    var taken = refusal(() -> accounts.signUp("ALICE@example.COM", PASSWORD, "Eve", ORIGIN));
    assertThat(taken.error()).isEqualTo(AccountError.EMAIL_TAKEN);
    assertThat(taken.field()).isEqualTo("email");

    assertThat(count("SELECT count(*) FROM users")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM account_tokens")).isEqualTo(1);
    assertThat(mail.sent).hasSize(1);
  }

  // ---------------------------------------------------------------- verification and login

  @Test
  void loginWaitsForTheVerifiedEmailAndOpensASession() throws Exception {
    var user = signUp("alice@example.com", "Alice");

    assertThat(refusal(() -> accounts.login("alice@example.com", PASSWORD, ORIGIN)).error())
        .isEqualTo(AccountError.EMAIL_NOT_VERIFIED);

    String token = mail.last("verification", "alice@example.com");
    clock.advance(Duration.ofMinutes(5));
    assertThat(await(accounts.verifyEmail(token, ORIGIN)).emailVerified()).isTrue();
    assertThat(refusal(() -> accounts.verifyEmail(token, ORIGIN)).error())
        .isEqualTo(AccountError.INVALID_TOKEN);

    var login = await(accounts.login(" ALICE@example.com ", PASSWORD, ORIGIN));

    assertThat(login.user().id()).isEqualTo(user.id());
    assertThat(login.user().emailVerified()).isTrue();
    assertThat(await(accounts.session(login.session().token())))
        .contains(
            new AccountService.SessionUser(
                new Principal.User(user.id(), "alice@example.com", login.session().id(), false),
                login.session().csrfToken(),
                false));
    clock.advance(Duration.ofMinutes(2));
    assertThat(await(accounts.session(login.session().token())).orElseThrow().renewed())
        .as("used after a minute: the expiry moved, the cookies go out again")
        .isTrue();
    assertThat(await(accounts.session(login.session().token())).orElseThrow().renewed()).isFalse();
    assertThat(auditActions())
        .containsExactly("user.signed_up", "user.email_verified", "login.succeeded");
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailAnswerAlikeAndAreBothAudited() throws Exception {
    verifiedUser("alice@example.com", "Alice");

    var wrong = refusal(() -> accounts.login("alice@example.com", "not the password", ORIGIN));
    var unknown = refusal(() -> accounts.login("nobody@example.com", PASSWORD, ORIGIN));

    assertThat(wrong.error()).isEqualTo(AccountError.INVALID_CREDENTIALS);
    assertThat(unknown.error()).isEqualTo(AccountError.INVALID_CREDENTIALS);
    assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage());
    assertThat(auditActions()).endsWith("login.failed", "login.failed");
    assertThat(count("SELECT count(*) FROM sessions")).isZero();
  }

  @Test
  void aPasswordOf256CharactersOutsideTheBasicPlaneSignsUpAndLogsIn() throws Exception {
    String password = "🔑".repeat(256);
    await(accounts.signUp("keys@example.com", password, "Keys", ORIGIN));
    await(accounts.verifyEmail(mail.last("verification", "keys@example.com"), ORIGIN));

    assertThat(await(accounts.login("keys@example.com", password, ORIGIN)).session()).isNotNull();
    assertThat(refusal(() -> accounts.login("keys@example.com", password + "🔑", ORIGIN)).error())
        .isEqualTo(AccountError.INVALID_CREDENTIALS);
  }

  @Test
  void loginStoresAFreshHashInPlaceOfOneWithOlderParameters() throws Exception {
    var user = verifiedUser("alice@example.com", "Alice");
    String older = new Passwords(new PasswordHashing(2_048, 1, 1, 32)).hash(PASSWORD);
    jdbc.transactionNow(
        connection -> {
          try (var statement =
              connection.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
            statement.setString(1, older);
            statement.setObject(2, user.id());
            return statement.executeUpdate();
          }
        });

    await(accounts.login("alice@example.com", PASSWORD, ORIGIN));

    String stored =
        jdbc.transactionNow(
            connection ->
                new dev.smo1.accounts.user.UserStore()
                    .byId(connection, user.id())
                    .orElseThrow()
                    .passwordHash());
    assertThat(stored).isNotEqualTo(older).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(passwords.verify(PASSWORD, stored)).isTrue();
  }

  @Test
  void aSessionOfAnAdminEmailIsPlatformAdmin() throws Exception {
    verifiedUser("root@example.com", "Root");
    verifiedUser("alice@example.com", "Alice");

    var root = await(accounts.login("root@example.com", PASSWORD, ORIGIN));
    var alice = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));

    assertThat(await(accounts.session(root.session().token())).orElseThrow().principal())
        .extracting(Principal.User::platformAdmin)
        .isEqualTo(true);
    assertThat(await(accounts.session(alice.session().token())).orElseThrow().principal())
        .extracting(Principal.User::platformAdmin)
        .isEqualTo(false);
    assertThat(await(accounts.session("x".repeat(101)))).isEmpty();
    assertThat(await(accounts.session(""))).isEmpty();
  }

  @Test
  void logoutEndsThisSessionAndLogoutEverywhereEveryOne() throws Exception {
    verifiedUser("alice@example.com", "Alice");
    var first = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));
    var second = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));
    var third = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));
    var principal = await(accounts.session(first.session().token())).orElseThrow().principal();

    await(accounts.logout(principal, ORIGIN));
    assertThat(await(accounts.session(first.session().token()))).isEmpty();
    assertThat(await(accounts.session(second.session().token()))).isPresent();

    assertThat(await(accounts.logoutEverywhere(principal, ORIGIN))).isEqualTo(2);
    assertThat(await(accounts.session(second.session().token()))).isEmpty();
    assertThat(await(accounts.session(third.session().token()))).isEmpty();
    assertThat(auditActions()).endsWith("logout", "sessions.revoked");
  }

  // ---------------------------------------------------------------- passwords and email

  @Test
  void aPasswordResetSetsTheNewPasswordRevokesEverySessionAndVerifiesTheEmail() throws Exception {
    signUp("alice@example.com", "Alice");
    await(accounts.requestPasswordReset("nobody@example.com", ORIGIN));
    await(accounts.requestPasswordReset("ALICE@example.com", ORIGIN));
    assertThat(mail.sent).extracting(Sent::kind).containsExactly("verification", "password reset");
    String token = mail.last("password reset", "alice@example.com");

    assertThat(refusal(() -> accounts.confirmPasswordReset(token, "short", ORIGIN)).error())
        .as("a weak password burns nothing")
        .isEqualTo(AccountError.WEAK_PASSWORD);
    var user = await(accounts.confirmPasswordReset(token, "a new passphrase", ORIGIN));

    assertThat(user.emailVerified()).isTrue();
    assertThat(
            refusal(() -> accounts.confirmPasswordReset(token, "another passphrase", ORIGIN))
                .error())
        .isEqualTo(AccountError.INVALID_TOKEN);
    assertThat(refusal(() -> accounts.login("alice@example.com", PASSWORD, ORIGIN)).error())
        .isEqualTo(AccountError.INVALID_CREDENTIALS);
    assertThat(await(accounts.login("alice@example.com", "a new passphrase", ORIGIN))).isNotNull();
  }

  @Test
  void aResetLinkExpiresAfterAnHour() throws Exception {
    verifiedUser("alice@example.com", "Alice");
    await(accounts.requestPasswordReset("alice@example.com", ORIGIN));
    String token = mail.last("password reset", "alice@example.com");

    clock.advance(Duration.ofHours(1));

    assertThat(
            refusal(() -> accounts.confirmPasswordReset(token, "a new passphrase", ORIGIN)).error())
        .isEqualTo(AccountError.INVALID_TOKEN);
  }

  @Test
  void aPasswordResetRevokesOpenSessions() throws Exception {
    verifiedUser("alice@example.com", "Alice");
    var login = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));
    await(accounts.requestPasswordReset("alice@example.com", ORIGIN));

    await(
        accounts.confirmPasswordReset(
            mail.last("password reset", "alice@example.com"), "a new passphrase", ORIGIN));

    assertThat(await(accounts.session(login.session().token()))).isEmpty();
  }

  @Test
  void changePasswordNeedsTheCurrentOneAndKeepsOnlyThisSession() throws Exception {
    verifiedUser("alice@example.com", "Alice");
    var here = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));
    var elsewhere = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));
    var principal = await(accounts.session(here.session().token())).orElseThrow().principal();

    var wrong =
        refusal(() -> accounts.changePassword(principal, "wrong", "a new passphrase", ORIGIN));
    assertThat(wrong.error()).isEqualTo(AccountError.INVALID_CREDENTIALS);
    assertThat(wrong.field()).isEqualTo("currentPassword");
    assertThat(
            refusal(() -> accounts.changePassword(principal, PASSWORD, "password123", ORIGIN))
                .error())
        .isEqualTo(AccountError.WEAK_PASSWORD);

    await(accounts.changePassword(principal, PASSWORD, "a new passphrase", ORIGIN));

    assertThat(await(accounts.session(here.session().token()))).isPresent();
    assertThat(await(accounts.session(elsewhere.session().token()))).isEmpty();
    assertThat(await(accounts.login("alice@example.com", "a new passphrase", ORIGIN))).isNotNull();
  }

  @Test
  void anEmailChangeTakesEffectWhenTheNewAddressIsVerified() throws Exception {
    verifiedUser("alice@example.com", "Alice");
    verifiedUser("bob@example.com", "Bob");
    var login = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));
    var principal = await(accounts.session(login.session().token())).orElseThrow().principal();

    assertThat(
            refusal(() -> accounts.requestEmailChange(principal, "new@example.com", "wrong"))
                .error())
        .isEqualTo(AccountError.INVALID_CREDENTIALS);
    assertThat(
            refusal(() -> accounts.requestEmailChange(principal, "BOB@example.com", PASSWORD))
                .error())
        .isEqualTo(AccountError.EMAIL_TAKEN);
    await(accounts.requestEmailChange(principal, "new@example.com", PASSWORD));
    assertThat(await(accounts.login("alice@example.com", PASSWORD, ORIGIN))).isNotNull();

    var changed = await(accounts.verifyEmail(mail.last("email change", "new@example.com"), ORIGIN));

    assertThat(changed.email()).isEqualTo("new@example.com");
    assertThat(refusal(() -> accounts.login("alice@example.com", PASSWORD, ORIGIN)).error())
        .isEqualTo(AccountError.INVALID_CREDENTIALS);
    assertThat(await(accounts.login("new@example.com", PASSWORD, ORIGIN))).isNotNull();
    assertThat(auditActions()).contains("user.email_changed");
  }

  // ---------------------------------------------------------------- account deletion

  @Test
  void anAccountIsDeletedOnlyOnceNoWorkspaceDependsOnItsOwner() throws Exception {
    var user = verifiedUser("alice@example.com", "Alice");
    var login = await(accounts.login("alice@example.com", PASSWORD, ORIGIN));
    var principal = await(accounts.session(login.session().token())).orElseThrow().principal();
    String personal = workspacesCreatedFor(user.id()).getFirst().workspaceId();
    JournalProjection.catchUp(testKit.system(), dataSource);

    assertThat(refusal(() -> accounts.deleteAccount(principal, "wrong", ORIGIN)).error())
        .isEqualTo(AccountError.INVALID_CREDENTIALS);
    var sole = refusal(() -> accounts.deleteAccount(principal, PASSWORD, ORIGIN));
    assertThat(sole.error()).isEqualTo(AccountError.SOLE_OWNER);
    assertThat(sole.getMessage()).contains(personal);

    await(workspaces.delete(personal, Actor.user(user.id())));
    JournalProjection.catchUp(testKit.system(), dataSource);
    await(accounts.deleteAccount(principal, PASSWORD, ORIGIN));

    assertThat(count("SELECT count(*) FROM users")).isZero();
    assertThat(count("SELECT count(*) FROM sessions")).isZero();
    assertThat(await(accounts.session(login.session().token()))).isEmpty();
    assertThat(auditActions()).endsWith("user.deleted");
  }
}
