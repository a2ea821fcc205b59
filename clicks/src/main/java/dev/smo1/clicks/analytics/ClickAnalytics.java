package dev.smo1.clicks.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.analytics.AnalyticsQuery.Interval;
import dev.smo1.clicks.analytics.AnalyticsReport.Bucket;
import dev.smo1.clicks.analytics.AnalyticsReport.TopValues;
import dev.smo1.clicks.analytics.AnalyticsReport.Totals;
import dev.smo1.clicks.analytics.AnalyticsReport.ValueCount;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click analytics read from ClickHouse (schema: {@code clickhouse/migrations/V1__clicks.sql}).
 *
 * <p><b>Alignment.</b> {@code from} is moved back to the start of its bucket and {@code to} forward
 * to the end of its bucket (local midnight for days, the top of the local hour for hours, both in
 * the query's zone), so every bucket of the series is whole; the report carries the aligned bounds.
 *
 * <p><b>Sources.</b> Totals and the series come from the hourly rollup {@code clicks_hourly} when
 * every UTC offset the zone has in the range is a whole hour (then local hours and days are unions
 * of UTC hours); otherwise (India, Nepal, Newfoundland…) from the raw {@code clicks}. Top values of
 * one link come from raw clicks (the dimension rollup is per owner, not per link); of the account
 * from {@code clicks_dims_hourly} under the same whole-hour condition, else from raw clicks. Unique
 * visitors always come from raw clicks: exact up to {@link #EXACT_UNIQUES_LIMIT} clicks,
 * HyperLogLog beyond. Rows are never duplicated in ClickHouse (duplicates are kept out before the
 * insert), so counts are exact.
 *
 * <p><b>Bounds.</b> Every query carries {@code max_execution_time} and the client waits at most a
 * little longer; a query that overruns, or a server that cannot be reached, completes the report
 * with {@link AnalyticsUnavailableException}. Every value reaches SQL through {@link SqlLiterals}.
 */
public final class ClickAnalytics implements ClickReports, TrackedClicks {
  /** Up to this many clicks in range, unique visitors are counted exactly. */
  public static final long EXACT_UNIQUES_LIMIT = 100_000;

  /** The most buckets a series may have (31 days of hours, aligned, is 745). */
  public static final int MAX_BUCKETS = 750;

  static final List<String> DIMENSIONS =
      List.of(
          "country",
          "referrer",
          "device",
          "browser",
          "os",
          "utm_source",
          "trigger",
          "rule",
          "variant");

  /**
   * The raw column of each dimension, in {@link #DIMENSIONS} order; '' is "unknown / none". A node
   * of before V2 writes a trigger '' during a rolling upgrade: a followed link.
   */
  private static final List<String> DIMENSION_COLUMNS =
      List.of(
          "country",
          "referrer_host",
          "device",
          "browser",
          "os",
          "utm_source",
          "if(trigger = 'qr', 'qr', 'link')",
          "if(rule = 0, '', toString(rule))",
          "if(variant = 0, '', toString(variant))");

  /**
   * The dimensions of a report of the whole account: a rule's or a variant's position means nothing
   * across links. The rollup holds the first six, and of the trigger only scans.
   */
  private static final int ACCOUNT_DIMENSIONS = 7;

  private static final Logger log = LoggerFactory.getLogger(ClickAnalytics.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CLIENT_GRACE = Duration.ofSeconds(2);

  private final ClickHouseAccess clickHouse;
  private final Duration queryTimeout;

  /**
   * @param queryTimeout the server-side limit of each query (whole seconds, at least one); the
   *     client gives up {@link #CLIENT_GRACE} later. The {@link ClickHouseAccess} socket timeout
   *     should be at least as long.
   */
  public ClickAnalytics(ClickHouseAccess clickHouse, Duration queryTimeout) {
    if (queryTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("queryTimeout must be at least one second");
    }
    this.clickHouse = clickHouse;
    this.queryTimeout = Duration.ofSeconds(queryTimeout.toSeconds());
  }

  @Override
  public CompletionStage<AnalyticsReport> report(AnalyticsQuery query) {
    ZoneId zone = query.zone();
    Instant from = alignDown(query.from(), query.interval(), zone);
    Instant to = alignUp(query.to(), query.interval(), zone);
    List<Instant> starts = bucketStarts(from, to, query.interval(), zone);
    boolean rollups = wholeHourOffsets(zone, from, to);

    CompletableFuture<long[]> series =
        rows(seriesSql(query, from, to, rollups)).thenApply(data -> fill(starts, data));
    boolean topFromRollup = query.code().isEmpty() && rollups;
    CompletableFuture<TopValues> top =
        rows(topFromRollup ? topFromRollupSql(query, from, to) : topFromRawSql(query, from, to))
            .thenApply(ClickAnalytics::topValues);
    CompletableFuture<Totals> totals =
        series.thenCompose(
            counts -> {
              long clicks = 0;
              for (long count : counts) {
                clicks += count;
              }
              if (clicks == 0) {
                return CompletableFuture.completedFuture(new Totals(0, 0, true));
              }
              boolean exact = clicks <= EXACT_UNIQUES_LIMIT;
              long total = clicks;
              return rows(uniquesSql(query, from, to, exact))
                  .thenApply(data -> new Totals(total, data.get(0).get(0).asLong(), exact));
            });
    return totals.thenCombine(
        top,
        (sums, found) -> {
          // the rollup counts scans only: the rest of the clicks followed the link
          TopValues values =
              topFromRollup
                  ? found.withTrigger(triggers(sums.clicks(), found.trigger(), query.top()))
                  : found;
          long[] counts = series.join();
          List<Bucket> buckets = new ArrayList<>(starts.size());
          for (int i = 0; i < starts.size(); i++) {
            buckets.add(new Bucket(starts.get(i).atZone(zone).toOffsetDateTime(), counts[i]));
          }
          return new AnalyticsReport(
              query.code().orElse(null),
              from,
              to,
              query.interval(),
              zone.getId(),
              query.includeBots(),
              sums,
              List.copyOf(buckets),
              values);
        });
  }

  private String seriesSql(AnalyticsQuery query, Instant from, Instant to, boolean rollups) {
    String time = rollups ? "hour" : "ts";
    String bucket =
        (query.interval() == Interval.HOUR ? "toStartOfHour(" : "toStartOfDay(")
            + time
            + ", "
            + SqlLiterals.timeZone(query.zone())
            + ")";
    return "SELECT toUnixTimestamp("
        + bucket
        + ") AS bucket, "
        + (rollups ? "sum(clicks)" : "count()")
        + " AS c FROM "
        + (rollups ? "clicks_hourly" : "clicks")
        + where(query, time, from, to)
        + " GROUP BY bucket ORDER BY bucket"
        + tail();
  }

  private String uniquesSql(AnalyticsQuery query, Instant from, Instant to, boolean exact) {
    return "SELECT "
        + (exact ? "uniqExact" : "uniq")
        + "(visitor) FROM clicks"
        + where(query, "ts", from, to)
        + tail();
  }

  /** One scan of the raw rows for all dimensions: each row is unfolded into one per dimension. */
  private String topFromRawSql(AnalyticsQuery query, Instant from, Instant to) {
    int dimensions = query.code().isPresent() ? DIMENSIONS.size() : ACCOUNT_DIMENSIONS;
    var names = new ArrayList<String>();
    DIMENSIONS.subList(0, dimensions).forEach(name -> names.add(SqlLiterals.string(name)));
    return "SELECT dimension, value, count() AS c FROM clicks ARRAY JOIN ["
        + String.join(", ", names)
        + "] AS dimension, ["
        + String.join(", ", DIMENSION_COLUMNS.subList(0, dimensions))
        + "] AS value"
        + where(query, "ts", from, to)
        + topTail(query);
  }

  /** Account-wide only: the dimension rollup has no code. */
  private String topFromRollupSql(AnalyticsQuery query, Instant from, Instant to) {
    var names = new ArrayList<String>();
    DIMENSIONS.subList(0, ACCOUNT_DIMENSIONS).forEach(name -> names.add(SqlLiterals.string(name)));
    return "SELECT dimension, value, sum(clicks) AS c FROM clicks_dims_hourly"
        + where(query, "hour", from, to)
        + " AND dimension IN ("
        + String.join(", ", names)
        + ")"
        + topTail(query);
  }

  private String topTail(AnalyticsQuery query) {
    return " GROUP BY dimension, value ORDER BY dimension, c DESC, value LIMIT "
        + SqlLiterals.number(query.top())
        + " BY dimension"
        + tail();
  }

  @Override
  public CompletionStage<Long> trackedClicks(String owner, Instant from, Instant to) {
    requireWholeHours(from, to);
    String sql =
        "SELECT sum(clicks) FROM clicks_hourly WHERE owner = "
            + SqlLiterals.string(owner)
            + " AND hour >= "
            + SqlLiterals.dateTime(from)
            + " AND hour < "
            + SqlLiterals.dateTime(to)
            + " AND is_bot = 0"
            + tail();
    return rows(sql).thenApply(data -> data.isEmpty() ? 0L : data.get(0).get(0).asLong());
  }

  @Override
  public CompletionStage<Optional<OverVolume>> overVolume(
      String owner, Instant from, Instant to, long volume) {
    requireWholeHours(from, to);
    if (volume < 0) {
      throw new IllegalArgumentException("a volume is not negative: " + volume);
    }
    String hours =
        "SELECT toUnixTimestamp(hour) AS h, sum(clicks) FROM clicks_hourly WHERE owner = "
            + SqlLiterals.string(owner)
            + " AND hour >= "
            + SqlLiterals.dateTime(from)
            + " AND hour < "
            + SqlLiterals.dateTime(to)
            + " AND is_bot = 0 GROUP BY h ORDER BY h"
            + tail();
    return rows(hours)
        .thenCompose(
            data -> {
              long before = 0;
              for (JsonNode row : data) {
                long clicks = row.get(1).asLong();
                if (before + clicks > volume) {
                  return firstInHour(
                      owner, Instant.ofEpochSecond(row.get(0).asLong()), volume - before);
                }
                before += clicks;
              }
              return CompletableFuture.completedFuture(Optional.<OverVolume>empty());
            });
  }

  /** The tracked click of {@code hour} after the first {@code skip} of it, from the raw rows. */
  private CompletableFuture<Optional<OverVolume>> firstInHour(
      String owner, Instant hour, long skip) {
    String sql =
        "SELECT toUnixTimestamp(ts), event_id FROM clicks WHERE owner = "
            + SqlLiterals.string(owner)
            + " AND ts >= "
            + SqlLiterals.dateTime(hour)
            + " AND ts < "
            + SqlLiterals.dateTime(hour.plus(Duration.ofHours(1)))
            + " AND is_bot = 0 ORDER BY ts, event_id LIMIT "
            + SqlLiterals.number(skip)
            + ", 1"
            + tail();
    return rows(sql)
        .thenApply(
            data ->
                data.isEmpty()
                    ? Optional.<OverVolume>empty()
                    : Optional.of(
                        new OverVolume(
                            Instant.ofEpochSecond(data.get(0).get(0).asLong()),
                            data.get(0).get(1).asText())));
  }

  @Override
  public CompletionStage<Map<String, Long>> ownersWithAtLeast(
      Instant from, Instant to, long floor) {
    requireWholeHours(from, to);
    String sql =
        "SELECT owner, sum(clicks) AS c FROM clicks_hourly WHERE hour >= "
            + SqlLiterals.dateTime(from)
            + " AND hour < "
            + SqlLiterals.dateTime(to)
            + " AND is_bot = 0 GROUP BY owner HAVING c >= "
            + SqlLiterals.number(floor)
            + " ORDER BY owner"
            + tail();
    return rows(sql)
        .thenApply(
            data -> {
              var owners = new java.util.LinkedHashMap<String, Long>();
              data.forEach(row -> owners.put(row.get(0).asText(), row.get(1).asLong()));
              return owners;
            });
  }

  private static void requireWholeHours(Instant from, Instant to) {
    if (!from.equals(alignDown(from, Interval.HOUR, java.time.ZoneOffset.UTC))
        || !to.equals(alignDown(to, Interval.HOUR, java.time.ZoneOffset.UTC))) {
      throw new IllegalArgumentException("tracked clicks are counted on whole hours");
    }
  }

  /** The longest an export may run on the server (exports read raw rows). */
  static final long EXPORT_MAX_SECONDS = 600;

  @Override
  public CompletionStage<java.io.InputStream> export(ClickExport query) {
    var columns = new ArrayList<String>();
    for (String column : ClickExport.COLUMNS) {
      columns.add(
          switch (column) {
            case "time" -> "toString(ts, 'UTC') AS time";
            case "is_bot" -> "is_bot";
            // text a visitor chose (the short URL's query, the referring site): defused for
            // spreadsheets as the API's other CSV is (a leading = + - @ gets a ')
            default ->
                "if(match("
                    + column
                    + ", '^[-=+@\\t\\r]'), concat('\\'', "
                    + column
                    + "), "
                    + column
                    + ") AS "
                    + column;
          });
    }
    var where = new StringBuilder(" WHERE owner = ").append(SqlLiterals.string(query.owner()));
    query
        .domain()
        .ifPresent(domain -> where.append(" AND domain = ").append(SqlLiterals.string(domain)));
    query.code().ifPresent(code -> where.append(" AND code = ").append(SqlLiterals.string(code)));
    where
        .append(" AND ts >= ")
        .append(SqlLiterals.dateTime(query.from()))
        .append(" AND ts < ")
        .append(SqlLiterals.dateTime(query.to()));
    if (!query.includeBots()) {
      where.append(" AND is_bot = 0");
    }
    String sql =
        "SELECT "
            + String.join(", ", columns)
            + " FROM clicks"
            + where
            + " ORDER BY ts, event_id SETTINGS max_execution_time = "
            + SqlLiterals.number(EXPORT_MAX_SECONDS)
            + " FORMAT CSVWithNames";
    return clickHouse.stream(sql)
        .exceptionally(
            error -> {
              throw new AnalyticsUnavailableException(
                  AnalyticsUnavailableException.Reason.UNAVAILABLE,
                  "the click export could not start",
                  error);
            });
  }

  /** The filter every query starts with: the owner always, so no query reads another's clicks. */
  private static String where(AnalyticsQuery query, String time, Instant from, Instant to) {
    var where =
        new StringBuilder(" WHERE owner = ")
            .append(SqlLiterals.string(query.owner()))
            .append(" AND domain = ")
            .append(SqlLiterals.string(query.domain()));
    if (query.code().isPresent()) {
      where.append(" AND code = ").append(SqlLiterals.string(query.code().get()));
    }
    where
        .append(" AND ")
        .append(time)
        .append(" >= ")
        .append(SqlLiterals.dateTime(from))
        .append(" AND ")
        .append(time)
        .append(" < ")
        .append(SqlLiterals.dateTime(to));
    if (!query.includeBots()) {
      where.append(" AND is_bot = 0");
    }
    return where.toString();
  }

  /** On 18.16 {@code SETTINGS} must come before {@code FORMAT}. */
  private String tail() {
    return " SETTINGS max_execution_time = "
        + SqlLiterals.number(queryTimeout.toSeconds())
        + " FORMAT JSONCompact";
  }

  /** Runs a query; completes with its {@code data} rows, or with the failure translated. */
  private CompletableFuture<List<JsonNode>> rows(String sql) {
    long started = System.nanoTime();
    CompletableFuture<String> output;
    try {
      output = clickHouse.text(sql);
    } catch (RuntimeException e) {
      output = CompletableFuture.failedFuture(e);
    }
    return output
        .orTimeout(queryTimeout.plus(CLIENT_GRACE).toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (text, error) -> {
              long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
              if (error != null) {
                var unavailable =
                    ClickHouseErrors.unavailable(error, Duration.ofMillis(millis), queryTimeout);
                log.warn(
                    "analytics query failed ms={} unavailable={} error={}",
                    millis,
                    unavailable.map(e -> e.reason().name()).orElse("no"),
                    error.toString());
                if (unavailable.isPresent()) {
                  throw unavailable.get();
                }
                throw new IllegalStateException("analytics query failed", error);
              }
              log.debug("analytics query ms={}", millis);
              return parse(text);
            });
  }

  private static List<JsonNode> parse(String text) {
    try {
      var rows = new ArrayList<JsonNode>();
      JSON.readTree(text).path("data").forEach(rows::add);
      return rows;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable ClickHouse answer", e);
    }
  }

  /** Counts per bucket start (epoch seconds from ClickHouse) onto the zero-filled series. */
  static long[] fill(List<Instant> starts, List<JsonNode> rows) {
    var index = new TreeMap<Long, Integer>();
    for (int i = 0; i < starts.size(); i++) {
      index.put(starts.get(i).getEpochSecond(), i);
    }
    long[] counts = new long[starts.size()];
    for (JsonNode row : rows) {
      // ClickHouse and java.time agree on bucket starts; floor keeps a count even where a
      // zone's history made them differ (a gap at midnight)
      Entry<Long, Integer> bucket = index.floorEntry(row.get(0).asLong());
      counts[bucket == null ? 0 : bucket.getValue()] += row.get(1).asLong();
    }
    return counts;
  }

  private static TopValues topValues(List<JsonNode> rows) {
    Map<String, List<ValueCount>> byDimension = new HashMap<>();
    DIMENSIONS.forEach(name -> byDimension.put(name, new ArrayList<>()));
    for (JsonNode row : rows) {
      String value = row.get(1).asText();
      byDimension
          .get(row.get(0).asText())
          .add(new ValueCount(value.isEmpty() ? null : value, row.get(2).asLong()));
    }
    return new TopValues(
        List.copyOf(byDimension.get("country")),
        List.copyOf(byDimension.get("referrer")),
        List.copyOf(byDimension.get("device")),
        List.copyOf(byDimension.get("browser")),
        List.copyOf(byDimension.get("os")),
        List.copyOf(byDimension.get("utm_source")),
        List.copyOf(byDimension.get("trigger")),
        List.copyOf(byDimension.get("rule")),
        List.copyOf(byDimension.get("variant")));
  }

  /**
   * The trigger values of an account report from the rollup, which holds scans only: {@code qr} as
   * counted, {@code link} the rest of {@code clicks}; most clicks first, ties by value, at most
   * {@code top}, none of 0 clicks.
   */
  static List<ValueCount> triggers(long clicks, List<ValueCount> scans, int top) {
    long scanned = scans.stream().mapToLong(ValueCount::clicks).sum();
    var values = new ArrayList<ValueCount>(2);
    if (clicks - scanned > 0) {
      values.add(new ValueCount("link", clicks - scanned));
    }
    if (scanned > 0) {
      values.add(new ValueCount("qr", scanned));
    }
    values.sort(
        java.util.Comparator.comparingLong(ValueCount::clicks)
            .reversed()
            .thenComparing(ValueCount::value));
    return List.copyOf(values.subList(0, Math.min(top, values.size())));
  }

  /** The start of the bucket holding {@code at}. */
  public static Instant alignDown(Instant at, Interval interval, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    return switch (interval) {
      case HOUR -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
      case DAY -> local.toLocalDate().atStartOfDay(zone).toInstant();
    };
  }

  /** {@code at} when it starts a bucket, else the start of the next bucket. */
  public static Instant alignUp(Instant at, Interval interval, ZoneId zone) {
    Instant down = alignDown(at, interval, zone);
    return down.equals(at) ? at : next(down, interval, zone);
  }

  private static Instant next(Instant start, Interval interval, ZoneId zone) {
    Instant next =
        switch (interval) {
          case HOUR -> alignDown(start.plus(Duration.ofHours(1)), interval, zone);
          case DAY -> start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        };
    // a 30-minute DST shift can fold an hour back onto itself
    return next.isAfter(start) ? next : start.plus(Duration.ofHours(1));
  }

  /**
   * The bucket starts from {@code from} (aligned) up to {@code to}, at most {@link #MAX_BUCKETS}.
   */
  public static List<Instant> bucketStarts(
      Instant from, Instant to, Interval interval, ZoneId zone) {
    var starts = new ArrayList<Instant>();
    for (Instant start = from; start.isBefore(to); start = next(start, interval, zone)) {
      if (starts.size() == MAX_BUCKETS) {
        throw new IllegalArgumentException("more than " + MAX_BUCKETS + " buckets");
      }
      starts.add(start);
    }
    return starts;
  }

  /** Whether every offset of {@code zone} in {@code [from, to)} is a whole number of hours. */
  public static boolean wholeHourOffsets(ZoneId zone, Instant from, Instant to) {
    ZoneRules rules = zone.getRules();
    if (rules.getOffset(from).getTotalSeconds() % 3600 != 0) {
      return false;
    }
    for (ZoneOffsetTransition transition = rules.nextTransition(from);
        transition != null && transition.getInstant().isBefore(to);
        transition = rules.nextTransition(transition.getInstant())) {
      if (transition.getOffsetAfter().getTotalSeconds() % 3600 != 0) {
        return false;
      }
    }
    return true;
  }
}
