package dev.smo1.accounts.access;

import java.util.Optional;
import java.util.Set;

/**
 * What one request may do in one workspace, resolved once per request: the principal, the
 * workspace, the member's role (empty for API keys) and the scopes that follow from either.
 */
public record Access(
    Principal principal, String workspaceId, Optional<Role> role, Set<Scope> scopes) {

  public Access {
    scopes = Set.copyOf(scopes);
  }

  public static Access ofMember(Principal.User user, String workspaceId, Role role) {
    return new Access(user, workspaceId, Optional.of(role), role.scopes());
  }

  public static Access ofKey(Principal.ApiKey key, Set<Scope> scopes) {
    return new Access(key, key.workspaceId(), Optional.empty(), scopes);
  }

  public boolean allows(Scope scope) {
    return scopes.contains(scope);
  }

  /** Owners only: what no scope grants (deleting the workspace, granting or taking ownership). */
  public boolean isOwner() {
    return role.filter(Role.OWNER::equals).isPresent();
  }
}
