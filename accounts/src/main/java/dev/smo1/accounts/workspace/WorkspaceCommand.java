package dev.smo1.accounts.workspace;

import dev.smo1.accounts.access.Role;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What can be asked of a workspace. Authorization by scope happens before a command is sent (one
 * path, in the HTTP layer); the entity keeps the invariants that need its state: at least one
 * owner, only owners grant or take the owner role, invitations are single-use and bound to an
 * email.
 */
public sealed interface WorkspaceCommand extends CborSerializable {

  /** Who asks: a user ({@code userId}) or an API key ({@code userId} null). */
  record Actor(UUID userId, String keyId) implements CborSerializable {
    public static Actor user(UUID userId) {
      return new Actor(userId, null);
    }

    public static Actor key(String keyId) {
      return new Actor(null, keyId);
    }

    public String describe() {
      return userId != null ? "user:" + userId : "api_key:" + keyId;
    }
  }

  record Create(String name, UUID owner, ActorRef<WorkspaceReply> replyTo)
      implements WorkspaceCommand {}

  /** Makes a workspace of an owner from before workspaces; does nothing to an existing one. */
  record Adopt(ActorRef<WorkspaceReply> replyTo) implements WorkspaceCommand {}

  /**
   * Makes {@code userId} the owner of an adopted workspace that has no members yet (the bootstrap
   * admin, on a database from before workspaces); refused once it has any.
   */
  record Claim(UUID userId, ActorRef<WorkspaceReply> replyTo) implements WorkspaceCommand {}

  record Get(ActorRef<WorkspaceReply> replyTo) implements WorkspaceCommand {}

  record RoleOf(UUID userId, ActorRef<WorkspaceReply.MemberRole> replyTo)
      implements WorkspaceCommand {}

  record Rename(String name, Actor actor, ActorRef<WorkspaceReply> replyTo)
      implements WorkspaceCommand {}

  record Invite(
      String email,
      Role role,
      String tokenHash,
      Instant expiresAt,
      Actor actor,
      ActorRef<WorkspaceReply> replyTo)
      implements WorkspaceCommand {}

  record AcceptInvitation(
      String tokenHash, UUID userId, String email, ActorRef<WorkspaceReply> replyTo)
      implements WorkspaceCommand {}

  record ChangeRole(UUID userId, Role role, Actor actor, ActorRef<WorkspaceReply> replyTo)
      implements WorkspaceCommand {}

  record RemoveMember(UUID userId, Actor actor, ActorRef<WorkspaceReply> replyTo)
      implements WorkspaceCommand {}

  record Delete(Actor actor, ActorRef<WorkspaceReply> replyTo) implements WorkspaceCommand {}

  /**
   * Puts the workspace on {@code plan} (an id of the plans file); {@code customLimits} only for
   * {@code enterprise}. {@code by} says who: {@code billing:<subscription>} or {@code
   * admin:<user>}.
   */
  record ChangePlan(
      String plan, WorkspaceLimits customLimits, String by, ActorRef<WorkspaceReply> replyTo)
      implements WorkspaceCommand {}

  /**
   * Takes {@code count} link slots of this month for {@code reservation} (the id of a create, the
   * same in every attempt of it), or refuses when the plan's monthly limit would be passed. Asked
   * again with a reservation it holds, grants again without taking more.
   */
  record ReserveLinkSlots(String reservation, int count, ActorRef<QuotaReply> replyTo)
      implements WorkspaceCommand {}

  /** Frees the slots of {@code reservation}: its create failed. Nothing for one not held. */
  record ReleaseLinkSlots(String reservation, ActorRef<QuotaReply> replyTo)
      implements WorkspaceCommand {}

  /** The plan, its limits and what is used of them this period. */
  record GetQuota(ActorRef<QuotaReply> replyTo) implements WorkspaceCommand {}
}
