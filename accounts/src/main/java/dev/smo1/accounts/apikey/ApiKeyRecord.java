package dev.smo1.accounts.apikey;

import dev.smo1.accounts.access.Scope;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A live key as authentication sees it. {@code creatorEmail} is null for keys from before users.
 */
public record ApiKeyRecord(
    UUID id,
    String keyHash,
    String workspaceId,
    String prefix,
    Set<Scope> scopes,
    Instant expiresAt,
    String creatorEmail) {

  public ApiKeyRecord {
    scopes = Set.copyOf(scopes);
  }

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
