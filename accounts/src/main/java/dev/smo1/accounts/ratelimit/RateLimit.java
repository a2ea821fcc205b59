package dev.smo1.accounts.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * At most {@code capacity} requests per key in each fixed window of {@code window}, the windows
 * aligned to the epoch ({@code [k·window, (k+1)·window)}), so that every node counts the same
 * window whenever it starts: a budget shared by several nodes is then spent once per window, not
 * once per node or per sliding interval.
 *
 * @param name part of the store's key ({@code smo1:rl:<name>:…}): lower-case letters, digits and
 *     dashes, at most 32; one name per kind of limit
 * @param capacity requests allowed per key and window, at least 1
 * @param window the window's length: whole milliseconds, at least one
 */
public record RateLimit(String name, long capacity, Duration window) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public RateLimit {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "rate limit name must be lower-case letters, digits and dashes (at most 32), was: "
              + name);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "rate limit " + name + ": capacity must be at least 1, was " + capacity);
    }
    if (window == null
        || window.compareTo(Duration.ofMillis(1)) < 0
        || window.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "rate limit "
              + name
              + ": window must be whole milliseconds, at least 1 ms, was "
              + window);
    }
  }

  public static RateLimit perMinute(String name, long capacity) {
    return new RateLimit(name, capacity, Duration.ofMinutes(1));
  }

  /** The same limit with another capacity (a plan's own budget). */
  public RateLimit withCapacity(long otherCapacity) {
    return new RateLimit(name, otherCapacity, window);
  }

  /** When the window containing {@code now} began. */
  public Instant windowStart(Instant now) {
    return now.minusNanos(Math.floorMod(nanos(now), window.toNanos()));
  }

  /** Time from {@code now} to the end of its window: more than zero, at most one window. */
  public Duration resetAfter(Instant now) {
    return Duration.ofNanos(window.toNanos() - Math.floorMod(nanos(now), window.toNanos()));
  }

  private static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
