package dev.smo1.accounts.workspace;

import dev.smo1.accounts.access.Role;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a workspace. Stored in the journal by class name: never rename or move these
 * (decision 0013); add fields only with defaults a missing value can take.
 */
public sealed interface WorkspaceEvent extends CborSerializable {
  String workspaceId();

  Instant at();

  /** Created by a signed-in user, who becomes its first owner. */
  record WorkspaceCreated(String workspaceId, String name, UUID owner, Instant at)
      implements WorkspaceEvent {}

  /** An owner from before workspaces became one (no members yet; its API keys keep working). */
  record WorkspaceAdopted(String workspaceId, Instant at) implements WorkspaceEvent {}

  record WorkspaceRenamed(String workspaceId, String name, Instant at) implements WorkspaceEvent {}

  /** {@code tokenHash}: SHA-256 of the single-use token emailed to {@code email}. */
  record MemberInvited(
      String workspaceId,
      String email,
      Role role,
      String tokenHash,
      Instant expiresAt,
      String invitedBy,
      Instant at)
      implements WorkspaceEvent {}

  record InvitationAccepted(
      String workspaceId, String tokenHash, UUID userId, Role role, Instant at)
      implements WorkspaceEvent {}

  record MemberAdded(String workspaceId, UUID userId, Role role, Instant at)
      implements WorkspaceEvent {}

  record MemberRoleChanged(String workspaceId, UUID userId, Role role, Instant at)
      implements WorkspaceEvent {}

  record MemberRemoved(String workspaceId, UUID userId, Instant at) implements WorkspaceEvent {}

  record WorkspaceDeleted(String workspaceId, Instant at) implements WorkspaceEvent {}

  /**
   * The workspace is on {@code plan} from now: by billing (a subscription's state) or by a platform
   * admin ({@code by} says which); {@code customLimits} only for {@code enterprise}, null for the
   * plan's own limits.
   */
  record PlanChanged(
      String workspaceId, String plan, WorkspaceLimits customLimits, String by, Instant at)
      implements WorkspaceEvent {}

  /**
   * {@code count} link slots of the month of {@code at} taken by {@code reservation}: links about
   * to be created. Kept unless released: a create whose outcome is unknown keeps its slot, so the
   * limit holds even then.
   */
  record LinkSlotsReserved(String workspaceId, String reservation, int count, Instant at)
      implements WorkspaceEvent {}

  /** The create of {@code reservation} failed: its slots are free again. */
  record LinkSlotsReleased(String workspaceId, String reservation, Instant at)
      implements WorkspaceEvent {}
}
