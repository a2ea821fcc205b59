package dev.smo1.accounts.workspace;

import dev.smo1.accounts.access.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A workspace as its members see it, members in the order they joined. */
public record WorkspaceView(
    String id,
    String name,
    Instant createdAt,
    List<Member> members,
    List<PendingInvitation> invitations) {

  public record Member(UUID userId, Role role, Instant joinedAt) {}

  public record PendingInvitation(String email, Role role, Instant expiresAt) {}
}
