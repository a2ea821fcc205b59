package dev.smo1.clicks.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.clicks.analytics.AnalyticsQuery.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bucket alignment and the choice between rollups and raw clicks, in java.time alone. */
class BucketsTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  @Test
  void dayBucketsFollowLocalMidnightAcrossTheDstChange() {
    Instant from =
        ClickAnalytics.alignDown(Instant.parse("2026-10-24T10:00:00Z"), Interval.DAY, PARIS);
    Instant to = ClickAnalytics.alignUp(Instant.parse("2026-10-26T12:00:00Z"), Interval.DAY, PARIS);

    assertThat(from).isEqualTo(Instant.parse("2026-10-23T22:00:00Z"));
    assertThat(to).isEqualTo(Instant.parse("2026-10-26T23:00:00Z"));
    assertThat(ClickAnalytics.bucketStarts(from, to, Interval.DAY, PARIS))
        .containsExactly(
            Instant.parse("2026-10-23T22:00:00Z"),
            Instant.parse("2026-10-24T22:00:00Z"), // Oct 25 has 25 hours
            Instant.parse("2026-10-25T23:00:00Z"));
  }

  @Test
  void hourBucketsOfAHalfHourZoneStartAtHalfPastUtc() {
    Instant from =
        ClickAnalytics.alignDown(Instant.parse("2026-11-02T04:45:00Z"), Interval.HOUR, KOLKATA);
    Instant to =
        ClickAnalytics.alignUp(Instant.parse("2026-11-02T06:31:00Z"), Interval.HOUR, KOLKATA);

    assertThat(ClickAnalytics.bucketStarts(from, to, Interval.HOUR, KOLKATA))
        .containsExactly(
            Instant.parse("2026-11-02T04:30:00Z"),
            Instant.parse("2026-11-02T05:30:00Z"),
            Instant.parse("2026-11-02T06:30:00Z"));
    assertThat(ClickAnalytics.alignUp(to, Interval.HOUR, KOLKATA)).isEqualTo(to);
  }

  @Test
  void rollupsOnlyWhereEveryOffsetIsWholeHours() {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Instant to = Instant.parse("2026-12-31T00:00:00Z");
    assertThat(ClickAnalytics.wholeHourOffsets(PARIS, from, to)).isTrue();
    assertThat(ClickAnalytics.wholeHourOffsets(ZoneId.of("UTC"), from, to)).isTrue();
    assertThat(ClickAnalytics.wholeHourOffsets(KOLKATA, from, to)).isFalse();
    assertThat(ClickAnalytics.wholeHourOffsets(ZoneId.of("Asia/Kathmandu"), from, to)).isFalse();
    // Lord Howe Island: +10:30 in winter, +11 in summer; a range inside summer is whole hours
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    assertThat(ClickAnalytics.wholeHourOffsets(lordHowe, from, to)).isFalse();
    assertThat(
            ClickAnalytics.wholeHourOffsets(
                lordHowe,
                Instant.parse("2026-01-05T00:00:00Z"),
                Instant.parse("2026-01-06T00:00:00Z")))
        .isTrue();
  }

  @Test
  void thirtyOneDaysOfHoursFitTheBucketLimitAndMoreDoNot() {
    Instant from = Instant.parse("2026-10-01T00:30:00Z");
    Instant to = from.plus(AnalyticsQuery.MAX_HOURLY_RANGE);
    assertThat(
            ClickAnalytics.bucketStarts(
                ClickAnalytics.alignDown(from, Interval.HOUR, KOLKATA),
                ClickAnalytics.alignUp(to, Interval.HOUR, KOLKATA),
                Interval.HOUR,
                KOLKATA))
        .hasSize(744);
    assertThatThrownBy(
            () ->
                ClickAnalytics.bucketStarts(
                    from, from.plus(Duration.ofDays(32)), Interval.HOUR, PARIS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aQueryBeyondTheLimitsCannotBeMade() {
    Instant from = Instant.parse("2026-10-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                new AnalyticsQuery(
                    "o",
                    "d",
                    Optional.empty(),
                    from,
                    from.plus(Duration.ofDays(32)),
                    Interval.HOUR,
                    PARIS,
                    false,
                    10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AnalyticsQuery(
                    "o", "d", Optional.empty(), from, from, Interval.DAY, PARIS, false, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AnalyticsQuery(
                    "o",
                    "d",
                    Optional.empty(),
                    from,
                    from.plusSeconds(60),
                    Interval.DAY,
                    ZoneId.of("UTC+01:00"),
                    false,
                    10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AnalyticsQuery(
                    "o",
                    "d",
                    Optional.empty(),
                    from,
                    from.plusSeconds(60),
                    Interval.DAY,
                    PARIS,
                    false,
                    101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
