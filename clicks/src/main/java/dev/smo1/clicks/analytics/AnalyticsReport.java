package dev.smo1.clicks.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer to an {@link AnalyticsQuery}, shaped as the API's JSON body. {@code from} and {@code
 * to} are the aligned bounds actually counted; {@code code} is null for the whole account.
 */
public record AnalyticsReport(
    String code,
    Instant from,
    Instant to,
    AnalyticsQuery.Interval interval,
    String timeZone,
    boolean botsIncluded,
    Totals totals,
    List<Bucket> series,
    TopValues top) {

  /**
   * All clicks in the range, and the distinct visitor pseudonyms among them: exact up to {@link
   * ClickAnalytics#EXACT_UNIQUES_LIMIT} clicks, an estimate (HyperLogLog, typically within 2%)
   * beyond. The pseudonym rotates every UTC day, so a visitor coming back on another day counts
   * again.
   */
  public record Totals(long clicks, long uniqueVisitors, boolean uniqueVisitorsExact) {}

  /** One bucket of the series, starting at local midnight or the top of a local hour. */
  public record Bucket(OffsetDateTime start, long clicks) {}

  /**
   * The most frequent values of each dimension, most clicks first. {@code trigger} is {@code link}
   * or {@code qr} (a scan of the link's QR code); {@code rule} and {@code variant} are positions
   * from 1 of the link's targeting rule and A/B test variant (null: none), for one link only (a
   * position means nothing across links: empty for the account).
   */
  public record TopValues(
      List<ValueCount> country,
      List<ValueCount> referrer,
      List<ValueCount> device,
      List<ValueCount> browser,
      List<ValueCount> os,
      List<ValueCount> utmSource,
      List<ValueCount> trigger,
      List<ValueCount> rule,
      List<ValueCount> variant) {
    /** These values with {@code trigger} instead of the ones they have. */
    public TopValues withTrigger(List<ValueCount> trigger) {
      return new TopValues(
          country, referrer, device, browser, os, utmSource, trigger, rule, variant);
    }
  }

  /** A dimension value and its clicks; {@code value} is null for "unknown / none". */
  public record ValueCount(String value, long clicks) {}
}
