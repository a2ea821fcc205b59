package dev.smo1.accounts.domains;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.apikey.ApiKeyService;
import dev.smo1.accounts.audit.AuditAction;
import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.link.TargetUrls;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workspace's custom domains (decision 0028): added with a token for a DNS TXT record (shown
 * once, kept as its SHA-256), verified when DNS shows the token and the domain points at SMO1,
 * checked again in the background ({@link #checkDue}, on every node, each domain by one), settings
 * for its visitors, removed for good (its links answer 410; a domain ever verified is never given
 * to another workspace). Callers check the caller's scope; this checks everything else.
 */
public final class DomainService {
  private static final Logger log = LoggerFactory.getLogger(DomainService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How long a claimed check may take before another node may take the domain again. */
  static final Duration CHECK_LEASE = Duration.ofMinutes(2);

  private final Jdbc jdbc;
  private final DomainStore store = new DomainStore();
  private final AuditLog audit = new AuditLog();
  private final DomainChecks checks;
  private final DomainRules rules;
  private final Clock clock;

  public DomainService(Jdbc jdbc, DomainChecks checks, DomainRules rules, Clock clock) {
    this(jdbc, checks, rules, clock, () -> CompletableFuture.completedFuture(null));
  }

  /**
   * {@code changed} runs after every change of domains this service made (the directory's refresh:
   * answers complete after it).
   */
  public DomainService(
      Jdbc jdbc,
      DomainChecks checks,
      DomainRules rules,
      Clock clock,
      java.util.function.Supplier<CompletionStage<?>> changed) {
    this(jdbc, checks, rules, clock, changed, (workspace, domain) -> {});
  }

  /**
   * @param removed told of each domain removed once it is (its workspace, its name): disables the
   *     domain's links, in the background
   */
  public DomainService(
      Jdbc jdbc,
      DomainChecks checks,
      DomainRules rules,
      Clock clock,
      java.util.function.Supplier<CompletionStage<?>> changed,
      java.util.function.BiConsumer<String, String> removed) {
    this(jdbc, checks, rules, clock, changed, removed, dev.smo1.accounts.workspace.PlanQuotas.NONE);
  }

  /** With the plan's limit on domains held ({@code quotas}): 403 {@code quota_exceeded} beyond. */
  public DomainService(
      Jdbc jdbc,
      DomainChecks checks,
      DomainRules rules,
      Clock clock,
      java.util.function.Supplier<CompletionStage<?>> changed,
      java.util.function.BiConsumer<String, String> removed,
      dev.smo1.accounts.workspace.PlanQuotas quotas) {
    this.quotas = quotas;
    this.removed = removed;
    this.jdbc = jdbc;
    this.checks = checks;
    this.rules = rules;
    this.clock = clock;
    this.changed = changed;
  }

  private final java.util.function.Supplier<CompletionStage<?>> changed;
  private final dev.smo1.accounts.workspace.PlanQuotas quotas;
  private final java.util.function.BiConsumer<String, String> removed;

  private <T> CompletionStage<T> changing(CompletionStage<T> change) {
    return change.thenCompose(result -> changed.get().handle((ignored, error) -> result));
  }

  /** Adds {@code raw} to the workspace, pending; the answer alone shows the TXT record's token. */
  public CompletionStage<DomainView> add(Access access, String raw, RequestOrigin origin) {
    String domain =
        DomainNames.normalise(raw, rules.ownDomains())
            .orElseThrow(
                () ->
                    new AccountException(
                        AccountError.INVALID_DOMAIN,
                        "domain must be a public host name (like links.example.com), not one of"
                            + " SMO1's own",
                        "domain"));
    Instant now = now();
    String token = token();
    return changing(
        quotas
            .of(access.workspaceId())
            .thenCompose(quota -> addedOnceListed(access, domain, origin, now, token, quota, 1)));
  }

  /** How often an add waits for a workspace created a moment ago to reach the read model. */
  static final int LISTING_ATTEMPTS = 10;

  /**
   * {@link #added}, tried again while the workspace is not in the workspaces read model yet (a
   * workspace created a moment ago: the domain's row refers to it, and the projection follows the
   * entity within about a second).
   */
  private CompletionStage<DomainView> addedOnceListed(
      Access access,
      String domain,
      RequestOrigin origin,
      Instant now,
      String token,
      java.util.Optional<dev.smo1.accounts.workspace.QuotaReply.Quota> quota,
      int attempt) {
    return added(access, domain, origin, now, token, quota)
        .exceptionallyCompose(
            error -> {
              if (attempt < LISTING_ATTEMPTS && workspaceNotListed(error)) {
                return CompletableFuture.supplyAsync(
                        () -> null,
                        CompletableFuture.delayedExecutor(
                            200, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .thenCompose(
                        ignored ->
                            addedOnceListed(
                                access, domain, origin, now, token, quota, attempt + 1));
              }
              return CompletableFuture.failedFuture(error);
            });
  }

  /** A foreign key violation: the domain's workspace is not in the read model (yet). */
  private static boolean workspaceNotListed(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private CompletionStage<DomainView> added(
      Access access,
      String domain,
      RequestOrigin origin,
      Instant now,
      String token,
      java.util.Optional<dev.smo1.accounts.workspace.QuotaReply.Quota> quota) {
    return jdbc.transaction(
        connection -> {
          // one add at a time per workspace, so two adds cannot both take the last one
          try (var lock =
              connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "custom-domains:" + access.workspaceId());
            lock.execute();
          }
          if (store.heldElsewhere(connection, access.workspaceId(), domain)) {
            throw new AccountException(
                AccountError.DOMAIN_TAKEN, "another workspace holds " + domain, "domain");
          }
          Optional<DomainStore.Row> existing = store.find(connection, access.workspaceId(), domain);
          if (existing.isPresent() && existing.get().removedAt() == null) {
            throw new AccountException(
                AccountError.DOMAIN_EXISTS, "this workspace has " + domain + " already", "domain");
          }
          int held = store.count(connection, access.workspaceId());
          if (held >= rules.maxPerWorkspace()) {
            throw new AccountException(
                AccountError.LIMIT_REACHED,
                "a workspace may have at most " + rules.maxPerWorkspace() + " custom domains");
          }
          dev.smo1.accounts.workspace.PlanQuotas.allowOneMore(
              quota,
              access.workspaceId(),
              "custom_domains",
              dev.smo1.accounts.workspace.WorkspaceLimits::customDomains,
              held);
          Instant firstCheck = now.plus(rules.firstRetry());
          if (existing.isPresent()) {
            store.revive(
                connection,
                access.workspaceId(),
                domain,
                DomainChecks.sha256(token),
                now,
                firstCheck);
          } else {
            store.insert(
                connection,
                access.workspaceId(),
                domain,
                DomainChecks.sha256(token),
                now,
                firstCheck);
          }
          audited(connection, access, AuditAction.DOMAIN_ADDED, domain, Map.of(), origin, now);
          return view(store.find(connection, access.workspaceId(), domain).orElseThrow())
              .withToken(token);
        });
  }

  /**
   * How many custom domains {@code workspaceId} holds (not removed), in the caller's transaction.
   */
  public static int held(java.sql.Connection connection, String workspaceId)
      throws java.sql.SQLException {
    return new DomainStore().count(connection, workspaceId);
  }

  public CompletionStage<List<DomainView>> list(String workspaceId) {
    return jdbc.transaction(
        connection -> store.list(connection, workspaceId).stream().map(this::view).toList());
  }

  public CompletionStage<DomainView> get(String workspaceId, String domain) {
    return jdbc.transaction(connection -> view(current(connection, workspaceId, domain)));
  }

  /** Checks the domain's DNS now and records what was found. */
  public CompletionStage<DomainView> verify(Access access, String domain, RequestOrigin origin) {
    return changing(
            jdbc.transaction(connection -> current(connection, access.workspaceId(), domain))
                .thenCompose(row -> checkAndRecord(row, Optional.of(access), origin)))
        .thenCompose(ignored -> get(access.workspaceId(), domain));
  }

  /** A new token for the TXT record (the old one stops proving the domain at its next check). */
  public CompletionStage<DomainView> renewChallenge(
      Access access, String domain, RequestOrigin origin) {
    Instant now = now();
    String token = token();
    return jdbc.transaction(
        connection -> {
          current(connection, access.workspaceId(), domain);
          store.renewChallenge(
              connection,
              access.workspaceId(),
              domain,
              DomainChecks.sha256(token),
              now.plus(rules.firstRetry()));
          audited(
              connection,
              access,
              AuditAction.DOMAIN_CHALLENGE_RENEWED,
              domain,
              Map.of(),
              origin,
              now);
          return view(current(connection, access.workspaceId(), domain)).withToken(token);
        });
  }

  /**
   * Sets where the domain's visitors go; each URL as a link target is checked (absolute http(s),
   * not on SMO1's domains nor on this one). Null clears one.
   */
  public CompletionStage<DomainView> updateSettings(
      Access access, String domain, DomainView.Settings wanted, RequestOrigin origin) {
    Set<String> loops = new HashSet<>(rules.ownDomains());
    loops.add(domain);
    var settings =
        new DomainView.Settings(
            url(wanted.rootUrl(), "rootUrl", loops),
            url(wanted.notFoundUrl(), "notFoundUrl", loops),
            url(wanted.expiredUrl(), "expiredUrl", loops));
    Instant now = now();
    return changing(
        jdbc.transaction(
            connection -> {
              current(connection, access.workspaceId(), domain);
              store.updateSettings(connection, access.workspaceId(), domain, settings);
              audited(
                  connection, access, AuditAction.DOMAIN_UPDATED, domain, Map.of(), origin, now);
              return view(current(connection, access.workspaceId(), domain));
            }));
  }

  /**
   * Removes the domain: its links answer 410 from now on; it is never given to another workspace.
   */
  public CompletionStage<Void> remove(Access access, String domain, RequestOrigin origin) {
    Instant now = now();
    return changing(
            jdbc.transaction(
                connection -> {
                  current(connection, access.workspaceId(), domain);
                  store.remove(connection, access.workspaceId(), domain, now);
                  audited(
                      connection,
                      access,
                      AuditAction.DOMAIN_REMOVED,
                      domain,
                      Map.of(),
                      origin,
                      now);
                  return null;
                }))
        .thenRun(() -> removed.accept(access.workspaceId(), domain));
  }

  /**
   * Checks up to {@code limit} domains due for a check (any node may run this: a domain is taken by
   * one at a time); completes with how many were checked.
   */
  public CompletionStage<Integer> checkDue(int limit) {
    Instant now = now();
    return jdbc.transaction(
            connection -> store.claimDue(connection, now, now.plus(CHECK_LEASE), limit))
        .thenCompose(
            due -> {
              List<CompletableFuture<Void>> running = new ArrayList<>();
              for (DomainStore.Row row : due) {
                running.add(
                    checkAndRecord(row, Optional.empty(), RequestOrigin.UNKNOWN)
                        .exceptionally(
                            error -> {
                              log.warn(
                                  "checking custom domain {} failed: {}",
                                  row.domain(),
                                  error.toString());
                              return null;
                            })
                        .toCompletableFuture());
              }
              return changing(
                  CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                      .thenApply(ignored -> due.size()));
            });
  }

  private CompletionStage<Void> checkAndRecord(
      DomainStore.Row row, Optional<Access> asked, RequestOrigin origin) {
    return checks
        .check(row.domain(), row.challengeSha256())
        .thenCompose(
            check ->
                jdbc.transaction(
                    connection -> {
                      record(connection, row, check, asked, origin);
                      return null;
                    }));
  }

  private void record(
      Connection connection,
      DomainStore.Row row,
      DomainChecks.Check check,
      Optional<Access> asked,
      RequestOrigin origin)
      throws SQLException {
    Instant now = now();
    store.lockDomain(connection, row.domain());
    switch (check.outcome()) {
      case VERIFIED -> {
        if (store.heldElsewhere(connection, row.workspaceId(), row.domain())) {
          store.recordCheck(
              connection,
              row,
              DomainStatus.PENDING,
              null,
              now,
              null,
              row.failedChecks() + 1,
              "Another workspace verified " + row.domain() + " first.");
          return;
        }
        boolean recorded =
            store.recordCheck(
                connection,
                row,
                DomainStatus.VERIFIED,
                now,
                now,
                now.plus(rules.recheckVerified()),
                0,
                null);
        if (recorded && row.status() != DomainStatus.VERIFIED) {
          log.info("custom domain {} of workspace {} verified", row.domain(), row.workspaceId());
          audit.record(
              connection,
              now,
              row.workspaceId(),
              asked.map(access -> ApiKeyService.actor(access.principal())).orElse(SYSTEM),
              AuditAction.DOMAIN_VERIFIED,
              row.domain(),
              Map.of(),
              origin);
        }
      }
      case NOT_VERIFIED -> {
        int failed = row.failedChecks() + 1;
        DomainStatus status =
            row.status() == DomainStatus.PENDING ? DomainStatus.PENDING : DomainStatus.FAILING;
        if (status == DomainStatus.FAILING && row.status() == DomainStatus.VERIFIED) {
          log.warn(
              "custom domain {} of workspace {} failed its re-check: {}",
              row.domain(),
              row.workspaceId(),
              check.problem());
        }
        store.recordCheck(
            connection, row, status, null, now, next(row, failed, now), failed, check.problem());
      }
      case UNKNOWN -> {
        // DNS did not answer: nothing changes but when to look again
        int failed = row.failedChecks() + 1;
        store.recordCheck(
            connection,
            row,
            row.status(),
            null,
            now,
            next(row, failed, now),
            failed,
            check.problem());
      }
    }
  }

  /**
   * The domains removed within {@code window} (workspace, name): their links are disabled again by
   * the caller until none is live (a removal's first pass may have been cut short).
   */
  public CompletionStage<List<Map.Entry<String, String>>> recentlyRemoved(Duration window) {
    Instant since = now().minus(window);
    return jdbc.transaction(
        connection ->
            store.removedSince(connection, since).stream()
                .map(row -> Map.entry(row.workspaceId(), row.domain()))
                .toList());
  }

  /** When to check again after {@code failed} failed checks in a row; null: not any more. */
  private Instant next(DomainStore.Row row, int failed, Instant now) {
    Instant next = now.plus(rules.retryAfter(failed));
    if (row.status() == DomainStatus.PENDING
        && next.isAfter(row.createdAt().plus(rules.giveUpAfter()))) {
      return null;
    }
    return next;
  }

  private static final AuditLog.Actor SYSTEM = new AuditLog.Actor("system", null);

  private DomainStore.Row current(Connection connection, String workspaceId, String domain)
      throws SQLException {
    return store
        .find(connection, workspaceId, domain)
        .filter(row -> row.removedAt() == null)
        .orElseThrow(() -> new AccountException(AccountError.NOT_FOUND, "no such domain"));
  }

  private DomainView view(DomainStore.Row row) {
    List<DomainView.DnsRecord> records = new ArrayList<>();
    records.add(
        new DomainView.DnsRecord(
            "TXT",
            DomainNames.challengeName(row.domain()),
            null,
            "proves the workspace holds the domain (the token shown when it was added)"));
    DomainTarget target = checks.target();
    target
        .cname()
        .ifPresent(
            cname ->
                records.add(
                    new DomainView.DnsRecord(
                        "CNAME", row.domain(), cname, "points the domain at SMO1 (a subdomain)")));
    for (var address : target.addresses().stream().map(a -> a.getHostAddress()).sorted().toList()) {
      records.add(
          new DomainView.DnsRecord(
              address.contains(":") ? "AAAA" : "A",
              row.domain(),
              address,
              "points the domain at SMO1 (an apex domain, instead of the CNAME)"));
    }
    return new DomainView(
        row.domain(),
        row.status(),
        row.createdAt(),
        row.verifiedAt(),
        row.checkedAt(),
        row.nextCheckAt(),
        row.lastProblem(),
        List.copyOf(records),
        row.settings());
  }

  private void audited(
      Connection connection,
      Access access,
      AuditAction action,
      String domain,
      Map<String, String> details,
      RequestOrigin origin,
      Instant now)
      throws SQLException {
    audit.record(
        connection,
        now,
        access.workspaceId(),
        ApiKeyService.actor(access.principal()),
        action,
        domain,
        details,
        origin);
  }

  private static String url(String raw, String field, Set<String> loops) {
    if (raw == null) {
      return null;
    }
    return switch (TargetUrls.normalise(raw, loops)) {
      case TargetUrls.Result.Valid valid -> valid.url();
      case TargetUrls.Result.Invalid invalid ->
          throw new AccountException(
              AccountError.INVALID_URL, field + ": " + invalid.violation().message(), field);
    };
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** 32 random bytes, base64url: the TXT record's value. */
  private static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "smo1-verify=" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
