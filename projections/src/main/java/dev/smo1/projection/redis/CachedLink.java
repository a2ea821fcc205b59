package dev.smo1.projection.redis;

import dev.smo1.link.LinkStatus;
import dev.smo1.link.RedirectType;
import java.time.Instant;

/**
 * What the redirect path needs of one link, as the Redis cache holds it. {@code status} is active,
 * disabled or deleted (a tombstone: target and type are null), never expired: expiry is judged by
 * the reader's clock. {@code version} is the sequence number of the last event applied. A {@code
 * routed} link (targeting rules, an A/B test, or options: UTM, fallback, preview, max visits) is
 * only marked: its answer is the entity's to give, so a reader asks the entity.
 */
public record CachedLink(
    long version,
    LinkStatus status,
    String target,
    RedirectType redirectType,
    Instant expiresAt,
    boolean forwardQuery,
    boolean routed) {

  /** A link every visit of which goes to its target. */
  public CachedLink(
      long version,
      LinkStatus status,
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      boolean forwardQuery) {
    this(version, status, target, redirectType, expiresAt, forwardQuery, false);
  }
}
