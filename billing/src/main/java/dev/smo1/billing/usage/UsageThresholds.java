package dev.smo1.billing.usage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The shares of a monthly limit whose reaching is emailed to a workspace's owners and billing
 * members, once per period each: 80 % and 100 %.
 */
public final class UsageThresholds {
  public static final List<Integer> PERCENTS = List.of(80, 100);

  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  /** The monthly figures with a limit whose use is noticed. */
  public enum Resource {
    LINKS("links"),
    TRACKED_CLICKS("trackedClicks");

    private final String wireName;

    Resource(String wireName) {
      this.wireName = wireName;
    }

    /** As usage names the figure. */
    public String wireName() {
      return wireName;
    }
  }

  private UsageThresholds() {}

  /** The thresholds {@code used} of {@code limit} has reached, lowest first; none for limit 0. */
  public static List<Integer> reached(long used, long limit) {
    if (limit <= 0) {
      return List.of();
    }
    return PERCENTS.stream().filter(percent -> used * 100 >= limit * percent).toList();
  }

  /**
   * What makes one notice: the figure, the threshold and the period, e.g. {@code links:80:2026-12}.
   */
  public static String key(Resource resource, int percent, Instant periodStart) {
    return resource.wireName() + ":" + percent + ":" + MONTH.format(periodStart);
  }
}
