package dev.smo1.accounts.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One security-relevant action. {@code workspaceId} is null for actions outside a workspace (login,
 * password change); {@code target} names what was acted on (a key id, a user id, a link code).
 */
public record AuditEntry(
    long id,
    Instant at,
    String workspaceId,
    String actorKind,
    String actorId,
    String action,
    String target,
    Map<String, String> details,
    String ipPrefix,
    String userAgent) {

  public AuditEntry {
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
