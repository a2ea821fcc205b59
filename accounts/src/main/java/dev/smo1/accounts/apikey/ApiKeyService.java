package dev.smo1.accounts.apikey;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.audit.AuditAction;
import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Creating, listing and revoking a workspace's keys. A key never gets a scope its creator lacks; a
 * revocation is effective on every node at once ({@link ApiKeyAuthentication#publishRevoked}).
 */
public final class ApiKeyService {
  static final int MAX_NAME_LENGTH = 100;
  static final Duration MAX_LIFETIME = Duration.ofDays(3650);

  private final Jdbc jdbc;
  private final ApiKeyStore store;
  private final AuditLog audit;
  private final ApiKeyAuthentication authentication;
  private final Clock clock;
  private final dev.smo1.accounts.workspace.PlanQuotas quotas;

  public ApiKeyService(
      Jdbc jdbc, ApiKeyStore store, ApiKeyAuthentication authentication, Clock clock) {
    this(jdbc, store, authentication, clock, dev.smo1.accounts.workspace.PlanQuotas.NONE);
  }

  /** With the plan's limit on keys held ({@code quotas}): 403 {@code quota_exceeded} beyond. */
  public ApiKeyService(
      Jdbc jdbc,
      ApiKeyStore store,
      ApiKeyAuthentication authentication,
      Clock clock,
      dev.smo1.accounts.workspace.PlanQuotas quotas) {
    this.quotas = quotas;
    this.jdbc = jdbc;
    this.store = store;
    this.audit = new AuditLog();
    this.authentication = authentication;
    this.clock = clock;
  }

  public CompletionStage<ApiKeyView> create(
      Access access, String name, Set<Scope> scopes, Instant expiresAt, RequestOrigin origin) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (name == null
        || name.isBlank()
        || name.strip().length() > MAX_NAME_LENGTH
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new AccountException(
          AccountError.INVALID_NAME,
          "name must be 1 to " + MAX_NAME_LENGTH + " characters",
          "name");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new AccountException(AccountError.INVALID_SCOPES, "name at least one scope", "scopes");
    }
    var missing = EnumSet.copyOf(scopes);
    missing.removeAll(access.scopes());
    if (!missing.isEmpty()) {
      throw new AccountException(
          AccountError.INVALID_SCOPES,
          "a key cannot have scopes its creator lacks: "
              + missing.stream().map(Scope::wireName).toList(),
          "scopes");
    }
    if (expiresAt != null
        && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME)))) {
      throw new AccountException(
          AccountError.INVALID_EXPIRY,
          "expiresAt must be in the future, within ten years",
          "expiresAt");
    }
    String key = ApiKeyFormat.generate();
    return quotas
        .of(access.workspaceId())
        .thenCompose(quota -> created(access, name, scopes, expiresAt, origin, now, key, quota));
  }

  private CompletionStage<ApiKeyView> created(
      Access access,
      String name,
      Set<Scope> scopes,
      Instant expiresAt,
      RequestOrigin origin,
      Instant now,
      String key,
      java.util.Optional<dev.smo1.accounts.workspace.QuotaReply.Quota> quota) {
    UUID createdBy = access.principal() instanceof Principal.User user ? user.id() : null;
    return jdbc.transaction(
        connection -> {
          // one key at a time per workspace, so two creates cannot both take the last one
          try (var lock =
              connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "api-keys:" + access.workspaceId());
            lock.execute();
          }
          dev.smo1.accounts.workspace.PlanQuotas.allowOneMore(
              quota,
              access.workspaceId(),
              "api_keys",
              dev.smo1.accounts.workspace.WorkspaceLimits::apiKeys,
              store.list(connection, access.workspaceId()).size());
          var created =
              store.create(
                  connection,
                  key,
                  access.workspaceId(),
                  name.strip(),
                  scopes,
                  expiresAt,
                  createdBy,
                  now);
          audit.record(
              connection,
              now,
              access.workspaceId(),
              actor(access.principal()),
              AuditAction.KEY_CREATED,
              created.id().toString(),
              Map.of(
                  "name",
                  created.name(),
                  "scopes",
                  String.join(" ", created.scopes().stream().map(Scope::wireName).toList())),
              origin);
          return created;
        });
  }

  public CompletionStage<List<ApiKeyView>> list(String workspaceId) {
    return jdbc.transaction(connection -> store.list(connection, workspaceId));
  }

  /** Revokes a key of the workspace; {@code not_found} for any other id. */
  public CompletionStage<Void> revoke(Access access, UUID id, RequestOrigin origin) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return jdbc.transaction(
            connection -> {
              var hash =
                  store
                      .revoke(connection, access.workspaceId(), id, now)
                      .orElseThrow(
                          () -> new AccountException(AccountError.NOT_FOUND, "no such API key"));
              audit.record(
                  connection,
                  now,
                  access.workspaceId(),
                  actor(access.principal()),
                  AuditAction.KEY_REVOKED,
                  id.toString(),
                  Map.of(),
                  origin);
              return hash;
            })
        .thenAccept(authentication::publishRevoked);
  }

  /** Revokes every key of a workspace being deleted. */
  public CompletionStage<Void> revokeAll(String workspaceId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return jdbc.transaction(connection -> store.revokeAll(connection, workspaceId, now))
        .thenAccept(hashes -> hashes.forEach(authentication::publishRevoked));
  }

  public static AuditLog.Actor actor(Principal principal) {
    return new AuditLog.Actor(principal.actorKind(), principal.actorId());
  }
}
