package dev.smo1.clicks.analytics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * One analytics request, already validated by the caller: the clicks of {@code owner} on {@code
 * domain} (one link when {@code code} is present, the whole account otherwise) from {@code from}
 * (inclusive) to {@code to} (exclusive), bucketed by {@code interval} in {@code zone}. The bounds
 * are aligned by {@link ClickAnalytics} to whole buckets (see there). The limits are the API's
 * contract; the constructor refuses anything beyond them so no caller can start an unbounded scan.
 */
public record AnalyticsQuery(
    String owner,
    String domain,
    Optional<String> code,
    Instant from,
    Instant to,
    Interval interval,
    ZoneId zone,
    boolean includeBots,
    int top) {
  public static final Duration MAX_RANGE = Duration.ofDays(400);
  public static final Duration MAX_HOURLY_RANGE = Duration.ofDays(31);
  public static final int MAX_TOP = 100;

  /** The size of a time-series bucket, in the query's time zone. */
  public enum Interval {
    HOUR("hour"),
    DAY("day");

    private final String wireName;

    Interval(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }

    public static Optional<Interval> ofWireName(String name) {
      for (Interval interval : values()) {
        if (interval.wireName.equals(name)) {
          return Optional.of(interval);
        }
      }
      return Optional.empty();
    }

    /** The longest range this interval may cover. */
    public Duration maxRange() {
      return this == HOUR ? MAX_HOURLY_RANGE : MAX_RANGE;
    }
  }

  public AnalyticsQuery {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(zone, "zone");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    if (Duration.between(from, to).compareTo(interval.maxRange()) > 0) {
      throw new IllegalArgumentException("range longer than " + interval.maxRange());
    }
    if (top < 1 || top > MAX_TOP) {
      throw new IllegalArgumentException("top must be 1 to " + MAX_TOP);
    }
    SqlLiterals.timeZone(zone);
  }

  /**
   * Whether {@code id} is a time zone the queries accept (a region id both Java and ClickHouse
   * know).
   */
  public static boolean isTimeZone(String id) {
    return SqlLiterals.isTimeZoneId(id);
  }
}
