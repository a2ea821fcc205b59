package dev.smo1.billing.usage;

import java.time.Instant;

/**
 * What a workspace used of its plan in the period {@code [periodStart, periodEnd)} (a calendar
 * month in UTC) and holds now, each with the plan's limit (null: none).
 */
public record Usage(
    String workspace,
    String plan,
    Instant periodStart,
    Instant periodEnd,
    Meter links,
    Meter trackedClicks,
    Meter customDomains,
    Meter members,
    Meter apiKeys) {

  /**
   * One figure: {@code used} (null when it cannot be counted now: tracked clicks without
   * ClickHouse), its {@code limit} (null: none).
   */
  public record Meter(Long used, Long limit) {
    public static Meter of(Long used, Number limit) {
      return new Meter(used, limit == null ? null : limit.longValue());
    }
  }
}
