package dev.smo1.clicks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw clicks are kept {@code months} whole months past the current one, then deleted: the raw table
 * {@code clicks} is partitioned by month ({@code toYYYYMM(ts)}), and each partition older than that
 * is dropped ({@code ALTER TABLE clicks DROP PARTITION ID 'YYYYMM'}), so a click is kept at least
 * {@code months} months and less than one month more. The rollups ({@code clicks_hourly}, {@code
 * clicks_dims_hourly}) are other tables: their counts stay.
 *
 * <p>Not a table {@code TTL}: ClickHouse 18.16, the oldest server supported (Debian's, the one the
 * tests run), has none (it came in 19.6; decision 0021). Dropping a partition is cheap, works on
 * every version, and is idempotent, so every node runs this (after its migrations, then every
 * {@code every}) without coordinating.
 */
public final class ClickRetention {
  private static final Logger log = LoggerFactory.getLogger(ClickRetention.class);
  private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyyMM");
  private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);

  private final ClickHouseAccess clickHouse;
  private final int months;
  private final Clock clock;

  public ClickRetention(ClickHouseAccess clickHouse, int months, Clock clock) {
    if (months < 1) {
      throw new IllegalArgumentException("raw clicks are kept at least one month");
    }
    this.clickHouse = clickHouse;
    this.months = months;
    this.clock = clock;
  }

  /** The oldest month whose raw clicks are kept at {@code now}. */
  static YearMonth firstKept(Instant now, int months) {
    return YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(months);
  }

  /** Drops the partitions of months before {@link #firstKept} now; returns their ids. */
  public List<String> dropExpired() throws Exception {
    String oldest = firstKept(clock.instant(), months).format(PARTITION);
    List<String> dropped = new ArrayList<>();
    for (String partition :
        run("SELECT DISTINCT partition_id FROM system.parts WHERE database = currentDatabase()"
                + " AND table = 'clicks' AND active ORDER BY partition_id FORMAT TabSeparated")
            .split("\n")) {
      // partition ids of toYYYYMM are six digits: compared as text, they sort as months
      if (partition.matches("\\d{6}") && partition.compareTo(oldest) < 0) {
        run("ALTER TABLE clicks DROP PARTITION ID '" + partition + "'");
        dropped.add(partition);
      }
    }
    if (!dropped.isEmpty()) {
      log.info(
          "raw clicks past their retention dropped months={} retentionMonths={} oldestKept={}",
          dropped,
          months,
          oldest);
    }
    return dropped;
  }

  /** Drops expired months now and then every {@code every}, on {@code blocking}, until the end. */
  public void start(ActorSystem<?> system, Duration every, Executor blocking) {
    system
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO,
            every,
            () ->
                CompletableFuture.runAsync(
                    () -> {
                      try {
                        dropExpired();
                      } catch (Exception e) {
                        log.warn(
                            "raw clicks past their retention not dropped, tried again in {}: {}",
                            every,
                            e.toString());
                      }
                    },
                    blocking),
            system.executionContext());
  }

  private String run(String sql) throws Exception {
    return clickHouse.text(sql).get(STATEMENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS).strip();
  }
}
