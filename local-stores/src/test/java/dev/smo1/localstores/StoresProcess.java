package dev.smo1.localstores;

import java.nio.file.Path;

/**
 * The three local stores on one data directory in a JVM of its own, as a node in the local profile
 * starts them, for tests that kill them the hard way ({@link StoresProcessHandle}). Prints each
 * notice as {@code NOTICE <text>}, then {@code STORES_READY postgres=<jdbc> redis=<url>
 * clickhouse=<url>}; SIGTERM stops the stores cleanly.
 */
public final class StoresProcess {
  private StoresProcess() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    var postgres = LocalPostgres.start(dataDir, StoresProcess::notice);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "postgres-stop"));
    var redis = LocalRedis.start(dataDir, StoresProcess::notice).orElseThrow();
    Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "redis-stop"));
    var clickHouse = LocalClickHouse.start(dataDir, StoresProcess::notice).orElseThrow();
    Runtime.getRuntime().addShutdownHook(new Thread(clickHouse::close, "clickhouse-stop"));
    System.out.println(
        "STORES_READY postgres="
            + postgres.jdbcUrl()
            + " redis="
            + redis.url()
            + " clickhouse="
            + clickHouse.url());
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void notice(String message) {
    System.out.println("NOTICE " + message);
    System.out.flush();
  }

  private static void close(LocalPostgres postgres) {
    try {
      postgres.close();
    } catch (java.io.IOException e) {
      System.out.println("NOTICE PostgreSQL did not stop cleanly: " + e);
    }
  }
}
