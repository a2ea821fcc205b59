package dev.smo1.http.workspace;

import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.workspace.WorkspaceView;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the workspace routes (unknown fields are refused). */
final class WorkspaceBodies {
  private WorkspaceBodies() {}

  record CreateWorkspace(String name, String slug) {}

  record UpdateWorkspace(String name) {}

  record Invite(String email, String role) {}

  record RoleChange(String role) {}

  record AcceptInvitation(String token) {}

  record CreateKey(String name, List<String> scopes, String expiresAt) {}

  record WorkspaceBody(
      String slug,
      String name,
      Instant createdAt,
      Role role,
      int members,
      List<WorkspaceView.PendingInvitation> invitations) {}

  record WorkspaceList(List<?> items) {}

  record Page<T>(List<T> items, String nextCursor) {}
}
