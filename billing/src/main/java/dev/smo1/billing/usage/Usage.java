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
    ClickMeter trackedClicks,
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

  /**
   * Tracked clicks: a {@link Meter}, and the clicks beyond the plan's volume. Those are still
   * redirected and stored; {@code overQuota} counts them (0 within the volume; null without a limit
   * or a count) and {@code overQuotaSince} is when the first of them happened (null while there is
   * none): every tracked click of the period from that one on, in the order they happened, is over
   * quota (decision 0032).
   */
  public record ClickMeter(Long used, Long limit, Long overQuota, Instant overQuotaSince) {
    public static ClickMeter of(Long used, Number limit, Instant firstOverVolume) {
      Long volume = limit == null ? null : limit.longValue();
      Long over = used == null || volume == null ? null : Math.max(0, used - volume);
      return new ClickMeter(used, volume, over, over != null && over > 0 ? firstOverVolume : null);
    }
  }
}
