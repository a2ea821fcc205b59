package dev.smo1.node.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/**
 * The node's own connection pool, and the schema migrations (journal, snapshots, API keys) that run
 * before anything else touches the database. Flyway serialises concurrent migrations of several
 * starting nodes with a PostgreSQL advisory lock.
 */
public final class Database {
  private Database() {}

  public static HikariDataSource pool(
      String url, String user, String password, int size, Duration connectionTimeout) {
    var config = new HikariConfig();
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

  public static void migrate(javax.sql.DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }
}
