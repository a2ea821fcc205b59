package dev.smo1.accounts.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A member's role in a workspace and the scopes it grants. Owners can do everything, including what
 * no scope names (deleting the workspace, granting or taking the owner role); every workspace keeps
 * at least one owner. The wire names are stored in workspace events: never rename them.
 */
public enum Role {
  OWNER(EnumSet.allOf(Scope.class)),
  ADMIN(EnumSet.allOf(Scope.class)),
  MEMBER(
      EnumSet.of(Scope.LINKS_READ, Scope.LINKS_WRITE, Scope.ANALYTICS_READ, Scope.WORKSPACE_READ)),
  VIEWER(EnumSet.of(Scope.LINKS_READ, Scope.ANALYTICS_READ, Scope.WORKSPACE_READ)),
  /** Billing only: sees the workspace, nothing of its links (billing scopes come with plans). */
  BILLING(EnumSet.of(Scope.WORKSPACE_READ));

  private final Set<Scope> scopes;

  Role(Set<Scope> scopes) {
    this.scopes = Set.copyOf(scopes);
  }

  public Set<Scope> scopes() {
    return scopes;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWireName(String name) {
    return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst();
  }

  @JsonCreator
  static Role parse(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown role '" + name + "'"));
  }
}
