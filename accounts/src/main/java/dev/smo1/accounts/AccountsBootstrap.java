package dev.smo1.accounts;

import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.apikey.ApiKeyFormat;
import dev.smo1.accounts.apikey.ApiKeyStore;
import dev.smo1.accounts.user.Passwords;
import dev.smo1.accounts.user.UserStore;
import dev.smo1.accounts.workspace.WorkspaceService;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up work of the accounts module, once the cluster is up:
 *
 * <ol>
 *   <li>owners of API keys from before workspaces become workspaces (the entity adopts each; the
 *       pending list is {@code workspace_adoptions});
 *   <li>on the first start (no users yet) with a bootstrap key or key generation on: an admin user
 *       (verified, a random one-time password) owning the bootstrap workspace (the bootstrap key's
 *       own when it exists already, else {@code bootstrap.workspace}, created) and every adopted
 *       workspace, so that data from before workspaces has someone to manage it;
 *   <li>the bootstrap key registered in the bootstrap workspace with every scope.
 * </ol>
 */
public final class AccountsBootstrap {
  private static final Logger log = LoggerFactory.getLogger(AccountsBootstrap.class);
  private static final long BOOTSTRAP_LOCK = 0x534D_4F31_424F_4F54L; // "SMO1BOOT"
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** What the first start created, to show once: the admin's password and a generated key. */
  public record Created(
      Optional<UUID> adminId,
      Optional<String> adminEmail,
      Optional<String> adminPassword,
      Optional<String> generatedKey,
      String workspace) {}

  private final Jdbc jdbc;
  private final WorkspaceService workspaces;
  private final Passwords passwords;
  private final AccountSettings settings;
  private final Clock clock;

  public AccountsBootstrap(
      Jdbc jdbc,
      WorkspaceService workspaces,
      Passwords passwords,
      AccountSettings settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.workspaces = workspaces;
    this.passwords = passwords;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The database part, blocking (start-up only; several nodes starting together do it once): the
   * admin user on the first start, the bootstrap or a generated key. Needs no cluster.
   */
  public Created prepare() {
    if (settings.bootstrapApiKey().isEmpty() && !settings.generateFirstKey()) {
      return new Created(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          settings.bootstrapWorkspace());
    }
    return jdbc.transactionNow(
        connection -> {
          try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, BOOTSTRAP_LOCK);
            lock.execute();
          }
          var users = new UserStore();
          var keys = new ApiKeyStore();
          Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          Optional<String> key = settings.bootstrapApiKey();
          String workspace = settings.bootstrapWorkspace();
          if (key.isPresent()) {
            var existing = keys.find(connection, Secrets.sha256(key.get()));
            if (existing.isPresent()) {
              workspace = existing.get().workspaceId();
            }
          }
          Optional<String> password = Optional.empty();
          Optional<String> email = Optional.empty();
          UUID admin = null;
          var found = users.byEmail(connection, settings.bootstrapAdminEmail());
          if (found.isPresent()) {
            admin = found.get().user().id();
          } else if (users.count(connection) == 0) {
            String generated = Secrets.base62(20);
            var user =
                users.insert(
                    connection,
                    settings.bootstrapAdminEmail(),
                    "Admin",
                    passwords.hash(generated),
                    now);
            users.markVerified(connection, user.id(), now);
            admin = user.id();
            password = Optional.of(generated);
            email = Optional.of(user.email());
          }
          Optional<String> generatedKey = Optional.empty();
          if (key.isPresent()) {
            keys.create(
                connection,
                key.get(),
                workspace,
                "bootstrap key",
                EnumSet.allOf(Scope.class),
                null,
                admin,
                now);
          } else if (settings.generateFirstKey() && keyCount(connection) == 0) {
            String fresh = ApiKeyFormat.generate();
            keys.create(
                connection,
                fresh,
                workspace,
                "first key",
                EnumSet.allOf(Scope.class),
                null,
                admin,
                now);
            generatedKey = Optional.of(fresh);
          }
          return new Created(Optional.ofNullable(admin), email, password, generatedKey, workspace);
        });
  }

  /**
   * The cluster part, once the node has joined (the workspace entities answer only then): owners
   * from before workspaces adopted, the bootstrap workspace created and owned by the admin with
   * every adopted workspace. Blocking; call it off the start-up path. What fails is retried at the
   * next start (the adoption list keeps its rows until done).
   */
  public void settle(Created created) {
    List<String> adopted = adoptOwners();
    created.adminId().ifPresent(admin -> ensureOwned(created.workspace(), admin, adopted));
    // only now: an owner whose workspace is adopted but not yet claimed stays pending
    forget(adopted);
  }

  /** The bootstrap workspace exists and the admin owns it and every workspace just adopted. */
  private void ensureOwned(String workspace, UUID admin, List<String> adopted) {
    // the bootstrap workspace may be one of the adopted ones: claimed once
    var wanted = new java.util.LinkedHashSet<String>(adopted);
    try {
      await(workspaces.create(workspace, workspace, admin).thenApply(view -> null));
    } catch (AccountException taken) {
      if (taken.error() != AccountError.SLUG_TAKEN && taken.error() != AccountError.INVALID_SLUG) {
        throw taken;
      }
      if (taken.error() == AccountError.INVALID_SLUG) {
        // a slug from before workspaces: adopt it, then claim it below
        await(workspaces.adopt(workspace).thenApply(view -> null));
      }
      wanted.add(workspace);
    }
    for (String id : wanted) {
      try {
        await(workspaces.claim(id, admin).thenApply(view -> null));
      } catch (AccountException alreadyOwned) {
        // every start but the first: the admin (or someone since) owns it already
        log.debug("workspace {} has members already: not claimed by the bootstrap admin", id);
      }
    }
  }

  /**
   * Each pending owner from before workspaces becomes a workspace (idempotent); answers those
   * adopted now, still pending until {@link #forget}.
   */
  List<String> adoptOwners() {
    List<String> pending =
        jdbc.transactionNow(
            connection -> {
              var ids = new ArrayList<String>();
              try (var statement =
                      connection.prepareStatement("SELECT workspace_id FROM workspace_adoptions");
                  var rows = statement.executeQuery()) {
                while (rows.next()) {
                  ids.add(rows.getString(1));
                }
              }
              return ids;
            });
    for (String id : pending) {
      await(workspaces.adopt(id).thenApply(view -> null));
      log.info("owner from before workspaces adopted as workspace id={}", id);
    }
    return pending;
  }

  /** Owners adopted and, with a bootstrap admin, claimed: no longer pending. */
  private void forget(List<String> adopted) {
    for (String id : adopted) {
      jdbc.transactionNow(
          connection -> {
            try (var statement =
                connection.prepareStatement(
                    "DELETE FROM workspace_adoptions WHERE workspace_id = ?")) {
              statement.setString(1, id);
              statement.executeUpdate();
            }
            return null;
          });
    }
  }

  private static long keyCount(java.sql.Connection connection) throws SQLException {
    try (var statement = connection.prepareStatement("SELECT count(*) FROM api_keys");
        var rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void await(java.util.concurrent.CompletionStage<Void> stage) {
    try {
      stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof AccountException refused) {
        throw refused;
      }
      throw new IllegalStateException("workspace start-up work failed", e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("workspace start-up work timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
