package dev.smo1.stripe.standin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Billing periods as Stripe counts them: whole months or years from the billing cycle anchor in
 * UTC, a month-end anchor landing on the last day of shorter months (31 Jan, 28 Feb, 31 Mar).
 */
final class Periods {
  private Periods() {}

  /** The end of the {@code count}-th period after the anchor. */
  static long end(long anchor, CatalogPrice.Interval interval, long count) {
    var start = ZonedDateTime.ofInstant(Instant.ofEpochSecond(anchor), ZoneOffset.UTC);
    var end =
        switch (interval) {
          case MONTH -> start.plusMonths(count);
          case YEAR -> start.plusYears(count);
        };
    return end.toEpochSecond();
  }

  /** The first period end after {@code after}, counted from the anchor. */
  static long next(long anchor, CatalogPrice.Interval interval, long after) {
    var count = 1L;
    while (end(anchor, interval, count) <= after) {
      count++;
    }
    return end(anchor, interval, count);
  }
}
