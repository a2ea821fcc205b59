package dev.smo1.accounts.access;

import java.util.UUID;

/** Who is calling: a signed-in user (session cookie) or a workspace's API key. */
public sealed interface Principal {

  /** A user signed in to the dashboard; {@code platformAdmin} when named in SMO1_ADMIN_EMAILS. */
  record User(UUID id, String email, UUID sessionId, boolean platformAdmin) implements Principal {}

  /**
   * An API key: it belongs to one workspace and carries its scopes. {@code platformAdmin} when the
   * user who created it is a platform admin and it has {@link Scope#WORKSPACE_ADMIN} (so scripts of
   * an operator can start a rebuild, as the bootstrap key always could).
   */
  record ApiKey(UUID id, String prefix, String workspaceId, boolean platformAdmin)
      implements Principal {}

  boolean platformAdmin();

  /** For the audit log: the user's id or the key's id, with its kind. */
  default String actorId() {
    return switch (this) {
      case User user -> user.id().toString();
      case ApiKey key -> key.id().toString();
    };
  }

  default String actorKind() {
    return switch (this) {
      case User ignored -> "user";
      case ApiKey ignored -> "api_key";
    };
  }
}
