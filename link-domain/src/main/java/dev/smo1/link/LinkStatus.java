package dev.smo1.link;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle status as shown to API clients, and as every store and cache keeps it (the read model,
 * the Redis cache, the edge mirror, Workers KV records and the Worker): its {@link #wireName()} is
 * the one stored vocabulary. {@code EXPIRED} is derived from the clock and {@code EXHAUSTED} from a
 * link's visits and its {@code maxVisits}; neither is ever stored.
 */
public enum LinkStatus {
  ACTIVE,
  DISABLED,
  EXPIRED,
  DELETED,
  EXHAUSTED,
  /**
   * Taken down by the platform (malicious-URL screening or an admin, decision 0034): answers 451
   * everywhere, and its owner can read or delete it but not enable or change it.
   */
  BLOCKED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status a store holds. An unknown one (written by a newer version, or damaged) is an error,
   * never taken for "deleted": a reader that guessed would turn a live link into a 410.
   */
  public static LinkStatus ofStored(String stored) {
    return switch (stored) {
      case "active" -> ACTIVE;
      case "disabled" -> DISABLED;
      case "deleted" -> DELETED;
      case "blocked" -> BLOCKED;
      case null, default ->
          throw new IllegalArgumentException("unknown stored link status: " + stored);
    };
  }
}
