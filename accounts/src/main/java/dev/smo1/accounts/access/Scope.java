package dev.smo1.accounts.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do in a workspace. API keys carry a set of these; a member's role grants a set
 * ({@link Role#scopes()}). The wire names are a contract with API clients and with the journal
 * (workspace events do not store them, API key rows do): add values, never rename them.
 */
public enum Scope {
  LINKS_READ("links:read"),
  LINKS_WRITE("links:write"),
  ANALYTICS_READ("analytics:read"),
  WORKSPACE_READ("workspace:read"),
  /** Members, invitations, API keys, settings, the audit log. */
  WORKSPACE_ADMIN("workspace:admin");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<Scope> fromWireName(String name) {
    return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static Scope parse(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + name + "'"));
  }
}
