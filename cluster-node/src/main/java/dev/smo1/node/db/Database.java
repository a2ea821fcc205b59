package dev.smo1.node.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own connection pool, and the schema migrations that run before anything else touches
 * the database. Each module owns its tables and their migrations (decision 0012): a Flyway location
 * and a history table per module, applied in the fixed order of {@link #MODULES}. Flyway serialises
 * concurrent migrations of several starting nodes with a PostgreSQL advisory lock.
 */
public final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** One module's migrations: its Flyway location and its own history table. */
  public record ModuleSchema(String module, String location) {
    public String historyTable() {
      return "flyway_schema_history_" + module;
    }
  }

  /**
   * Every module's migrations, in the order they are applied: a module's tables may refer only to
   * those of modules before it.
   */
  public static final List<ModuleSchema> MODULES =
      List.of(
          // cluster-node: the journal and snapshots of pekko-persistence-jdbc
          new ModuleSchema("journal", "classpath:db/journal"),
          // projections: their offsets, the links read model, the edge KV mirror
          new ModuleSchema("projections", "classpath:db/projections"),
          // accounts: users, sessions, workspaces' read model, API keys, the audit log
          new ModuleSchema("accounts", "classpath:db/accounts"),
          // billing: Stripe customers and subscriptions, events processed, notices sent
          new ModuleSchema("billing", "classpath:db/billing"),
          // safety: takedowns and abuse reports (their audit entries are the accounts' log)
          new ModuleSchema("safety", "classpath:db/safety"),
          // webhooks: endpoints, the delivery queue and its attempts
          new ModuleSchema("webhooks", "classpath:db/webhooks"));

  /**
   * Histories whose module was renamed: {@code auth} (http-api's API keys) became part of {@code
   * accounts}, whose V1 is the same file.
   */
  static final Map<String, String> RENAMED_HISTORIES =
      Map.of("flyway_schema_history_auth", "flyway_schema_history_accounts");

  /** The history table of the layout before modules owned their migrations (one location). */
  static final String LEGACY_HISTORY = "flyway_schema_history";

  /** Where the legacy history is kept once adopted (read by nobody; kept for the record). */
  static final String ADOPTED_HISTORY = "flyway_schema_history_before_modules";

  /**
   * Each version of the legacy layout (V1–V6 in {@code cluster-node/…/db/migration}) as the module
   * and version it became. The files are unchanged but for their names, so adopting a legacy
   * database means recording its applied versions as each module's baseline.
   */
  static final Map<Integer, ModuleVersion> LEGACY_VERSIONS =
      Map.of(
          1, new ModuleVersion("journal", 1),
          2, new ModuleVersion("accounts", 1),
          3, new ModuleVersion("projections", 1),
          4, new ModuleVersion("projections", 2),
          5, new ModuleVersion("projections", 3),
          6, new ModuleVersion("projections", 4));

  record ModuleVersion(String module, int version) {}

  /** Serialises adoption across nodes starting together: "SMO1ADPT". */
  private static final long ADOPTION_LOCK = 0x534D_4F31_4144_5054L;

  private Database() {}

  public static HikariDataSource pool(
      String url,
      String user,
      String password,
      int size,
      Duration connectionTimeout,
      JdbcTimeouts timeouts) {
    var config = new HikariConfig();
    config.setConnectionInitSql(timeouts.initSql());
    // pgjdbc's properties, in seconds
    config.addDataSourceProperty("socketTimeout", timeouts.socket().toSeconds());
    config.addDataSourceProperty("connectTimeout", timeouts.connect().toSeconds());
    config.addDataSourceProperty("tcpKeepAlive", true);
    config.setPoolName("smo1");
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(connectionTimeout.toMillis());
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /** Adopts a database of the legacy layout if there is one, then migrates every module. */
  public static void migrate(DataSource dataSource) {
    // nodes starting together migrate one after another: Flyway's baseline of a module's new
    // history is not safe against another node's (one creates the table, the other finds it
    // empty and fails), so the whole migration is under a session advisory lock
    try (Connection connection = dataSource.getConnection()) {
      lock(connection, "SELECT pg_advisory_lock(?)");
      try {
        adoptLegacyLayout(dataSource);
        renameHistories(dataSource);
        for (ModuleSchema module : MODULES) {
          // the tables of the modules before it are there already: a module's own history starts
          // empty (baseline 0), and every one of its migrations is applied
          flyway(dataSource, module).baselineOnMigrate(true).baselineVersion("0").load().migrate();
        }
      } finally {
        lock(connection, "SELECT pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the database migration's lock failed", e);
    }
  }

  /** The advisory lock the nodes' migrations take (another than the legacy adoption's). */
  static final long MIGRATION_LOCK = 0x534d4f315f4d4947L; // "SMO1_MIG"

  private static void lock(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, MIGRATION_LOCK);
      statement.execute();
    }
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
      DataSource dataSource, ModuleSchema module) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(module.location())
        .table(module.historyTable());
  }

  /**
   * A database written before modules owned their migrations has one history table: each module's
   * history starts at a baseline of the versions the legacy one shows applied, and the legacy table
   * is renamed so this runs once. Under an advisory lock: nodes starting together adopt once.
   */
  static void adoptLegacyLayout(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      advisory(connection, "SELECT pg_advisory_lock(?)");
      try {
        if (!tableExists(connection, LEGACY_HISTORY)) {
          return;
        }
        TreeSet<Integer> applied = appliedLegacyVersions(connection);
        for (ModuleSchema module : MODULES) {
          int baseline =
              applied.stream()
                  .map(LEGACY_VERSIONS::get)
                  .filter(version -> version != null && version.module().equals(module.module()))
                  .mapToInt(ModuleVersion::version)
                  .max()
                  .orElse(0);
          if (baseline > 0 && !tableExists(connection, module.historyTable())) {
            flyway(dataSource, module)
                .baselineVersion(String.valueOf(baseline))
                .baselineDescription("adopted from " + LEGACY_HISTORY)
                .load()
                .baseline();
          }
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("ALTER TABLE " + LEGACY_HISTORY + " RENAME TO " + ADOPTED_HISTORY);
        }
        log.info(
            "database of the single-history layout adopted: legacy versions {} now baselines of"
                + " the module histories; {} renamed to {}",
            applied,
            LEGACY_HISTORY,
            ADOPTED_HISTORY);
      } finally {
        advisory(connection, "SELECT pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("adopting the legacy schema history failed", e);
    }
  }

  /** Renames the history of a renamed module (once; under the adoption lock). */
  static void renameHistories(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      advisory(connection, "SELECT pg_advisory_lock(?)");
      try {
        for (var rename : RENAMED_HISTORIES.entrySet()) {
          if (tableExists(connection, rename.getKey())
              && !tableExists(connection, rename.getValue())) {
            try (Statement statement = connection.createStatement()) {
              statement.execute(
                  "ALTER TABLE " + rename.getKey() + " RENAME TO " + rename.getValue());
            }
            log.info("schema history {} renamed to {}", rename.getKey(), rename.getValue());
          }
        }
      } finally {
        advisory(connection, "SELECT pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("renaming a schema history failed", e);
    }
  }

  private static TreeSet<Integer> appliedLegacyVersions(Connection connection) throws SQLException {
    var applied = new TreeSet<Integer>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version FROM "
                    + LEGACY_HISTORY
                    + " WHERE success AND version IS NOT NULL")) {
      while (rows.next()) {
        int version = Integer.parseInt(rows.getString(1));
        if (!LEGACY_VERSIONS.containsKey(version)) {
          throw new IllegalStateException(
              "the legacy schema history holds version " + version + ", unknown to this node");
        }
        applied.add(version);
      }
    }
    // the legacy layout applied its versions in order: a gap means someone changed it by hand
    if (!applied.isEmpty() && applied.last() != applied.size()) {
      throw new IllegalStateException("the legacy schema history has gaps: " + applied);
    }
    return applied;
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getBoolean(1);
      }
    }
  }

  private static void advisory(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, ADOPTION_LOCK);
      statement.execute();
    }
  }
}
