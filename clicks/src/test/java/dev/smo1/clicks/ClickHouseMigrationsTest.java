package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.localstores.testing.TestPostgres;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Versioned, idempotent ClickHouse migrations against Debian's clickhouse-server (18.16). */
class ClickHouseMigrationsTest {
  private static final ClassLoader RESOURCES = ClickHouseMigrationsTest.class.getClassLoader();

  @Test
  void appliesEachVersionOnceAndRefusesAMigrationChangedAfterItWasApplied() throws Exception {
    try (var access = TestClickHouse.access(TestClickHouse.shared(), "migrations_once")) {
      var migrations = new ClickHouseMigrations(access);
      var loaded = ClickHouseMigrations.load(RESOURCES, "clickhouse-test-migrations");
      assertThat(loaded).extracting(ClickHouseMigrations.Migration::version).containsExactly(1, 2);
      assertThat(loaded.get(1).statements()).hasSize(2);

      assertThat(migrations.apply(loaded)).isEqualTo(2);
      assertThat(migrations.apply(loaded)).isZero();

      // the view created by V2 feeds the rollup from V1's table
      access
          .insertJsonRows(
              "events",
              "{\"id\":\"a\",\"ts\":\"2030-01-01 10:15:00\"}\n"
                  + "{\"id\":\"b\",\"ts\":\"2030-01-01 10:45:00\"}")
          .get(30, TimeUnit.SECONDS);
      assertThat(text(access, "SELECT sum(events) FROM events_hourly FORMAT TabSeparated"))
          .isEqualTo("2");

      var changed = ClickHouseMigrations.load(RESOURCES, "clickhouse-test-migrations-changed");
      assertThatThrownBy(() -> migrations.apply(changed))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("V1__events changed after it was applied");
    }
  }

  @Test
  void aColumnAddedBeforeAMigrationStoppedHalfWayIsNotAddedAgain() throws Exception {
    try (var access = TestClickHouse.access(TestClickHouse.shared(), "migrations_half_way")) {
      var migrations = new ClickHouseMigrations(access);
      var loaded = ClickHouseMigrations.load(RESOURCES, "clickhouse/migrations");
      assertThat(migrations.apply(loaded.subList(0, 1))).isEqualTo(1);
      // V2 stopped after its first statement: no record of it, its first column there
      String first = loaded.get(1).statements().get(0);
      assertThat(first).startsWith("ALTER TABLE clicks ADD COLUMN trigger ");
      text(access, first);

      assertThat(migrations.apply(loaded)).isEqualTo(1);
      assertThat(
              text(
                  access,
                  "SELECT name, type FROM system.columns WHERE database = currentDatabase()"
                      + " AND table = 'clicks' AND name IN ('trigger', 'rule', 'variant')"
                      + " ORDER BY name FORMAT TabSeparated"))
          .isEqualTo("rule\tUInt8\ntrigger\tString\nvariant\tUInt8");
    }
  }

  @Test
  void nodesStartingAtOnceApplyEachMigrationOnceInAll() throws Exception {
    var shared = new org.postgresql.ds.PGSimpleDataSource();
    shared.setURL(TestPostgres.newDatabase());
    try (var access = TestClickHouse.access(TestClickHouse.shared(), "migrations_together")) {
      var loaded = ClickHouseMigrations.load(RESOURCES, "clickhouse-test-migrations");
      var pool = Executors.newFixedThreadPool(3);
      try {
        // three nodes: each its own ClickHouse client, one PostgreSQL they share
        Callable<Integer> node =
            () ->
                new ClickHouseMigrations(access, ClickHouseMigrations.advisoryLock(shared))
                    .apply(loaded);
        List<Callable<Integer>> nodes = List.of(node, node, node);
        int applied = 0;
        for (var result : pool.invokeAll(nodes)) {
          applied += result.get();
        }
        assertThat(applied).as("migrations applied by the three nodes together").isEqualTo(2);
        assertThat(text(access, "SELECT count() FROM smo1_schema_migrations FORMAT TabSeparated"))
            .isEqualTo("2");
        assertThat(
                text(
                    access,
                    "SELECT DISTINCT version FROM smo1_schema_migrations ORDER BY version"
                        + " FORMAT TabSeparated"))
            .isEqualTo("1\n2");
      } finally {
        pool.shutdownNow();
      }
      assertThat(
              text(
                  access,
                  "SELECT count() FROM system.tables WHERE database = currentDatabase()"
                      + " AND name IN ('events', 'events_hourly', 'events_hourly_mv')"
                      + " FORMAT TabSeparated"))
          .isEqualTo("3");
      assertThat(new ClickHouseMigrations(access).apply(loaded)).isZero();
    }
  }

  @Test
  void theLockIsReleasedEvenWhenItsConnectionGoesBackToAPool() throws Exception {
    // the node's connections come from a pool: closing one does not end its session
    var config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(TestPostgres.newDatabase());
    config.setMaximumPoolSize(1);
    try (var pool = new com.zaxxer.hikari.HikariDataSource(config);
        var access = TestClickHouse.access(TestClickHouse.shared(), "migrations_pooled")) {
      var loaded = ClickHouseMigrations.load(RESOURCES, "clickhouse-test-migrations");
      new ClickHouseMigrations(access, ClickHouseMigrations.advisoryLock(pool)).apply(loaded);

      var other = new org.postgresql.ds.PGSimpleDataSource();
      other.setURL(config.getJdbcUrl());
      try (var connection = other.getConnection();
          var statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        statement.setLong(1, ClickHouseMigrations.ADVISORY_LOCK);
        try (var result = statement.executeQuery()) {
          result.next();
          assertThat(result.getBoolean(1)).as("another node may take the lock").isTrue();
        }
      }
    }
  }

  @Test
  void statementsAndInsertsGoToTheConfiguredDatabase() throws Exception {
    var server = TestClickHouse.shared();
    // the client's default database, and the one the node is configured with
    try (var access = TestClickHouse.access(server, "migrations_default")) {
      try (var other = TestClickHouse.access(server, "migrations_configured")) {
        var loaded = ClickHouseMigrations.load(RESOURCES, "clickhouse-test-migrations");
        assertThat(new ClickHouseMigrations(other).apply(loaded)).isEqualTo(2);
        other
            .insertJsonRows("events", "{\"id\":\"a\",\"ts\":\"2030-01-01 10:15:00\"}")
            .get(30, TimeUnit.SECONDS);
      }
      assertThat(
              text(
                  access,
                  "SELECT database, count() FROM system.tables"
                      + " WHERE name = 'events' AND database IN ('migrations_default', 'migrations_configured')"
                      + " GROUP BY database FORMAT TabSeparated"))
          .isEqualTo("migrations_configured\t1");
      assertThat(
              text(
                  access,
                  "SELECT count() FROM system.tables WHERE database = currentDatabase()"
                      + " FORMAT TabSeparated"))
          .as("tables in the client's own default database")
          .isEqualTo("0");
      assertThat(
              text(access, "SELECT count() FROM migrations_configured.events FORMAT TabSeparated"))
          .isEqualTo("1");
    }
  }

  private static String text(ClickHouseAccess access, String sql) throws Exception {
    return access.text(sql).get(30, TimeUnit.SECONDS).trim();
  }
}
