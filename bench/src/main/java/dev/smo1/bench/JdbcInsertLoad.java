package dev.smo1.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference for the create scenario: N single-row, auto-committed inserts of a journal-sized row
 * straight into the same PostgreSQL, C connections in parallel. It is the floor a create cannot go
 * below on this machine (a create commits one journal row plus its tag row), measured in the same
 * run so the ratio cancels out the machine's speed and noise.
 *
 * <p>Usage: {@code JdbcInsertLoad <jdbcUrl> <n> <concurrency>}
 */
public final class JdbcInsertLoad {
  private JdbcInsertLoad() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int n = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    try (Connection setup = DriverManager.getConnection(url)) {
      setup
          .createStatement()
          .execute(
              "CREATE TABLE IF NOT EXISTS bench_reference (id BIGSERIAL PRIMARY KEY, "
                  + "persistence_id VARCHAR(255) NOT NULL, payload BYTEA NOT NULL)");
    }
    var latencies = new Latencies(n);
    var next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    byte[] payload = new byte[220];
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int worker = 0; worker < concurrency; worker++) {
      workers.add(
          pool.submit(
              () -> {
                try (Connection connection = DriverManager.getConnection(url);
                    var insert =
                        connection.prepareStatement(
                            "INSERT INTO bench_reference (persistence_id, payload) VALUES (?, ?)")) {
                  int i;
                  while ((i = next.getAndIncrement()) < n) {
                    long sent = System.nanoTime();
                    insert.setString(1, "Link|bench/" + i);
                    insert.setBytes(2, payload);
                    insert.executeUpdate();
                    latencies.record(System.nanoTime() - sent);
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    System.out.println(new Run(n, seconds, latencies).line());
  }
}
