package dev.smo1.clicks;

import static java.time.temporal.ChronoUnit.HOURS;

import dev.smo1.clicks.analytics.SqlLiterals;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the click rollups equal to the raw table when an insert was cut between the two (decision
 * 0010). ClickHouse writes an insert into {@code clicks} first and then runs the materialized views
 * that feed {@code clicks_hourly} and {@code clicks_dims_hourly}, not atomically: a server stopped
 * in between keeps the raw rows and loses some or all of their rollup rows. The consumer finds such
 * rows already stored when it delivers the batch again, and then asks this class to mend the
 * rollups of the hours and links they touched.
 *
 * <p>Mending compares raw clicks (distinct event ids) with the rollups' sums key by key and adds
 * the difference as rows of its own (the rollups are {@code SummingMergeTree}, so an added row is
 * summed in). That comparison is only true while no insert is half-way between table and views, so
 * every consumer in the cluster inserts under a shared PostgreSQL advisory lock and the mending
 * holds it exclusively, after waiting for inserts the server still runs for clients that gave up.
 * Mending recomputes from the current state each time, so running it again (after a failure half
 * way) never counts twice.
 */
public final class RollupRepair {
  /** The advisory lock shared by inserts and held alone by mending: "SMO1ROLL". */
  public static final long LOCK = 0x534D_4F31_524F_4C4CL;

  /** Query ids of the consumer's inserts start with this; mending waits for them to finish. */
  static final String INSERT_QUERY_PREFIX = "smo1-clicks-";

  /**
   * Each dimension of {@code clicks_dims_hourly}, the raw column its view reads and the raw rows it
   * counts (V1; V2's trigger view counts scans only).
   */
  static final List<Dimension> DIMENSIONS =
      List.of(
          new Dimension("country", "country", "1"),
          new Dimension("referrer", "referrer_host", "1"),
          new Dimension("device", "device", "1"),
          new Dimension("browser", "browser", "1"),
          new Dimension("os", "os", "1"),
          new Dimension("utm_source", "utm_source", "1"),
          new Dimension("trigger", "trigger", "trigger = 'qr'"));

  record Dimension(String name, String column, String rows) {}

  private static final Logger log = LoggerFactory.getLogger(RollupRepair.class);
  private static final Duration WAIT_FOR_INSERTS = Duration.ofMinutes(6);

  private static final Duration POLL_INSERTS = Duration.ofMillis(200);

  private final DataSource dataSource;
  private final ClickHouseAccess clickHouse;
  private final ClassicActorSystemProvider system;
  private final Executor blocking;
  private final Counter mended;

  /**
   * @param blocking where the JDBC and ClickHouse calls run (the lock is held on one connection
   *     across them, from whichever of its threads)
   */
  public RollupRepair(
      DataSource dataSource,
      ClickHouseAccess clickHouse,
      PrometheusRegistry registry,
      ClassicActorSystemProvider system,
      Executor blocking) {
    this.dataSource = dataSource;
    this.clickHouse = clickHouse;
    this.system = system;
    this.blocking = blocking;
    this.mended =
        Counter.builder()
            .name("smo1_clicks_rollup_mended_total")
            .help(
                "Clicks added to the rollups after an insert was cut between the raw table and its"
                    + " views, by rollup")
            .labelNames("rollup")
            .register(registry);
  }

  /** Runs an insert into {@code clicks} under the shared lock (waits while mending runs). */
  public <T> T inserting(Callable<T> insert) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      lock(connection, "SELECT pg_advisory_lock_shared(?)");
      try {
        return insert.call();
      } finally {
        lock(connection, "SELECT pg_advisory_unlock_shared(?)");
      }
    }
  }

  /**
   * Makes the rollups of the hours and links of {@code rows} count what the raw table holds;
   * completes with how many clicks it added to them (0 when nothing was missing).
   */
  public CompletionStage<Long> mend(Collection<ClickRow> rows) {
    if (rows.isEmpty()) {
      return CompletableFuture.completedFuture(0L);
    }
    Scope scope = Scope.of(rows);
    return CompletableFuture.supplyAsync(this::lockAlone, blocking)
        .thenCompose(
            connection ->
                awaitNoInsertRunning(System.nanoTime() + WAIT_FOR_INSERTS.toNanos())
                    .thenApplyAsync(none -> mendAll(scope), blocking)
                    .whenCompleteAsync((added, failure) -> unlock(connection), blocking));
  }

  private Connection lockAlone() {
    try {
      Connection connection = dataSource.getConnection();
      try {
        lock(connection, "SELECT pg_advisory_lock(?)");
        return connection;
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("taking the rollup lock failed", e);
    }
  }

  private static void unlock(Connection connection) {
    try (connection) {
      lock(connection, "SELECT pg_advisory_unlock(?)");
    } catch (SQLException e) {
      // a pooled connection's session outlives close(): the lock stays held until the pool
      // drops the connection (the unlock failing most likely means the connection is broken)
      log.warn("releasing the rollup lock failed: {}", e.toString());
    }
  }

  private long mendAll(Scope scope) {
    try {
      long added = mendHourly(scope);
      for (Dimension dimension : DIMENSIONS) {
        added += mendDimension(scope, dimension);
      }
      return added;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("mending the rollups failed", e);
    }
  }

  /**
   * The owners (with those a click may have been stored under before, {@link
   * ClickRows#EARLIER_OWNERS}), domains, codes and hours a batch touched.
   */
  record Scope(Set<String> owners, Set<String> domains, Set<String> codes, Set<Instant> hours) {
    static Scope of(Collection<ClickRow> rows) {
      Set<String> owners = new TreeSet<>(ClickRows.EARLIER_OWNERS);
      Set<String> domains = new TreeSet<>();
      Set<String> codes = new TreeSet<>();
      Set<Instant> hours = new TreeSet<>();
      for (ClickRow row : rows) {
        owners.add(row.owner());
        domains.add(row.click().domain());
        codes.add(row.click().code());
        hours.add(row.click().at().truncatedTo(HOURS));
      }
      return new Scope(owners, domains, codes, hours);
    }

    /** Raw rows of these owners, domains and hours. */
    String rawWhere() {
      Instant first = ((TreeSet<Instant>) hours).first();
      Instant last = ((TreeSet<Instant>) hours).last().plus(1, HOURS);
      return "owner IN "
          + ClickRows.list(owners)
          + " AND domain IN "
          + ClickRows.list(domains)
          + " AND ts >= "
          + SqlLiterals.dateTime(first)
          + " AND ts < "
          + SqlLiterals.dateTime(last)
          + " AND toStartOfHour(ts) IN "
          + hourList();
    }

    /** Rollup rows of these owners, domains and hours. */
    String rollupWhere() {
      return "owner IN "
          + ClickRows.list(owners)
          + " AND domain IN "
          + ClickRows.list(domains)
          + " AND hour IN "
          + hourList();
    }

    private String hourList() {
      return hours.stream().map(SqlLiterals::dateTime).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  private long mendHourly(Scope scope) throws Exception {
    String codes = " AND code IN " + ClickRows.list(scope.codes());
    String difference =
        "SELECT owner, domain, code, hour, is_bot, sum(r) AS raw, sum(s) AS rolled FROM ("
            + " SELECT owner, domain, code, toStartOfHour(ts) AS hour, is_bot,"
            + " uniqExact(event_id) AS r, toUInt64(0) AS s FROM clicks WHERE "
            + scope.rawWhere()
            + codes
            + " GROUP BY owner, domain, code, hour, is_bot"
            + " UNION ALL"
            + " SELECT owner, domain, code, hour, is_bot, toUInt64(0) AS r,"
            + " sum(clicks) AS s FROM clicks_hourly WHERE "
            + scope.rollupWhere()
            + codes
            + " GROUP BY owner, domain, code, hour, is_bot"
            + ") GROUP BY owner, domain, code, hour, is_bot HAVING raw != rolled";
    return mend(
        "clicks_hourly",
        difference,
        "INSERT INTO clicks_hourly (owner, domain, code, hour, is_bot, clicks)"
            + " SELECT owner, domain, code, hour, is_bot, raw - rolled FROM ("
            + difference
            + ") WHERE raw > rolled");
  }

  private long mendDimension(Scope scope, Dimension dimension) throws Exception {
    String name = SqlLiterals.string(dimension.name());
    String difference =
        "SELECT owner, domain, hour, is_bot, value, sum(r) AS raw, sum(s) AS rolled FROM ("
            + " SELECT owner, domain, toStartOfHour(ts) AS hour, is_bot, "
            + dimension.column()
            + " AS value, uniqExact(event_id) AS r, toUInt64(0) AS s FROM clicks WHERE "
            + scope.rawWhere()
            + " AND "
            + dimension.rows()
            + " GROUP BY owner, domain, hour, is_bot, value"
            + " UNION ALL"
            + " SELECT owner, domain, hour, is_bot, value, toUInt64(0) AS r,"
            + " sum(clicks) AS s FROM clicks_dims_hourly WHERE dimension = "
            + name
            + " AND "
            + scope.rollupWhere()
            + " GROUP BY owner, domain, hour, is_bot, value"
            + ") GROUP BY owner, domain, hour, is_bot, value HAVING raw != rolled";
    return mend(
        "clicks_dims_hourly " + dimension.name(),
        difference,
        "INSERT INTO clicks_dims_hourly (owner, domain, dimension, hour, is_bot, value, clicks)"
            + " SELECT owner, domain, "
            + name
            + ", hour, is_bot, value, raw - rolled FROM ("
            + difference
            + ") WHERE raw > rolled");
  }

  /** Adds the missing clicks of one rollup; a rollup above the raw table is reported, not cut. */
  private long mend(String rollup, String difference, String insert) throws Exception {
    String summary =
        clickHouse
            .text(
                "SELECT sumIf(raw - rolled, raw > rolled), sumIf(rolled - raw, rolled > raw) FROM ("
                    + difference
                    + ") FORMAT TabSeparated")
            .get(2, TimeUnit.MINUTES)
            .strip();
    String[] fields = summary.isEmpty() ? new String[] {"0", "0"} : summary.split("\t");
    long missing = Long.parseLong(fields[0]);
    long extra = Long.parseLong(fields[1]);
    if (extra > 0) {
      log.warn(
          "{} counts {} clicks more than the raw table holds in the hours mended; left as is",
          rollup,
          extra);
    }
    if (missing > 0) {
      clickHouse.text(insert).get(2, TimeUnit.MINUTES);
      mended.labelValues(rollup.split(" ")[0]).inc(missing);
      log.warn(
          "{} lacked {} clicks the raw table holds (an insert cut between table and views);"
              + " added",
          rollup,
          missing);
    }
    return missing;
  }

  /**
   * Completes once the server runs no insert of any consumer (none can start: the lock is held),
   * asking again every {@link #POLL_INSERTS} on Pekko's scheduler.
   */
  private CompletionStage<Void> awaitNoInsertRunning(long deadline) {
    String sql =
        "SELECT count() FROM system.processes WHERE query_id LIKE "
            + SqlLiterals.string(INSERT_QUERY_PREFIX + "%")
            + " FORMAT TabSeparated";
    return clickHouse
        .text(sql)
        .thenCompose(
            running -> {
              if (running.strip().equals("0")) {
                return CompletableFuture.completedFuture(null);
              }
              if (System.nanoTime() > deadline) {
                return CompletableFuture.failedFuture(
                    new TimeoutException("click inserts still running after " + WAIT_FOR_INSERTS));
              }
              return Patterns.after(POLL_INSERTS, system, () -> awaitNoInsertRunning(deadline));
            });
  }

  private static void lock(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, LOCK);
      statement.execute();
    }
  }
}
