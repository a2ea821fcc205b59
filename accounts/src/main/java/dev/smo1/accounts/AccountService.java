package dev.smo1.accounts;

import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.audit.AuditAction;
import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.accounts.session.SessionStore;
import dev.smo1.accounts.token.AccountTokens;
import dev.smo1.accounts.token.AccountTokens.Purpose;
import dev.smo1.accounts.user.PasswordRules;
import dev.smo1.accounts.user.Passwords;
import dev.smo1.accounts.user.User;
import dev.smo1.accounts.user.UserStore;
import dev.smo1.accounts.workspace.Slugs;
import dev.smo1.accounts.workspace.WorkspaceEntity;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.accounts.workspace.WorkspaceSummary;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People: sign-up (with a personal workspace), email verification, login and sessions, password
 * reset and change, email change, account deletion. Password hashing runs on the blocking executor
 * (Argon2id takes tens of milliseconds by design). Every security-relevant change writes its audit
 * entry in the same transaction.
 */
public final class AccountService {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);
  static final int MAX_NAME_LENGTH = 100;

  /** A successful login: the user and the new session (its cookie values go out once). */
  public record Login(User user, SessionStore.Opened session) {}

  /**
   * The signed-in user of a session cookie, with the session's CSRF token; {@code renewed} when
   * this request moved the session's expiry forward (the cookies go out again with the new one).
   */
  public record SessionUser(Principal.User principal, String csrfToken, boolean renewed) {}

  /** The profile {@code GET /me} answers. */
  public record Me(User user, List<WorkspaceSummary> workspaces) {}

  private final Jdbc jdbc;
  private final UserStore users;
  private final AccountTokens tokens;
  private final SessionStore sessions;
  private final AuditLog audit;
  private final Passwords passwords;
  private final PasswordRules rules;
  private final WorkspaceService workspaces;
  private final AccountMail mail;
  private final Clock clock;
  private final Set<String> adminEmails;

  public AccountService(
      Jdbc jdbc,
      Passwords passwords,
      WorkspaceService workspaces,
      AccountMail mail,
      Clock clock,
      Set<String> adminEmails) {
    this.jdbc = jdbc;
    this.users = new UserStore();
    this.tokens = new AccountTokens();
    this.sessions = new SessionStore();
    this.audit = new AuditLog();
    this.passwords = passwords;
    this.rules = new PasswordRules();
    this.workspaces = workspaces;
    this.mail = mail;
    this.clock = clock;
    this.adminEmails =
        adminEmails.stream().map(Emails::normalized).collect(Collectors.toUnmodifiableSet());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Creates an unverified user and a personal workspace they own, and emails a verification link.
   * Everything is checked before anything is stored.
   */
  public CompletionStage<User> signUp(
      String email, String password, String name, RequestOrigin origin) {
    String address = Emails.check(email);
    String displayName = checkName(name);
    rules.check(password, address);
    return jdbc.transaction(
            connection -> {
              if (users.emailTaken(connection, address)) {
                throw new AccountException(
                    AccountError.EMAIL_TAKEN, "an account with this email exists", "email");
              }
              String hash = passwords.hash(password);
              var now = now();
              var user = users.insert(connection, address, displayName, hash, now);
              var token =
                  tokens.issue(
                      connection, Purpose.VERIFY_EMAIL, user.id(), address, null, null, now);
              audit.record(
                  connection,
                  now,
                  null,
                  userActor(user.id()),
                  AuditAction.SIGNED_UP,
                  user.id().toString(),
                  Map.of(),
                  origin);
              return new Object[] {user, token.token()};
            })
        .thenCompose(
            created -> {
              var user = (User) created[0];
              send(
                  "verification",
                  mail.verification(user.email(), user.name(), (String) created[1]));
              return createPersonalWorkspace(user, 1).thenApply(ignored -> user);
            });
  }

  /**
   * The personal workspace; a taken slug (rare: a random suffix) is retried with another. Nothing
   * else is retried: after a timed-out ask the workspace may exist, and a retry would make two.
   */
  private CompletionStage<Void> createPersonalWorkspace(User user, int attempt) {
    String base =
        user.name().isBlank() ? user.email().substring(0, user.email().indexOf('@')) : user.name();
    String slug = Slugs.personal(base, Secrets.base62(6));
    return workspaces
        .create(slug, personalWorkspaceName(user.name()), user.id())
        .handle(
            (view, error) -> {
              if (error == null) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              Throwable cause =
                  error instanceof java.util.concurrent.CompletionException
                          && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (attempt < 3
                  && cause instanceof AccountException refused
                  && refused.error() == AccountError.SLUG_TAKEN) {
                return createPersonalWorkspace(user, attempt + 1);
              }
              log.error(
                  "personal workspace not created user={} error={}", user.id(), error.toString());
              return CompletableFuture.<Void>completedFuture(null);
            })
        .thenCompose(stage -> stage);
  }

  /**
   * "Alice's workspace": the user's name, cut (never inside a character) so that the whole fits a
   * workspace name, which is as long as a user's name may be.
   */
  static String personalWorkspaceName(String name) {
    String suffix = "'s workspace";
    int room = WorkspaceEntity.MAX_NAME_LENGTH - suffix.length();
    if (name.length() <= room) {
      return name + suffix;
    }
    int cut = Character.isHighSurrogate(name.charAt(room - 1)) ? room - 1 : room;
    return name.substring(0, cut).strip() + suffix;
  }

  /** Verifies the address a token was sent to (a sign-up's, or a changed one's). */
  public CompletionStage<User> verifyEmail(String token, RequestOrigin origin) {
    return jdbc.transaction(
        connection -> {
          var now = now();
          var used =
              tokens
                  .use(connection, Purpose.VERIFY_EMAIL, token, now)
                  .orElseThrow(AccountService::invalidToken);
          var current =
              users.byId(connection, used.userId()).orElseThrow(AccountService::invalidToken);
          boolean change = !current.user().email().equalsIgnoreCase(used.email());
          if (change) {
            users.changeEmail(connection, used.userId(), used.email(), now);
          } else {
            users.markVerified(connection, used.userId(), now);
          }
          audit.record(
              connection,
              now,
              null,
              userActor(used.userId()),
              change ? AuditAction.EMAIL_CHANGED : AuditAction.EMAIL_VERIFIED,
              used.userId().toString(),
              Map.of(),
              origin);
          return users.byId(connection, used.userId()).orElseThrow().user();
        });
  }

  /** Sends a fresh verification link to an unverified account; silent for any other email. */
  public CompletionStage<Void> resendVerification(String email) {
    return jdbc.transaction(
            connection -> {
              var found = users.byEmail(connection, email == null ? "" : email.strip());
              if (found.isEmpty() || found.get().user().emailVerified()) {
                return Optional.<Object[]>empty();
              }
              var user = found.get().user();
              var now = now();
              tokens.voidAll(connection, Purpose.VERIFY_EMAIL, user.id(), now);
              var issued =
                  tokens.issue(
                      connection, Purpose.VERIFY_EMAIL, user.id(), user.email(), null, null, now);
              return Optional.of(new Object[] {user, issued.token()});
            })
        .thenAccept(
            pending ->
                pending.ifPresent(
                    values -> {
                      var user = (User) values[0];
                      send(
                          "verification",
                          mail.verification(user.email(), user.name(), (String) values[1]));
                    }));
  }

  /**
   * Checks the password and opens a new session (a fresh id: a session id planted before login is
   * never promoted). Unknown email and wrong password answer alike and cost the same Argon2 time.
   */
  public CompletionStage<Login> login(String email, String password, RequestOrigin origin) {
    if (email == null
        || password == null
        || password.codePointCount(0, password.length()) > PasswordRules.MAX_LENGTH) {
      return CompletableFuture.failedFuture(invalidCredentials());
    }
    return jdbc.transaction(
        connection -> {
          var found = users.byEmail(connection, email.strip());
          var now = now();
          if (found.isEmpty()) {
            passwords.verifyNobody(password);
            audit.record(
                connection,
                now,
                null,
                AuditLog.Actor.ANONYMOUS,
                AuditAction.LOGIN_FAILED,
                null,
                Map.of("reason", "unknown_email"),
                origin);
            connection.commit();
            throw invalidCredentials();
          }
          var credentials = found.get();
          var user = credentials.user();
          if (!passwords.verify(password, credentials.passwordHash())) {
            audit.record(
                connection,
                now,
                null,
                userActor(user.id()),
                AuditAction.LOGIN_FAILED,
                user.id().toString(),
                Map.of("reason", "wrong_password"),
                origin);
            connection.commit();
            throw invalidCredentials();
          }
          if (!user.emailVerified()) {
            throw new AccountException(
                AccountError.EMAIL_NOT_VERIFIED,
                "verify your email first: follow the link we sent, or ask for a new one");
          }
          if (passwords.needsRehash(credentials.passwordHash())) {
            users.rehash(connection, user.id(), passwords.hash(password));
          }
          var opened =
              sessions.open(connection, user.id(), origin.ipPrefix(), origin.userAgent(), now);
          audit.record(
              connection,
              now,
              null,
              userActor(user.id()),
              AuditAction.LOGIN_SUCCEEDED,
              user.id().toString(),
              Map.of("session", opened.id().toString()),
              origin);
          return new Login(user, opened);
        });
  }

  /** The signed-in user of a session cookie value; empty when unknown, revoked or expired. */
  public CompletionStage<Optional<SessionUser>> session(String token) {
    if (!Secrets.isToken(token)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return jdbc.transaction(
        connection -> {
          var now = now();
          var session = sessions.find(connection, token, now);
          if (session.isEmpty()) {
            return Optional.<SessionUser>empty();
          }
          var user = users.byId(connection, session.get().userId());
          if (user.isEmpty()) {
            return Optional.<SessionUser>empty();
          }
          boolean renewed =
              session.get().lastSeenAt().isBefore(now.minus(SessionStore.TOUCH_INTERVAL));
          if (renewed) {
            sessions.touch(connection, session.get().id(), now);
          }
          String email = user.get().user().email();
          return Optional.of(
              new SessionUser(
                  new Principal.User(
                      user.get().user().id(),
                      email,
                      session.get().id(),
                      adminEmails.contains(Emails.normalized(email))),
                  session.get().csrfToken(),
                  renewed));
        });
  }

  public CompletionStage<Void> logout(Principal.User user, RequestOrigin origin) {
    return jdbc.transaction(
        connection -> {
          var now = now();
          if (sessions.revoke(connection, user.sessionId(), now)) {
            audit.record(
                connection,
                now,
                null,
                userActor(user.id()),
                AuditAction.LOGOUT,
                user.sessionId().toString(),
                Map.of(),
                origin);
          }
          return null;
        });
  }

  /** Revokes every session of the user, this one too ("log out everywhere"). */
  public CompletionStage<Integer> logoutEverywhere(Principal.User user, RequestOrigin origin) {
    return jdbc.transaction(
        connection -> {
          var now = now();
          var revoked = sessions.revokeAll(connection, user.id(), null, now);
          audit.record(
              connection,
              now,
              null,
              userActor(user.id()),
              AuditAction.SESSIONS_REVOKED,
              user.id().toString(),
              Map.of("count", String.valueOf(revoked.size())),
              origin);
          return revoked.size();
        });
  }

  /** Emails a reset link if there is such an account; answers the same either way. */
  public CompletionStage<Void> requestPasswordReset(String email, RequestOrigin origin) {
    if (email == null || email.length() > 254) {
      return CompletableFuture.completedFuture(null);
    }
    return jdbc.transaction(
            connection -> {
              var found = users.byEmail(connection, email.strip());
              if (found.isEmpty()) {
                return Optional.<Object[]>empty();
              }
              var user = found.get().user();
              var now = now();
              tokens.voidAll(connection, Purpose.PASSWORD_RESET, user.id(), now);
              var issued =
                  tokens.issue(
                      connection, Purpose.PASSWORD_RESET, user.id(), user.email(), null, null, now);
              return Optional.of(new Object[] {user, issued.token()});
            })
        .thenAccept(
            pending ->
                pending.ifPresent(
                    values -> {
                      var user = (User) values[0];
                      send(
                          "password reset",
                          mail.passwordReset(user.email(), user.name(), (String) values[1]));
                    }));
  }

  /**
   * Sets a new password from a reset token and revokes every session. Following the emailed link
   * also proves the address, so an unverified account becomes verified.
   */
  public CompletionStage<User> confirmPasswordReset(
      String token, String password, RequestOrigin origin) {
    return jdbc.transaction(
        connection -> {
          var now = now();
          var used =
              tokens
                  .use(connection, Purpose.PASSWORD_RESET, token, now)
                  .orElseThrow(AccountService::invalidToken);
          var user =
              users
                  .byId(connection, used.userId())
                  .orElseThrow(AccountService::invalidToken)
                  .user();
          rules.check(password, user.email());
          users.setPassword(connection, user.id(), passwords.hash(password), now);
          users.markVerified(connection, user.id(), now);
          sessions.revokeAll(connection, user.id(), null, now);
          audit.record(
              connection,
              now,
              null,
              userActor(user.id()),
              AuditAction.PASSWORD_RESET,
              user.id().toString(),
              Map.of(),
              origin);
          return users.byId(connection, user.id()).orElseThrow().user();
        });
  }

  /** Changes the password (the current one is required) and revokes every other session. */
  public CompletionStage<Void> changePassword(
      Principal.User principal, String current, String password, RequestOrigin origin) {
    return jdbc.transaction(
        connection -> {
          var now = now();
          var credentials =
              provenBy(
                  connection,
                  principal,
                  current,
                  "the current password is wrong",
                  "currentPassword");
          rules.check(password, credentials.user().email());
          users.setPassword(connection, principal.id(), passwords.hash(password), now);
          int revoked =
              sessions.revokeAll(connection, principal.id(), principal.sessionId(), now).size();
          audit.record(
              connection,
              now,
              null,
              userActor(principal.id()),
              AuditAction.PASSWORD_CHANGED,
              principal.id().toString(),
              Map.of("sessionsRevoked", String.valueOf(revoked)),
              origin);
          return null;
        });
  }

  /**
   * Starts an email change: the password is required, and the new address gets a verification link;
   * the account's email changes only when that link is followed.
   */
  public CompletionStage<Void> requestEmailChange(
      Principal.User principal, String newEmail, String password) {
    String address = Emails.check(newEmail);
    return jdbc.transaction(
            connection -> {
              var credentials =
                  provenBy(connection, principal, password, "the password is wrong", "password");
              if (users.emailTaken(connection, address)) {
                throw new AccountException(
                    AccountError.EMAIL_TAKEN, "an account with this email exists", "email");
              }
              var now = now();
              var issued =
                  tokens.issue(
                      connection, Purpose.VERIFY_EMAIL, principal.id(), address, null, null, now);
              return new Object[] {credentials.user(), issued.token()};
            })
        .thenAccept(
            values -> {
              var user = (User) values[0];
              send("email change", mail.emailChange(address, user.name(), (String) values[1]));
            });
  }

  /**
   * Deletes the account: refused while the user is the only owner of a workspace (transfer or
   * delete it first). Sessions and tokens go with the user; memberships are removed.
   */
  public CompletionStage<Void> deleteAccount(
      Principal.User principal, String password, RequestOrigin origin) {
    return jdbc.transaction(
            connection -> {
              provenBy(connection, principal, password, "the password is wrong", "password");
              var sole = workspaces.soleOwnerships(connection, principal.id());
              if (!sole.isEmpty()) {
                throw new AccountException(
                    AccountError.SOLE_OWNER,
                    "you are the only owner of "
                        + String.join(", ", sole)
                        + ": make someone else owner or delete the workspace first");
              }
              return null;
            })
        .thenCompose(ignored -> workspaces.workspacesOf(principal.id()))
        .thenCompose(
            memberships -> {
              CompletableFuture<?> removed = CompletableFuture.completedFuture(null);
              for (var membership : memberships) {
                removed =
                    removed.thenCompose(
                        previous ->
                            workspaces.removeMember(
                                membership.slug(),
                                principal.id(),
                                dev.smo1.accounts.workspace.WorkspaceCommand.Actor.user(
                                    principal.id())));
              }
              return removed;
            })
        .thenCompose(
            ignored ->
                jdbc.transaction(
                    connection -> {
                      var now = now();
                      users.delete(connection, principal.id());
                      audit.record(
                          connection,
                          now,
                          null,
                          userActor(principal.id()),
                          AuditAction.ACCOUNT_DELETED,
                          principal.id().toString(),
                          Map.of(),
                          origin);
                      return null;
                    }));
  }

  public CompletionStage<Me> me(UUID userId) {
    return jdbc.transaction(connection -> users.byId(connection, userId))
        .thenCompose(
            found -> {
              var user =
                  found.orElseThrow(
                      () -> new AccountException(AccountError.NOT_FOUND, "no such user"));
              return workspaces.workspacesOf(userId).thenApply(list -> new Me(user.user(), list));
            });
  }

  /** Users by id, for member lists (a deleted user is left out). */
  public CompletionStage<Map<UUID, User>> usersById(java.util.Collection<UUID> ids) {
    return jdbc.transaction(
        connection -> {
          var found = new java.util.LinkedHashMap<UUID, User>();
          for (UUID id : ids) {
            users.byId(connection, id).ifPresent(credentials -> found.put(id, credentials.user()));
          }
          return found;
        });
  }

  public CompletionStage<Optional<User>> userByEmail(String email) {
    return jdbc.transaction(
        connection -> users.byEmail(connection, email).map(UserStore.Credentials::user));
  }

  public boolean platformAdmin(String email) {
    return adminEmails.contains(email.toLowerCase(Locale.ROOT));
  }

  /**
   * The signed-in user's row, once they proved their password again (changing the password or the
   * email, deleting the account); else {@code invalid_credentials} naming {@code field}.
   */
  private UserStore.Credentials provenBy(
      Connection connection,
      Principal.User principal,
      String password,
      String message,
      String field)
      throws SQLException {
    var credentials =
        users.byId(connection, principal.id()).orElseThrow(AccountService::invalidCredentials);
    if (password == null || !passwords.verify(password, credentials.passwordHash())) {
      throw new AccountException(AccountError.INVALID_CREDENTIALS, message, field);
    }
    return credentials;
  }

  static AuditLog.Actor userActor(UUID id) {
    return new AuditLog.Actor("user", id.toString());
  }

  private static String checkName(String name) {
    if (name == null
        || name.isBlank()
        || name.strip().length() > MAX_NAME_LENGTH
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new AccountException(
          AccountError.INVALID_NAME,
          "name must be 1 to " + MAX_NAME_LENGTH + " characters",
          "name");
    }
    return name.strip();
  }

  private static AccountException invalidToken() {
    return new AccountException(
        AccountError.INVALID_TOKEN,
        "the link is unknown, used or expired; ask for a new one",
        "token");
  }

  static AccountException invalidCredentials() {
    return new AccountException(AccountError.INVALID_CREDENTIALS, "email or password is wrong");
  }

  private static void send(String what, CompletionStage<Void> sending) {
    sending.exceptionally(
        error -> {
          log.warn("account email not sent kind={} error={}", what, error.toString());
          return null;
        });
  }
}
