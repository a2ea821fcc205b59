package dev.smo1.accounts;

import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.apikey.ApiKeyService;
import dev.smo1.accounts.audit.AuditAction;
import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.accounts.token.AccountTokens;
import dev.smo1.accounts.token.AccountTokens.Purpose;
import dev.smo1.accounts.user.User;
import dev.smo1.accounts.workspace.WorkspaceCommand.Actor;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.accounts.workspace.WorkspaceView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What workspace admins and owners do: create, rename and delete workspaces, invite people, change
 * roles, remove members; each with its audit entry. Authorization by scope happened before (the
 * HTTP layer's one path); the entity keeps the owner invariants.
 */
public final class WorkspaceOperations {
  private static final Logger log = LoggerFactory.getLogger(WorkspaceOperations.class);

  /** Whether a workspace still has links (deleting it is refused then). */
  @FunctionalInterface
  public interface Contents {
    CompletionStage<Boolean> hasLinks(String workspaceId);
  }

  /** A member as the members list shows them. */
  public record MemberView(UUID userId, String email, String name, Role role, Instant joinedAt) {}

  private final Jdbc jdbc;
  private final WorkspaceService workspaces;
  private final AccountService accounts;
  private final ApiKeyService keys;
  private final AccountMail mail;
  private final Contents contents;
  private final Clock clock;
  private final AccountTokens tokens = new AccountTokens();
  private final AuditLog audit = new AuditLog();

  public WorkspaceOperations(
      Jdbc jdbc,
      WorkspaceService workspaces,
      AccountService accounts,
      ApiKeyService keys,
      AccountMail mail,
      Contents contents,
      Clock clock) {
    this.jdbc = jdbc;
    this.workspaces = workspaces;
    this.accounts = accounts;
    this.keys = keys;
    this.mail = mail;
    this.contents = contents;
    this.clock = clock;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  public WorkspaceService workspaces() {
    return workspaces;
  }

  public CompletionStage<WorkspaceView> create(
      Principal.User user, String slug, String name, RequestOrigin origin) {
    return workspaces
        .create(slug, name, user.id())
        .thenCompose(
            view ->
                record(view.id(), user, AuditAction.WORKSPACE_CREATED, view.id(), Map.of(), origin)
                    .thenApply(ignored -> view));
  }

  public CompletionStage<WorkspaceView> rename(Access access, String name, RequestOrigin origin) {
    return workspaces
        .rename(access.workspaceId(), name, actor(access))
        .thenCompose(
            view ->
                record(
                        view.id(),
                        access.principal(),
                        AuditAction.WORKSPACE_UPDATED,
                        view.id(),
                        Map.of("name", view.name()),
                        origin)
                    .thenApply(ignored -> view));
  }

  /** Deletes an empty workspace (owners only): its keys are revoked everywhere at once. */
  public CompletionStage<Void> delete(Access access, RequestOrigin origin) {
    String id = access.workspaceId();
    if (!access.isOwner()) {
      return CompletableFuture.failedFuture(
          new AccountException(
              AccountError.OWNER_REQUIRED, "only an owner may delete the workspace"));
    }
    return contents
        .hasLinks(id)
        .thenCompose(
            hasLinks -> {
              if (hasLinks) {
                throw new AccountException(
                    AccountError.WORKSPACE_NOT_EMPTY,
                    "the workspace still has links: delete them first");
              }
              return workspaces.delete(id, actor(access));
            })
        .thenCompose(deleted -> keys.revokeAll(id))
        .thenCompose(
            ignored ->
                record(
                    id, access.principal(), AuditAction.WORKSPACE_DELETED, id, Map.of(), origin));
  }

  /** Invites {@code email} with {@code role} and emails them a single-use link (7 days). */
  public CompletionStage<WorkspaceView.PendingInvitation> invite(
      Access access, String email, Role role, String inviterName, RequestOrigin origin) {
    String address = Emails.normalized(Emails.check(email));
    if (role == null) {
      throw new AccountException(
          AccountError.INVALID_SCOPES,
          "role must be one of owner, admin, member, viewer, billing",
          "role");
    }
    var now = now();
    return jdbc.transaction(
            connection ->
                tokens.issue(
                    connection,
                    Purpose.INVITATION,
                    null,
                    address,
                    access.workspaceId(),
                    role.wireName(),
                    now))
        .thenCompose(
            issued ->
                workspaces
                    .invite(
                        access.workspaceId(),
                        address,
                        role,
                        issued.hash(),
                        issued.expiresAt(),
                        actor(access))
                    .thenCompose(
                        view ->
                            record(
                                    view.id(),
                                    access.principal(),
                                    AuditAction.MEMBER_INVITED,
                                    address,
                                    Map.of("role", role.wireName()),
                                    origin)
                                .thenApply(
                                    ignored -> {
                                      mail.invitation(
                                              address,
                                              view.name(),
                                              inviterName,
                                              role,
                                              issued.token())
                                          .exceptionally(
                                              error -> {
                                                log.warn(
                                                    "invitation email not sent workspace={} error={}",
                                                    view.id(),
                                                    error.toString());
                                                return null;
                                              });
                                      return new WorkspaceView.PendingInvitation(
                                          address, role, issued.expiresAt());
                                    })));
  }

  /** Accepts an invitation for the signed-in user, whose email must be the invited one. */
  public CompletionStage<WorkspaceView> accept(
      Principal.User user, String token, RequestOrigin origin) {
    var now = now();
    return jdbc.transaction(
            connection -> {
              // the row finds the workspace; the entity checks email, expiry and single use, and
              // the row is marked used only once the entity accepted (a wrong account burns
              // nothing)
              var found = tokens.find(connection, Purpose.INVITATION, token, now);
              return found.orElseThrow(
                  () ->
                      new AccountException(
                          AccountError.INVALID_TOKEN,
                          "the invitation is unknown, used or expired",
                          "token"));
            })
        .thenCompose(
            used ->
                workspaces.accept(
                    used.workspaceId(),
                    dev.smo1.accounts.Secrets.sha256(token),
                    user.id(),
                    user.email()))
        .thenCompose(
            view ->
                jdbc.transaction(
                        connection -> tokens.use(connection, Purpose.INVITATION, token, now()))
                    .thenCompose(
                        ignored ->
                            record(
                                view.id(),
                                user,
                                AuditAction.MEMBER_JOINED,
                                user.id().toString(),
                                Map.of(),
                                origin))
                    .thenApply(ignored -> view));
  }

  public CompletionStage<List<MemberView>> members(String workspaceId) {
    return workspaces
        .get(workspaceId)
        .thenCompose(
            view ->
                accounts
                    .usersById(view.members().stream().map(WorkspaceView.Member::userId).toList())
                    .thenApply(
                        users ->
                            view.members().stream()
                                .map(
                                    member -> {
                                      User user = users.get(member.userId());
                                      return new MemberView(
                                          member.userId(),
                                          user == null ? null : user.email(),
                                          user == null ? null : user.name(),
                                          member.role(),
                                          member.joinedAt());
                                    })
                                .toList()));
  }

  public CompletionStage<MemberView> changeRole(
      Access access, UUID userId, Role role, RequestOrigin origin) {
    return workspaces
        .changeRole(access.workspaceId(), userId, role, actor(access))
        .thenCompose(
            view ->
                record(
                    view.id(),
                    access.principal(),
                    AuditAction.MEMBER_ROLE_CHANGED,
                    userId.toString(),
                    Map.of("role", role.wireName()),
                    origin))
        .thenCompose(ignored -> members(access.workspaceId()))
        .thenApply(
            members ->
                members.stream()
                    .filter(member -> member.userId().equals(userId))
                    .findFirst()
                    .orElseThrow(
                        () -> new AccountException(AccountError.NOT_A_MEMBER, "no such member")));
  }

  public CompletionStage<Void> removeMember(Access access, UUID userId, RequestOrigin origin) {
    return workspaces
        .removeMember(access.workspaceId(), userId, actor(access))
        .thenCompose(
            view ->
                record(
                    view.id(),
                    access.principal(),
                    AuditAction.MEMBER_REMOVED,
                    userId.toString(),
                    Map.of(),
                    origin));
  }

  public CompletionStage<AuditLog.Page> auditLog(
      String workspaceId, Optional<String> cursor, int limit) {
    return jdbc.transaction(connection -> audit.page(connection, workspaceId, cursor, limit));
  }

  /** Records an action on a link (deletion) in its workspace's log. */
  public CompletionStage<Void> recordLinkDeleted(Access access, String code, RequestOrigin origin) {
    return record(
        access.workspaceId(), access.principal(), AuditAction.LINK_DELETED, code, Map.of(), origin);
  }

  private CompletionStage<Void> record(
      String workspaceId,
      Principal principal,
      AuditAction action,
      String target,
      Map<String, String> details,
      RequestOrigin origin) {
    var now = now();
    return jdbc.transaction(
        connection -> {
          audit.record(
              connection,
              now,
              workspaceId,
              ApiKeyService.actor(principal),
              action,
              target,
              details,
              origin);
          return null;
        });
  }

  private static Actor actor(Access access) {
    return switch (access.principal()) {
      case Principal.User user -> Actor.user(user.id());
      case Principal.ApiKey key -> Actor.key(key.id().toString());
    };
  }
}
