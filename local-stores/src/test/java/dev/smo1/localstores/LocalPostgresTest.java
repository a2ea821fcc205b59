package dev.smo1.localstores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.localstores.testing.TempDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL of the local profile: its own log under its directory, shown when a start
 * fails; a {@code postmaster.pid} left behind that names another program does not stop a start; a
 * second node on the same directory is refused.
 */
class LocalPostgresTest {

  @Test
  void aStartThatFailsEndsItsMessageWithTheLastLinesOfPostgresLog() throws Exception {
    Path dataDir = TempDirectories.create("smo1-postgres-test");
    LocalPostgres.start(dataDir, notice -> {}).close();
    Files.writeString(
        dataDir.resolve("postgres/postgresql.conf"),
        "\nno_such_setting = 1\n",
        StandardOpenOption.APPEND);

    assertThatThrownBy(() -> LocalPostgres.start(dataDir, notice -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("PostgreSQL exited while starting")
        .hasMessageContaining(dataDir.resolve("postgres/log/postgres.log").toString())
        .hasMessageContaining("unrecognized configuration parameter \"no_such_setting\"");
  }

  @Test
  void aPidFileLeftBehindThatNamesAnotherProgramDoesNotStopTheStart() throws Exception {
    Path dataDir = TempDirectories.create("smo1-postgres-test");
    try (var postgres = LocalPostgres.start(dataDir, notice -> {})) {
      execute(postgres, "CREATE TABLE kept (id int)");
      execute(postgres, "INSERT INTO kept VALUES (1)");
    }
    // as after a crash whose postmaster's PID now belongs to another program: PostgreSQL itself
    // would refuse to start ("lock file postmaster.pid already exists")
    Process other = new ProcessBuilder("sleep", "600").start();
    try {
      Files.writeString(
          dataDir.resolve("postgres/postmaster.pid"),
          other.pid() + "\n" + dataDir.resolve("postgres") + "\n");
      List<String> notices = new CopyOnWriteArrayList<>();

      try (var postgres = LocalPostgres.start(dataDir, notices::add)) {
        assertThat(notices)
            .anyMatch(
                notice -> notice.startsWith("recovering PostgreSQL after an unclean shutdown"));
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl());
            var rows = connection.createStatement().executeQuery("SELECT count(*) FROM kept")) {
          rows.next();
          assertThat(rows.getInt(1)).isEqualTo(1);
        }
      }
      assertThat(other.isAlive()).as("the other program is left alone").isTrue();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void aSecondStartOnTheSameDirectoryIsRefused() throws Exception {
    Path dataDir = TempDirectories.create("smo1-postgres-test");
    try (var postgres = LocalPostgres.start(dataDir, notice -> {})) {
      assertThatThrownBy(() -> LocalPostgres.start(dataDir, notice -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another SMO1 node is already running on");
      execute(postgres, "SELECT 1");
    }
  }

  private static void execute(LocalPostgres postgres, String sql) throws Exception {
    try (var connection = DriverManager.getConnection(postgres.jdbcUrl())) {
      connection.createStatement().execute(sql);
    }
  }
}
