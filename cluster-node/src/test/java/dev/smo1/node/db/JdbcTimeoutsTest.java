package dev.smo1.node.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.config.NodeConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Statements that run too long are cut by PostgreSQL, on the node's pool and the journal's. */
class JdbcTimeoutsTest {
  @Test
  void aStatementLongerThanTheTimeoutIsCancelledByTheServer() throws Exception {
    var timeouts =
        new JdbcTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(5));
    try (var pool =
        Database.pool(TestPostgres.newDatabase(), "smo1", "", 2, Duration.ofSeconds(5), timeouts)) {
      long started = System.nanoTime();
      try (var connection = pool.getConnection();
          var statement = connection.createStatement()) {
        assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(20)"))
            .isInstanceOf(SQLException.class)
            .satisfies(
                error ->
                    assertThat(((SQLException) error).getSQLState())
                        .as("query_canceled")
                        .isEqualTo("57014"));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
      try (var connection = pool.getConnection();
          var statement = connection.createStatement();
          var rows = statement.executeQuery("SHOW statement_timeout")) {
        rows.next();
        assertThat(rows.getString(1)).as("every connection of the pool").isEqualTo("1s");
      }
    }
  }

  @Test
  void theNodeAndTheJournalHaveTimeoutsByDefault() {
    var config = NodeConfig.load(Map.of("smo1.db.url", "jdbc:postgresql://db.internal:5432/smo1"));
    var timeouts = JdbcTimeouts.from(config);
    assertThat(timeouts)
        .isEqualTo(
            new JdbcTimeouts(
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5)));
    var journal = config.getConfig("pekko-persistence-jdbc.shared-databases.slick.db");
    assertThat(journal.getString("connectionInitSql")).isEqualTo("SET statement_timeout = 30000");
    assertThat(journal.getInt("properties.socketTimeout")).isEqualTo(60);
    assertThat(journal.getInt("properties.connectTimeout")).isEqualTo(5);
    assertThat(journal.getBoolean("properties.tcpKeepAlive")).isTrue();
  }
}
