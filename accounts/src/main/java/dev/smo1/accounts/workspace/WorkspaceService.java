package dev.smo1.accounts.workspace;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.workspace.WorkspaceCommand.Actor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The way into the workspace entities from any node (asks with a timeout), and the read model's
 * answers to "which workspaces is this user in". A refused command fails the stage with an {@link
 * AccountException} carrying the entity's reason.
 */
public final class WorkspaceService {
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Jdbc jdbc;

  public WorkspaceService(ActorSystem<?> system, Duration askTimeout, Jdbc jdbc) {
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
    this.jdbc = jdbc;
  }

  public CompletionStage<WorkspaceView> create(String slug, String name, UUID owner) {
    Slugs.check(slug);
    return ask(slug, replyTo -> new WorkspaceCommand.Create(name, owner, replyTo));
  }

  public CompletionStage<WorkspaceView> adopt(String id) {
    return ask(id, WorkspaceCommand.Adopt::new);
  }

  public CompletionStage<WorkspaceView> claim(String id, UUID userId) {
    return ask(id, replyTo -> new WorkspaceCommand.Claim(userId, replyTo));
  }

  public CompletionStage<WorkspaceView> get(String id) {
    return ask(id, WorkspaceCommand.Get::new);
  }

  /** The user's role in the workspace; empty when not a member or no such workspace. */
  public CompletionStage<Optional<Role>> roleOf(String id, UUID userId) {
    return sharding
        .entityRefFor(WorkspaceEntity.TYPE_KEY, id)
        .<WorkspaceReply.MemberRole>ask(
            replyTo -> new WorkspaceCommand.RoleOf(userId, replyTo), askTimeout)
        .thenApply(WorkspaceReply.MemberRole::role);
  }

  public CompletionStage<WorkspaceView> rename(String id, String name, Actor actor) {
    return ask(id, replyTo -> new WorkspaceCommand.Rename(name, actor, replyTo));
  }

  public CompletionStage<WorkspaceView> invite(
      String id,
      String email,
      Role role,
      String tokenHash,
      java.time.Instant expiresAt,
      Actor actor) {
    return ask(
        id,
        replyTo -> new WorkspaceCommand.Invite(email, role, tokenHash, expiresAt, actor, replyTo));
  }

  public CompletionStage<WorkspaceView> accept(
      String id, String tokenHash, UUID userId, String email) {
    return ask(
        id, replyTo -> new WorkspaceCommand.AcceptInvitation(tokenHash, userId, email, replyTo));
  }

  public CompletionStage<WorkspaceView> changeRole(String id, UUID userId, Role role, Actor actor) {
    return ask(id, replyTo -> new WorkspaceCommand.ChangeRole(userId, role, actor, replyTo));
  }

  public CompletionStage<WorkspaceView> removeMember(String id, UUID userId, Actor actor) {
    return ask(id, replyTo -> new WorkspaceCommand.RemoveMember(userId, actor, replyTo));
  }

  public CompletionStage<WorkspaceView> delete(String id, Actor actor) {
    return ask(id, replyTo -> new WorkspaceCommand.Delete(actor, replyTo));
  }

  /** Puts the workspace on {@code plan}; {@code by} names who (billing or an admin). */
  public CompletionStage<WorkspaceView> changePlan(
      String id, String plan, WorkspaceLimits customLimits, String by) {
    return ask(id, replyTo -> new WorkspaceCommand.ChangePlan(plan, customLimits, by, replyTo));
  }

  /**
   * Takes {@code count} link slots of this month for {@code reservation}: completes with the slots
   * left after them (null: unlimited), or fails with {@code quota_exceeded} ({@link
   * AccountException#quota()} says the limit and use) or {@code not_found}.
   */
  public CompletionStage<QuotaReply.Granted> reserveLinkSlots(
      String id, String reservation, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("reserve at least one slot, not " + count);
    }
    return askQuota(
            id, replyTo -> new WorkspaceCommand.ReserveLinkSlots(reservation, count, replyTo))
        .thenApply(reply -> (QuotaReply.Granted) reply);
  }

  /** Frees the slots {@code reservation} took: its create failed. */
  public CompletionStage<Void> releaseLinkSlots(String id, String reservation) {
    return askQuota(id, replyTo -> new WorkspaceCommand.ReleaseLinkSlots(reservation, replyTo))
        .thenApply(reply -> null);
  }

  /** The plan, its limits and this period's use of them. */
  public CompletionStage<QuotaReply.Quota> quota(String id) {
    return askQuota(id, WorkspaceCommand.GetQuota::new)
        .thenApply(reply -> (QuotaReply.Quota) reply);
  }

  private CompletionStage<QuotaReply> askQuota(
      String id, Function<ActorRef<QuotaReply>, WorkspaceCommand> command) {
    return this.<QuotaReply>askEntity(id, command)
        .thenApply(
            reply ->
                switch (reply) {
                  case QuotaReply.Refused refused -> throw AccountException.of(refused.exceeded());
                  case QuotaReply.NoWorkspace none ->
                      throw new AccountException(
                          AccountError.NOT_FOUND, "no workspace '" + id + "'");
                  default -> reply;
                });
  }

  /**
   * The user's workspaces from the read model, by name: eventually consistent (a workspace just
   * created or joined appears once the projection has applied it, within about a second).
   */
  public CompletionStage<List<WorkspaceSummary>> workspacesOf(UUID userId) {
    return jdbc.transaction(
        connection -> {
          try (var statement =
              connection.prepareStatement(
                  "SELECT w.id, w.name, m.role FROM workspace_members m"
                      + " JOIN workspaces w ON w.id = m.workspace_id"
                      + " WHERE m.user_id = ? AND w.deleted_at IS NULL ORDER BY w.name, w.id")) {
            statement.setObject(1, userId);
            var summaries = new ArrayList<WorkspaceSummary>();
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                summaries.add(
                    new WorkspaceSummary(
                        rows.getString(1),
                        rows.getString(2),
                        Role.fromWireName(rows.getString(3)).orElseThrow()));
              }
            }
            return summaries;
          }
        });
  }

  /** Owners of deleted-or-not workspaces where {@code userId} is the only owner (read model). */
  public List<String> soleOwnerships(java.sql.Connection connection, UUID userId)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT m.workspace_id FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id"
                + " WHERE m.user_id = ? AND m.role = 'owner' AND w.deleted_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM workspace_members o WHERE o.workspace_id ="
                + " m.workspace_id AND o.role = 'owner' AND o.user_id <> m.user_id)")) {
      statement.setObject(1, userId);
      var ids = new ArrayList<String>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }

  private CompletionStage<WorkspaceView> ask(
      String id, Function<ActorRef<WorkspaceReply>, WorkspaceCommand> command) {
    return this.<WorkspaceReply>askEntity(id, command)
        .thenApply(
            reply ->
                switch (reply) {
                  case WorkspaceReply.Ok ok -> ok.workspace();
                  case WorkspaceReply.Rejected rejected when rejected.quota() != null ->
                      throw AccountException.of(rejected.quota());
                  case WorkspaceReply.Rejected rejected ->
                      throw new AccountException(
                          rejected.code(), rejected.message(), field(rejected.code()));
                });
  }

  private <R> CompletionStage<R> askEntity(
      String id, Function<ActorRef<R>, WorkspaceCommand> command) {
    return sharding.entityRefFor(WorkspaceEntity.TYPE_KEY, id).ask(command::apply, askTimeout);
  }

  private static String field(AccountError code) {
    return switch (code) {
      case SLUG_TAKEN, INVALID_SLUG -> "slug";
      case INVALID_NAME -> "name";
      case INVALID_TOKEN -> "token";
      default -> null;
    };
  }
}
