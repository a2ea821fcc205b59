package dev.smo1.accounts.apikey;

import dev.smo1.accounts.access.Scope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A key as its workspace's admins see it; {@code key} is the secret, present only in the answer to
 * its creation.
 */
public record ApiKeyView(
    UUID id,
    String name,
    String key,
    String prefix,
    List<Scope> scopes,
    Instant expiresAt,
    Instant createdAt,
    Instant lastUsedAt) {}
