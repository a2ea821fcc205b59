package dev.smo1.clicks.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.ClickHouseMigrations;
import dev.smo1.clicks.analytics.AnalyticsQuery.Interval;
import dev.smo1.clicks.analytics.AnalyticsReport.ValueCount;
import dev.smo1.clicks.testing.TestClickHouse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Click analytics against Debian's clickhouse-server (18.16) with the real migrations: exact
 * totals, uniques, zero-filled series in non-UTC zones (rollup and raw paths), bots, top values,
 * owner isolation, and hostile strings that neither break a query nor change its result.
 */
class ClickAnalyticsTest {
  private static final String OWNER = "acct-a";
  private static final String OTHER = "acct-b";
  private static final String HOSTILE_OWNER = "acct-a' OR '1'='1";
  private static final String HOSTILE_CODE = "x' OR '1'='1";
  private static final String DOMAIN = "smo1.test";
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ClickHouseAccess access;
  private static ClickAnalytics analytics;

  @BeforeAll
  static void start() throws Exception {
    access = TestClickHouse.access(TestClickHouse.shared(), "click_analytics_test");
    new ClickHouseMigrations(access)
        .apply(
            ClickHouseMigrations.load(
                ClickAnalyticsTest.class.getClassLoader(), "clickhouse/migrations"));
    analytics = new ClickAnalytics(access, Duration.ofSeconds(5));

    var rows = new ArrayList<String>();
    // link abc around the DST change in Paris (2026-10-25 03:00 CEST -> 02:00 CET)
    rows.add(row(OWNER, "abc", "2026-10-23T21:59:59Z", "DE", "t.co", 0, 1)); // Oct 23 23:59:59
    rows.add(row(OWNER, "abc", "2026-10-23T22:00:00Z", "DE", "t.co", 0, 1)); // Oct 24 00:00
    rows.add(row(OWNER, "abc", "2026-10-24T21:30:00Z", "DE", "", 0, 1)); // Oct 24 23:30
    rows.add(row(OWNER, "abc", "2026-10-24T10:00:00Z", "DE", "t.co", 1, 9)); // a bot, Oct 24
    rows.add(row(OWNER, "abc", "2026-10-24T22:30:00Z", "FR", "t.co", 0, 2)); // Oct 25 00:30
    rows.add(row(OWNER, "abc", "2026-10-25T22:30:00Z", "DE", "", 0, 3)); // Oct 25 23:30 CET
    rows.add(row(OWNER, "abc", "2026-10-25T23:00:00Z", "", "", 0, 3)); // Oct 26 00:00
    rows.add(row(OWNER, "abc", "2026-10-28T12:00:00Z", "US", "bsky.app", 0, 4)); // Oct 28
    rows.add(row(OWNER, "abc", "2026-10-29T00:00:00Z", "US", "bsky.app", 0, 4)); // Oct 29 01:00
    // another link of the same owner
    rows.add(row(OWNER, "def", "2026-10-26T09:00:00Z", "GB", "t.co", 0, 5));
    // a code made to look like SQL, and an owner too
    rows.add(row(OWNER, HOSTILE_CODE, "2026-10-24T12:00:00Z", "DE", "t.co", 0, 6));
    rows.add(row(HOSTILE_OWNER, "abc", "2026-10-24T12:00:00Z", "DE", "t.co", 0, 7));
    // another owner's clicks on the same code, domain and days
    for (int i = 0; i < 5; i++) {
      rows.add(row(OTHER, "abc", "2026-10-24T12:00:00Z", "DE", "t.co", 0, 100 + i));
    }
    // link def, hourly in India (a half-hour offset: the raw path)
    rows.add(row(OWNER, "def", "2026-11-02T04:29:59Z", "IN", "", 0, 10)); // 09:59:59 IST
    rows.add(row(OWNER, "def", "2026-11-02T04:30:00Z", "IN", "", 0, 10)); // 10:00
    rows.add(row(OWNER, "def", "2026-11-02T05:15:00Z", "IN", "t.co", 0, 11)); // 10:45
    rows.add(row(OWNER, "def", "2026-11-02T05:45:00Z", "US", "", 0, 12)); // 11:15
    rows.add(row(OWNER, "def", "2026-11-02T08:29:59Z", "IN", "", 0, 10)); // 13:59:59
    rows.add(row(OWNER, "def", "2026-11-02T08:30:00Z", "IN", "", 0, 10)); // 14:00
    access.insertJsonRows("clicks", String.join("\n", rows)).get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (access != null) {
      access.close();
    }
  }

  private static int sequence;

  /** One raw click with every column. */
  private static String row(
      String owner, String code, String at, String country, String referrer, int bot, long visitor)
      throws Exception {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("event_id", "event-" + (++sequence));
    row.put("ts", Instant.parse(at).getEpochSecond());
    row.put("owner", owner);
    row.put("domain", DOMAIN);
    row.put("code", code);
    row.put("source", "edge");
    row.put("country", country);
    row.put("colo", "CDG");
    row.put("referrer", referrer.isEmpty() ? "" : "https://" + referrer + "/x");
    row.put("referrer_host", referrer);
    row.put("utm_source", country.equals("DE") ? "newsletter" : "");
    row.put("utm_medium", "");
    row.put("utm_campaign", "");
    row.put("utm_term", "");
    row.put("utm_content", "");
    // scans from the US; a node of before V2 (trigger '') wrote the clicks without a country
    row.put("trigger", country.equals("US") ? "qr" : country.isEmpty() ? "" : "link");
    row.put("rule", country.equals("DE") ? 1 : 0);
    row.put("variant", referrer.equals("t.co") ? 2 : 0);
    row.put("device", bot == 1 ? "Robot" : "Desktop");
    row.put("browser", bot == 1 ? "Googlebot" : "Firefox");
    row.put("os", "Linux");
    row.put("is_bot", bot);
    row.put("visitor", visitor);
    row.put("user_agent", "Mozilla/5.0");
    row.put("received_at", Instant.parse(at).getEpochSecond());
    return JSON.writeValueAsString(row);
  }

  private static AnalyticsReport report(
      String owner,
      Optional<String> code,
      String from,
      String to,
      Interval interval,
      ZoneId zone,
      boolean bots,
      int top)
      throws Exception {
    return analytics
        .report(
            new AnalyticsQuery(
                owner,
                DOMAIN,
                code,
                Instant.parse(from),
                Instant.parse(to),
                interval,
                zone,
                bots,
                top))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static AnalyticsReport parisDays(String owner, Optional<String> code, boolean bots)
      throws Exception {
    // Paris dates 2026-10-24 .. 2026-10-28 inclusive
    return report(
        owner, code, "2026-10-23T22:00:00Z", "2026-10-28T23:00:00Z", Interval.DAY, PARIS, bots, 10);
  }

  private static List<String> starts(AnalyticsReport report) {
    return report.series().stream().map(bucket -> bucket.start().toString()).toList();
  }

  private static List<Long> counts(AnalyticsReport report) {
    return report.series().stream().map(AnalyticsReport.Bucket::clicks).toList();
  }

  /**
   * The owner's tracked clicks of October, in the order they happened: event-1 (23rd 21:59:59),
   * event-2 (23rd 22:00), event-11 (24th 12:00), event-3 (24th 21:30), event-5 (24th 22:30),
   * event-6, event-7, event-10, event-8, event-9 (29th 00:00); the bot's event-4 is not one.
   */
  @Test
  void theFirstClickOverAVolumeIsFoundInTheOrderClicksHappened() throws Exception {
    Instant october = Instant.parse("2026-10-01T00:00:00Z");
    Instant november = Instant.parse("2026-11-01T00:00:00Z");
    assertThat(overVolume(OWNER, october, november, 0))
        .hasValue(new TrackedClicks.OverVolume(Instant.parse("2026-10-23T21:59:59Z"), "event-1"));
    assertThat(overVolume(OWNER, october, november, 2))
        .hasValue(new TrackedClicks.OverVolume(Instant.parse("2026-10-24T12:00:00Z"), "event-11"));
    assertThat(overVolume(OWNER, october, november, 4))
        .hasValue(new TrackedClicks.OverVolume(Instant.parse("2026-10-24T22:30:00Z"), "event-5"));
    assertThat(overVolume(OWNER, october, november, 9))
        .hasValue(new TrackedClicks.OverVolume(Instant.parse("2026-10-29T00:00:00Z"), "event-9"));
    assertThat(overVolume(OWNER, october, november, 10)).isEmpty();
    // five clicks in one second: the event id orders them
    assertThat(overVolume(OTHER, october, november, 2))
        .hasValue(new TrackedClicks.OverVolume(Instant.parse("2026-10-24T12:00:00Z"), "event-15"));
    assertThat(overVolume(HOSTILE_OWNER, october, november, 0))
        .hasValue(new TrackedClicks.OverVolume(Instant.parse("2026-10-24T12:00:00Z"), "event-12"));
    assertThat(overVolume(OWNER, november, Instant.parse("2026-12-01T00:00:00Z"), 5))
        .hasValue(new TrackedClicks.OverVolume(Instant.parse("2026-11-02T08:30:00Z"), "event-23"));
  }

  @Test
  void ownersOverAFloorOfTrackedClicksAreListedWithTheirs() throws Exception {
    Instant october = Instant.parse("2026-10-01T00:00:00Z");
    Instant november = Instant.parse("2026-11-01T00:00:00Z");
    assertThat(analytics.ownersWithAtLeast(october, november, 5).toCompletableFuture().get())
        .containsExactly(Map.entry(OWNER, 10L), Map.entry(OTHER, 5L));
    assertThat(analytics.ownersWithAtLeast(october, november, 6).toCompletableFuture().get())
        .containsExactly(Map.entry(OWNER, 10L));
    assertThat(analytics.ownersWithAtLeast(october, november, 11).toCompletableFuture().get())
        .isEmpty();
  }

  private static Optional<TrackedClicks.OverVolume> overVolume(
      String owner, Instant from, Instant to, long volume) throws Exception {
    return analytics.overVolume(owner, from, to, volume).toCompletableFuture().get();
  }

  @Test
  void linkDaysInParisAreZeroFilledAndFollowTheDstChange() throws Exception {
    var report = parisDays(OWNER, Optional.of("abc"), false);

    assertThat(starts(report))
        .containsExactly(
            "2026-10-24T00:00+02:00",
            "2026-10-25T00:00+02:00",
            "2026-10-26T00:00+01:00",
            "2026-10-27T00:00+01:00",
            "2026-10-28T00:00+01:00");
    assertThat(counts(report)).containsExactly(2L, 2L, 1L, 0L, 1L);
    assertThat(report.totals()).isEqualTo(new AnalyticsReport.Totals(6, 4, true));
    assertThat(report.code()).isEqualTo("abc");
    assertThat(report.from()).isEqualTo(Instant.parse("2026-10-23T22:00:00Z"));
    assertThat(report.to()).isEqualTo(Instant.parse("2026-10-28T23:00:00Z"));
    assertThat(report.botsIncluded()).isFalse();
  }

  @Test
  void botsCountOnlyWhenIncluded() throws Exception {
    var report = parisDays(OWNER, Optional.of("abc"), true);

    assertThat(counts(report)).containsExactly(3L, 2L, 1L, 0L, 1L);
    assertThat(report.totals()).isEqualTo(new AnalyticsReport.Totals(7, 5, true));
    assertThat(report.top().device())
        .containsExactly(new ValueCount("Desktop", 6), new ValueCount("Robot", 1));
  }

  @Test
  void boundsAreAlignedToWholeLocalDays() throws Exception {
    var report =
        report(
            OWNER,
            Optional.of("abc"),
            "2026-10-24T10:00:00Z",
            "2026-10-25T23:00:01Z",
            Interval.DAY,
            PARIS,
            false,
            10);

    assertThat(report.from()).isEqualTo(Instant.parse("2026-10-23T22:00:00Z"));
    assertThat(report.to()).isEqualTo(Instant.parse("2026-10-26T23:00:00Z"));
    assertThat(counts(report)).containsExactly(2L, 2L, 1L);
  }

  @Test
  void linkTopValuesReportUnknownAsNullMostClicksFirst() throws Exception {
    var top = parisDays(OWNER, Optional.of("abc"), false).top();

    assertThat(top.country())
        .containsExactly(
            new ValueCount("DE", 3),
            new ValueCount(null, 1),
            new ValueCount("FR", 1),
            new ValueCount("US", 1));
    assertThat(top.referrer())
        .containsExactly(
            new ValueCount(null, 3), new ValueCount("t.co", 2), new ValueCount("bsky.app", 1));
    assertThat(top.utmSource())
        .containsExactly(new ValueCount(null, 3), new ValueCount("newsletter", 3));
    assertThat(top.os()).containsExactly(new ValueCount("Linux", 6));
    assertThat(top.trigger()).containsExactly(new ValueCount("link", 5), new ValueCount("qr", 1));
    assertThat(top.rule()).containsExactly(new ValueCount(null, 3), new ValueCount("1", 3));
    assertThat(top.variant()).containsExactly(new ValueCount(null, 4), new ValueCount("2", 2));

    var topOne =
        report(
                OWNER,
                Optional.of("abc"),
                "2026-10-23T22:00:00Z",
                "2026-10-28T23:00:00Z",
                Interval.DAY,
                PARIS,
                false,
                1)
            .top();
    assertThat(topOne.country()).containsExactly(new ValueCount("DE", 3));
  }

  @Test
  void accountTotalsAndTopValuesSumTheOwnersLinksOnly() throws Exception {
    var report = parisDays(OWNER, Optional.empty(), false);

    // abc 6 + def 1 (Oct 26) + the hostile code 1 (Oct 24); never acct-b nor the hostile owner
    assertThat(report.code()).isNull();
    assertThat(counts(report)).containsExactly(3L, 2L, 2L, 0L, 1L);
    assertThat(report.totals()).isEqualTo(new AnalyticsReport.Totals(8, 6, true));
    assertThat(report.top().country())
        .containsExactly(
            new ValueCount("DE", 4),
            new ValueCount(null, 1),
            new ValueCount("FR", 1),
            new ValueCount("GB", 1),
            new ValueCount("US", 1));
    // from the rollup, which counts scans only; positions mean nothing across links
    assertThat(report.top().trigger())
        .containsExactly(new ValueCount("link", 7), new ValueCount("qr", 1));
    assertThat(report.top().rule()).isEmpty();
    assertThat(report.top().variant()).isEmpty();
  }

  @Test
  void hoursInIndiaComeFromRawClicksZeroFilled() throws Exception {
    var link =
        report(
            OWNER,
            Optional.of("def"),
            "2026-11-02T04:45:00Z",
            "2026-11-02T08:30:00Z",
            Interval.HOUR,
            KOLKATA,
            false,
            10);

    assertThat(link.from()).isEqualTo(Instant.parse("2026-11-02T04:30:00Z"));
    assertThat(starts(link))
        .containsExactly(
            "2026-11-02T10:00+05:30",
            "2026-11-02T11:00+05:30",
            "2026-11-02T12:00+05:30",
            "2026-11-02T13:00+05:30");
    assertThat(counts(link)).containsExactly(2L, 1L, 0L, 1L);
    assertThat(link.totals()).isEqualTo(new AnalyticsReport.Totals(4, 3, true));

    var account =
        report(
            OWNER,
            Optional.empty(),
            "2026-11-02T04:30:00Z",
            "2026-11-02T08:30:00Z",
            Interval.HOUR,
            KOLKATA,
            false,
            10);
    assertThat(counts(account)).containsExactly(2L, 1L, 0L, 1L);
    assertThat(account.top().country())
        .containsExactly(new ValueCount("IN", 3), new ValueCount("US", 1));
    assertThat(account.top().referrer())
        .containsExactly(new ValueCount(null, 3), new ValueCount("t.co", 1));
    assertThat(account.top().trigger())
        .containsExactly(new ValueCount("link", 3), new ValueCount("qr", 1));
    assertThat(account.top().rule()).isEmpty();
  }

  @Test
  void hourlyRollupAndRawClicksAgreeInUtc() throws Exception {
    var report =
        report(
            OWNER,
            Optional.of("def"),
            "2026-11-02T04:00:00Z",
            "2026-11-02T09:00:00Z",
            Interval.HOUR,
            ZoneId.of("UTC"),
            false,
            10);

    assertThat(counts(report)).containsExactly(2L, 2L, 0L, 0L, 2L);
    assertThat(report.series().get(0).start())
        .isEqualTo(OffsetDateTime.parse("2026-11-02T04:00:00Z"));
  }

  @Test
  void anotherOwnerSeesOnlyTheirOwnClicks() throws Exception {
    assertThat(parisDays(OTHER, Optional.of("abc"), true).totals())
        .isEqualTo(new AnalyticsReport.Totals(5, 5, true));
    assertThat(parisDays(OTHER, Optional.empty(), true).totals().clicks()).isEqualTo(5);
    assertThat(parisDays("nobody", Optional.empty(), true).totals())
        .isEqualTo(new AnalyticsReport.Totals(0, 0, true));
  }

  @Test
  void hostileOwnersAndCodesAreJustValues() throws Exception {
    // exactly the one row stored under each hostile string, nothing more
    assertThat(parisDays(OWNER, Optional.of(HOSTILE_CODE), false).totals().clicks()).isEqualTo(1);
    assertThat(parisDays(HOSTILE_OWNER, Optional.empty(), false).totals().clicks()).isEqualTo(1);
    assertThat(parisDays(HOSTILE_OWNER, Optional.of("abc"), false).totals().clicks()).isEqualTo(1);
    for (String code :
        List.of("abc'", "abc\\", "abc\\'", "' OR 1=1 --", "abc') OR ('1'='1", "\\' OR 1=1 --")) {
      var report = parisDays(OWNER, Optional.of(code), true);
      assertThat(report.totals().clicks()).as(code).isZero();
      assertThat(report.top().country()).as(code).isEmpty();
    }
    var hostileOwner = parisDays("acct-a\\", Optional.empty(), true);
    assertThat(hostileOwner.totals().clicks()).isZero();
  }

  @Test
  void stringLiteralsComeBackFromClickHouseUnchanged() throws Exception {
    for (String value :
        List.of(
            "x' OR '1'='1",
            "abc\\",
            "\\'",
            "''",
            "\\x41\\N\\0\\t",
            "UTC'); DROP TABLE clicks;--",
            "straße 🎉 \"q\" `b`",
            "")) {
      String answer =
          access
              .text("SELECT " + SqlLiterals.string(value) + " AS v FORMAT JSONCompact")
              .get(30, TimeUnit.SECONDS);
      assertThat(JSON.readTree(answer).at("/data/0/0").asText()).isEqualTo(value);
    }
    assertThat(
            access
                .text(
                    "SELECT count() FROM system.tables WHERE database = currentDatabase()"
                        + " AND name = 'clicks' FORMAT TabSeparated")
                .get(30, TimeUnit.SECONDS)
                .trim())
        .isEqualTo("1");
  }

  @Test
  void beyondTheExactLimitUniquesAreEstimated() throws Exception {
    access
        .text(
            "INSERT INTO clicks (event_id, ts, owner, domain, code, is_bot, visitor)"
                + " SELECT concat('big-', toString(number)), toDateTime(1790000000 + number % 80000),"
                + " 'acct-big', 'smo1.test', 'big', 0, number % 5000 FROM system.numbers"
                + " LIMIT 100001")
        .get(60, TimeUnit.SECONDS);

    // the link's report, and the account's (rollups for totals, raw clicks for visitors:
    // decision 0009)
    for (Optional<String> code : List.of(Optional.of("big"), Optional.<String>empty())) {
      var report =
          report(
              "acct-big",
              code,
              "2026-09-21T00:00:00Z",
              "2026-09-24T00:00:00Z",
              Interval.DAY,
              ZoneId.of("UTC"),
              false,
              3);

      assertThat(report.totals().clicks()).as("code %s", code).isEqualTo(100_001);
      assertThat(report.totals().uniqueVisitorsExact()).as("code %s", code).isFalse();
      assertThat((double) report.totals().uniqueVisitors())
          .as("code %s", code)
          .isCloseTo(5000, within(100.0));
    }
  }

  /** The error of {@code sql} (18.16 reports it as {@code Code: 0}, unreadable) and its time. */
  private static Throwable failure(String sql, long[] elapsedMillis) {
    long started = System.nanoTime();
    try {
      access.text(sql).get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure: " + sql);
    } catch (Exception e) {
      return e;
    } finally {
      elapsedMillis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
  }

  @Test
  void anOverrunningQueryIsATimeoutABadOneIsNoOutageAndNoServerIsUnavailable() throws Exception {
    long[] elapsed = new long[1];
    Throwable overrun =
        failure(
            "SELECT count() FROM system.numbers WHERE sipHash64(number) % 7 = 8"
                + " SETTINGS max_execution_time = 1 FORMAT JSONCompact",
            elapsed);
    assertThat(
            ClickHouseErrors.unavailable(
                overrun, Duration.ofMillis(elapsed[0]), Duration.ofSeconds(1)))
        .hasValueSatisfying(
            unavailable ->
                assertThat(unavailable.reason())
                    .isEqualTo(AnalyticsUnavailableException.Reason.TIMEOUT));

    Throwable malformed = failure("SELECT nonsense( FORMAT JSONCompact", elapsed);
    assertThat(
            ClickHouseErrors.unavailable(
                malformed, Duration.ofMillis(elapsed[0]), Duration.ofSeconds(1)))
        .isEmpty();

    try (var nowhere =
        new ClickHouseAccess("http://127.0.0.1:9", "default", "", Duration.ofSeconds(2))) {
      var unreachable = new ClickAnalytics(nowhere, Duration.ofSeconds(1));
      assertThatThrownBy(
              () ->
                  unreachable
                      .report(
                          new AnalyticsQuery(
                              OWNER,
                              DOMAIN,
                              Optional.empty(),
                              Instant.parse("2026-10-01T00:00:00Z"),
                              Instant.parse("2026-10-02T00:00:00Z"),
                              Interval.DAY,
                              PARIS,
                              false,
                              10))
                      .toCompletableFuture()
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              AnalyticsUnavailableException.class,
              unavailable ->
                  assertThat(unavailable.reason())
                      .isEqualTo(AnalyticsUnavailableException.Reason.UNAVAILABLE));
    }
  }
}
