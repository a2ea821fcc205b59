package dev.smo1.accounts.workspace;

import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.workspace.WorkspaceEvent.InvitationAccepted;
import dev.smo1.accounts.workspace.WorkspaceEvent.LinkSlotsReleased;
import dev.smo1.accounts.workspace.WorkspaceEvent.LinkSlotsReserved;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberAdded;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberInvited;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRemoved;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRoleChanged;
import dev.smo1.accounts.workspace.WorkspaceEvent.PlanChanged;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceAdopted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceCreated;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceDeleted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceRenamed;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One immutable record per lifecycle phase; snapshots store these. */
public sealed interface WorkspaceState extends CborSerializable {

  record Empty() implements WorkspaceState {}

  /**
   * A live workspace. Members keyed by user id, invitations by token hash, both in insertion order.
   */
  record Active(
      String id,
      String name,
      Instant createdAt,
      Map<UUID, WorkspaceView.Member> members,
      Map<String, Invitation> invitations,
      WorkspacePlan plan,
      LinkQuota links)
      implements WorkspaceState {

    /** Snapshots from before plans have neither: the free plan since creation, no slots used. */
    public Active {
      members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
      invitations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(invitations));
      plan = plan != null ? plan : WorkspacePlan.free(createdAt);
      links = links != null ? links : LinkQuota.none();
    }

    Active(
        String id,
        String name,
        Instant createdAt,
        Map<UUID, WorkspaceView.Member> members,
        Map<String, Invitation> invitations) {
      this(id, name, createdAt, members, invitations, null, null);
    }

    /** Invitations not yet expired at {@code now}. */
    public int pendingInvitations(Instant now) {
      return (int)
          invitations.values().stream()
              .filter(invitation -> invitation.expiresAt().isAfter(now))
              .count();
    }

    public long owners() {
      return members.values().stream().filter(member -> member.role() == Role.OWNER).count();
    }

    public boolean isOwner(UUID userId) {
      var member = userId == null ? null : members.get(userId);
      return member != null && member.role() == Role.OWNER;
    }

    WorkspaceView view(Instant now) {
      return new WorkspaceView(
          id,
          name,
          createdAt,
          java.util.List.copyOf(members.values()),
          invitations.values().stream()
              .filter(invitation -> invitation.expiresAt().isAfter(now))
              .map(
                  invitation ->
                      new WorkspaceView.PendingInvitation(
                          invitation.email(), invitation.role(), invitation.expiresAt()))
              .toList());
    }

    private Active withMembers(Map<UUID, WorkspaceView.Member> newMembers) {
      return new Active(id, name, createdAt, newMembers, invitations, plan, links);
    }

    private Active withName(String newName) {
      return new Active(id, newName, createdAt, members, invitations, plan, links);
    }

    private Active withInvitations(Map<String, Invitation> newInvitations) {
      return new Active(id, name, createdAt, members, newInvitations, plan, links);
    }

    private Active withPlan(WorkspacePlan newPlan) {
      return new Active(id, name, createdAt, members, invitations, newPlan, links);
    }

    private Active withLinks(LinkQuota newLinks) {
      return new Active(id, name, createdAt, members, invitations, plan, newLinks);
    }
  }

  /** Keeps its id taken for ever: links and keys of a deleted workspace must never pass on. */
  record Deleted(String id, Instant deletedAt) implements WorkspaceState {}

  record Invitation(String email, Role role, Instant expiresAt) {}

  /**
   * Applies an event; exhaustive over events (no default). An event that does not fit the state is
   * a corrupt journal and fails recovery.
   */
  default WorkspaceState apply(WorkspaceEvent event) {
    return switch (event) {
      case WorkspaceCreated created ->
          new Active(
              created.workspaceId(),
              created.name(),
              created.at(),
              Map.of(
                  created.owner(),
                  new WorkspaceView.Member(created.owner(), Role.OWNER, created.at())),
              Map.of());
      case WorkspaceAdopted adopted ->
          new Active(
              adopted.workspaceId(), adopted.workspaceId(), adopted.at(), Map.of(), Map.of());
      case WorkspaceRenamed renamed -> {
        yield active(event).withName(renamed.name());
      }
      case MemberInvited invited -> {
        var active = active(event);
        var invitations = new LinkedHashMap<>(active.invitations());
        // expired invitations go with the next one, so the state does not grow for ever
        invitations.values().removeIf(invitation -> !invitation.expiresAt().isAfter(invited.at()));
        invitations.put(
            invited.tokenHash(),
            new Invitation(invited.email(), invited.role(), invited.expiresAt()));
        yield active.withInvitations(invitations);
      }
      case InvitationAccepted accepted -> {
        var active = active(event);
        var invitations = new LinkedHashMap<>(active.invitations());
        invitations.remove(accepted.tokenHash());
        var members = new LinkedHashMap<>(active.members());
        members.put(
            accepted.userId(),
            new WorkspaceView.Member(accepted.userId(), accepted.role(), accepted.at()));
        yield active.withInvitations(invitations).withMembers(members);
      }
      case MemberAdded added -> {
        var active = active(event);
        var members = new LinkedHashMap<>(active.members());
        members.put(
            added.userId(), new WorkspaceView.Member(added.userId(), added.role(), added.at()));
        yield active.withMembers(members);
      }
      case MemberRoleChanged changed -> {
        var active = active(event);
        var members = new LinkedHashMap<>(active.members());
        var member = members.get(changed.userId());
        members.put(
            changed.userId(),
            new WorkspaceView.Member(changed.userId(), changed.role(), member.joinedAt()));
        yield active.withMembers(members);
      }
      case MemberRemoved removed -> {
        var active = active(event);
        var members = new LinkedHashMap<>(active.members());
        members.remove(removed.userId());
        yield active.withMembers(members);
      }
      case WorkspaceDeleted deleted -> new Deleted(active(event).id(), deleted.at());
      case PlanChanged changed ->
          active(event)
              .withPlan(new WorkspacePlan(changed.plan(), changed.customLimits(), changed.at()));
      case LinkSlotsReserved reserved ->
          active(event)
              .withLinks(
                  active(event)
                      .links()
                      .reserved(reserved.reservation(), reserved.count(), reserved.at()));
      case LinkSlotsReleased released ->
          active(event).withLinks(active(event).links().released(released.reservation()));
    };
  }

  private Active active(WorkspaceEvent event) {
    if (this instanceof Active active) {
      return active;
    }
    throw new IllegalStateException("unexpected " + event + " in " + this);
  }
}
