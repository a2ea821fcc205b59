package dev.smo1.http.testing;

import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Scope;
import dev.smo1.http.auth.Caller;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Accesses for route tests: an API key of a workspace, with every scope or the ones named. */
public final class TestAccess {
  private TestAccess() {}

  public static Access key(String workspace, Scope... scopes) {
    Set<Scope> granted = scopes.length == 0 ? EnumSet.allOf(Scope.class) : Set.of(scopes);
    return Access.ofKey(
        new Principal.ApiKey(
            UUID.nameUUIDFromBytes(workspace.getBytes()), "smo1_tes", workspace, false),
        granted);
  }

  public static Caller.Key caller(String workspace, boolean platformAdmin) {
    return new Caller.Key(
        Access.ofKey(
            new Principal.ApiKey(
                UUID.nameUUIDFromBytes(workspace.getBytes()), "smo1_tes", workspace, platformAdmin),
            EnumSet.allOf(Scope.class)));
  }
}
