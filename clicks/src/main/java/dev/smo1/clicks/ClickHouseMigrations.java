package dev.smo1.clicks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned ClickHouse schema migrations, applied at start-up (Flyway's ClickHouse support does not
 * reach Debian's 18.16). Migrations are classpath resources {@code <location>/V<n>__<name>.sql},
 * listed in order in {@code <location>/index.txt} (so they are found inside jars too); statements
 * are separated by a line ending in {@code ;}.
 *
 * <p>ClickHouse DDL is not transactional, so every statement must be idempotent ({@code CREATE ...
 * IF NOT EXISTS}): a migration that stopped half-way, or that two nodes started at once, is simply
 * applied again. 18.16 has no {@code ADD COLUMN IF NOT EXISTS}: a statement {@code ALTER TABLE <t>
 * ADD COLUMN <c> ...} (one column) is skipped here when the table has the column already. Applied
 * versions are recorded with a checksum in {@code smo1_schema_migrations}; a migration changed
 * after it was applied stops the start-up (write a new version instead). Nodes starting together
 * take turns through a {@link Lock} (a PostgreSQL advisory lock on the database they share), so
 * each migration is applied and recorded once.
 */
public final class ClickHouseMigrations {
  static final String HISTORY = "smo1_schema_migrations";
  private static final Logger log = LoggerFactory.getLogger(ClickHouseMigrations.class);
  private static final Pattern FILE = Pattern.compile("^V(\\d+)__([A-Za-z0-9_]+)\\.sql$");
  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(\\w+)\\s+ADD\\s+COLUMN\\s+(\\w+)\\s", Pattern.CASE_INSENSITIVE);
  private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);

  /** One migration: its version, name, statements and the checksum of its text. */
  public record Migration(int version, String name, List<String> statements, String checksum) {}

  /** Held while migrations are applied; released on close. */
  @FunctionalInterface
  public interface Lock {
    AutoCloseable acquire() throws Exception;
  }

  /** "SMO1CHMG": the advisory lock the nodes take turns on to apply ClickHouse migrations. */
  static final long ADVISORY_LOCK = 0x534D_4F31_4348_4D47L;

  private final ClickHouseAccess clickHouse;
  private final Lock lock;

  /** For a single applier (tests, tools): no lock. */
  public ClickHouseMigrations(ClickHouseAccess clickHouse) {
    this(clickHouse, () -> () -> {});
  }

  public ClickHouseMigrations(ClickHouseAccess clickHouse, Lock lock) {
    this.clickHouse = clickHouse;
    this.lock = lock;
  }

  /**
   * A session-level advisory lock on {@code database}, on a connection of its own, released by an
   * explicit unlock: a pooled connection's session outlives its {@code close()}, and with it a lock
   * not unlocked.
   */
  public static Lock advisoryLock(DataSource database) {
    return () -> {
      Connection connection = database.getConnection();
      try {
        advisory(connection, "SELECT pg_advisory_lock(?)");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return () -> {
        try (connection) {
          advisory(connection, "SELECT pg_advisory_unlock(?)");
        }
      };
    };
  }

  private static void advisory(Connection connection, String sql) throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      statement.setLong(1, ADVISORY_LOCK);
      statement.execute();
    }
  }

  /** Applies the migrations not applied yet, holding the lock; returns how many it applied. */
  public int apply(List<Migration> migrations) throws Exception {
    try (AutoCloseable held = lock.acquire()) {
      return applyHolding(migrations);
    }
  }

  private int applyHolding(List<Migration> migrations) throws Exception {
    run(
        "CREATE TABLE IF NOT EXISTS "
            + HISTORY
            + " (version UInt32, name String, checksum String, applied_at DateTime)"
            + " ENGINE = MergeTree ORDER BY version");
    Map<Integer, String> applied = new HashMap<>();
    for (String line :
        run("SELECT DISTINCT version, checksum FROM " + HISTORY + " FORMAT TabSeparated")
            .split("\n")) {
      if (!line.isBlank()) {
        String[] fields = line.split("\t");
        applied.put(Integer.parseInt(fields[0]), fields[1]);
      }
    }
    int count = 0;
    for (Migration migration : migrations) {
      String checksum = applied.get(migration.version());
      if (checksum != null) {
        if (!checksum.equals(migration.checksum())) {
          throw new IllegalStateException(
              "ClickHouse migration V"
                  + migration.version()
                  + "__"
                  + migration.name()
                  + " changed after it was applied; add a new version instead");
        }
        continue;
      }
      log.info("applying ClickHouse migration V{}__{}", migration.version(), migration.name());
      for (String statement : migration.statements()) {
        if (!columnAddedAlready(statement)) {
          run(statement);
        }
      }
      run(
          "INSERT INTO "
              + HISTORY
              + " (version, name, checksum, applied_at) VALUES ("
              + migration.version()
              + ", '"
              + migration.name()
              + "', '"
              + migration.checksum()
              + "', now())");
      count++;
    }
    return count;
  }

  /** Whether {@code statement} adds one column that its table has already. */
  private boolean columnAddedAlready(String statement) throws Exception {
    Matcher adds = ADD_COLUMN.matcher(statement);
    if (!adds.lookingAt()) {
      return false;
    }
    return !run("SELECT count() FROM system.columns WHERE database = currentDatabase()"
            + " AND table = '"
            + adds.group(1)
            + "' AND name = '"
            + adds.group(2)
            + "' FORMAT TabSeparated")
        .strip()
        .equals("0");
  }

  private String run(String sql) throws Exception {
    return clickHouse.text(sql).get(STATEMENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The migrations listed in {@code <location>/index.txt}, in order. */
  public static List<Migration> load(ClassLoader classLoader, String location) {
    List<Migration> migrations = new ArrayList<>();
    int previous = 0;
    for (String file : resource(classLoader, location + "/index.txt").split("\n")) {
      file = file.strip();
      if (file.isEmpty() || file.startsWith("#")) {
        continue;
      }
      Matcher matcher = FILE.matcher(file);
      if (!matcher.matches()) {
        throw new IllegalStateException("not a migration file name: " + file);
      }
      int version = Integer.parseInt(matcher.group(1));
      if (version != previous + 1) {
        throw new IllegalStateException(
            "ClickHouse migrations must be numbered 1, 2, 3…; " + file + " follows V" + previous);
      }
      previous = version;
      String text = resource(classLoader, location + "/" + file);
      migrations.add(new Migration(version, matcher.group(2), statements(text), sha256(text)));
    }
    return migrations;
  }

  /** Statements end with {@code ;} at the end of a line; {@code --} comment lines are dropped. */
  static List<String> statements(String text) {
    List<String> statements = new ArrayList<>();
    var current = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1).strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new IllegalStateException("a statement does not end with ';': " + current);
    }
    return statements;
  }

  private static String resource(ClassLoader classLoader, String path) {
    try (InputStream in = classLoader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
