package dev.smo1.node.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.testing.TestPostgres;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Nodes starting together migrate a new database at once (a cluster's first start, a Deployment of
 * three): every one starts, each module's migrations applied once. Without the migration's advisory
 * lock, one node's Flyway found another's new, still empty history table and failed.
 */
class ConcurrentMigrationTest {
  private static final int NODES = 4;

  @RepeatedTest(3)
  void nodesMigratingANewDatabaseAtOnceAllStartAndApplyEachMigrationOnce() throws Exception {
    String url = TestPostgres.newDatabase();
    var source = new PGSimpleDataSource();
    source.setUrl(url);
    source.setUser("postgres");
    var barrier = new CyclicBarrier(NODES);
    ExecutorService nodes = Executors.newFixedThreadPool(NODES);
    try {
      var migrations = new ArrayList<Future<?>>();
      for (int i = 0; i < NODES; i++) {
        migrations.add(
            nodes.submit(
                () -> {
                  barrier.await();
                  Database.migrate(source);
                  return null;
                }));
      }
      for (var migration : migrations) {
        migration.get();
      }
    } finally {
      nodes.shutdownNow();
    }
    for (var module : Database.MODULES) {
      assertThat(
              TestPostgres.count(
                  url,
                  "SELECT count(*) - count(DISTINCT version) FROM "
                      + module.historyTable()
                      + " WHERE success"))
          .as("each migration of %s applied once", module.module())
          .isZero();
      assertThat(TestPostgres.count(url, "SELECT count(*) FROM " + module.historyTable()))
          .as("%s has a history", module.module())
          .isPositive();
    }
  }
}
