package dev.smo1.clicks.testing;

import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.testing.TempDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LocalClickHouse} in a temporary directory, for a test, and queries against it. Tests
 * that need no server of their own share one per JVM ({@link #shared()}), each in a database of its
 * own ({@link #access(LocalClickHouse, String)}): a server takes seconds to start.
 */
public final class TestClickHouse {
  private static LocalClickHouse shared;

  private TestClickHouse() {}

  /** The JVM's shared server, started on first use and stopped when the JVM exits. */
  public static synchronized LocalClickHouse shared() {
    if (shared == null) {
      shared = start();
      LocalClickHouse server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-clickhouse-stop"));
    }
    return shared;
  }

  /** A client whose default database is {@code database}, made empty first. */
  public static ClickHouseAccess access(LocalClickHouse server, String database) {
    try (var admin = access(server)) {
      admin.text("DROP DATABASE IF EXISTS " + database).get(30, TimeUnit.SECONDS);
      admin.text("CREATE DATABASE " + database).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create the test database " + database, e);
    }
    return new ClickHouseAccess(server.url(), "default", "", database, Duration.ofSeconds(30));
  }

  public static LocalClickHouse start() {
    try {
      return LocalClickHouse.start(TempDirectories.create("smo1-test-clickhouse"))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "clickhouse-server is not installed (Debian package); ./smo1 test installs"
                          + " it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static ClickHouseAccess access(LocalClickHouse server) {
    return new ClickHouseAccess(server.url(), "default", "", Duration.ofSeconds(30));
  }

  /** The query's output, stripped ({@code FORMAT TabSeparated} is appended). */
  public static String query(ClickHouseAccess access, String sql) {
    try {
      return access.text(sql + " FORMAT TabSeparated").get(30, TimeUnit.SECONDS).strip();
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /**
   * {@code SELECT count() ...} as a number. A query that fails throws, a missing table included: a
   * caller that may ask before a node has created its tables asks {@link #tableExists} first.
   */
  public static long count(ClickHouseAccess access, String sql) {
    return Long.parseLong(query(access, sql));
  }

  /** Whether the table exists yet (a node creates its tables in the background). */
  public static boolean tableExists(ClickHouseAccess access, String table) {
    return count(
            access,
            "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = '"
                + table
                + "'")
        == 1;
  }
}
