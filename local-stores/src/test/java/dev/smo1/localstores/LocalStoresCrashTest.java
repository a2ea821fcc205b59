package dev.smo1.localstores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.testing.TempDirectories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A crash needs no second start: after the stores' process is killed with SIGKILL while it writes
 * (the whole process group, PostgreSQL, Redis and ClickHouse with it, as a power loss would; or its
 * JVM alone, leaving the stores running with nobody to stop them), the very next start on the same
 * data directory succeeds, says what it recovers, and has every write the stores acknowledged. Over
 * 30 s each on two cores (two starts of three stores): -Pcluster-faults.
 */
@Tag("cluster-faults")
class LocalStoresCrashTest {
  private static final Duration START = Duration.ofMinutes(5);
  private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 20;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theFirstStartAfterTheProcessGroupIsKilledUnderWritesRecoversEveryAcknowledgedWrite()
      throws Exception {
    Path dataDir = TempDirectories.create("smo1-crash-test");
    Writes writes;
    try (var first = StoresProcessHandle.start("group-killed-first", dataDir)) {
      writes = Writes.start(first.awaitReady(START));
      writes.awaitAcknowledged(ACKNOWLEDGED_BEFORE_THE_KILL);
      first.killProcessGroup();
      writes.stop();
    }

    try (var second = StoresProcessHandle.start("group-killed-second", dataDir)) {
      var urls = second.awaitReady(START);
      assertThat(second.notices())
          .as(second.output())
          .anyMatch(notice -> notice.startsWith("recovering PostgreSQL after an unclean shutdown"))
          .anyMatch(notice -> notice.startsWith("recovering Redis after an unclean shutdown"))
          .anyMatch(notice -> notice.startsWith("recovering ClickHouse after an unclean shutdown"));
      writes.assertAllPresentIn(urls);
    } finally {
      stopLeftovers(dataDir);
    }
  }

  @Test
  void theFirstStartAfterOnlyTheJvmIsKilledStopsTheStoresItLeftAndKeepsEveryAcknowledgedWrite()
      throws Exception {
    Path dataDir = TempDirectories.create("smo1-crash-test");
    Writes writes;
    try (var first = StoresProcessHandle.start("jvm-killed-first", dataDir)) {
      writes = Writes.start(first.awaitReady(START));
      writes.awaitAcknowledged(ACKNOWLEDGED_BEFORE_THE_KILL);
      first.killJvm();
      writes.stop();
    }

    try (var second = StoresProcessHandle.start("jvm-killed-second", dataDir)) {
      var urls = second.awaitReady(START);
      assertThat(second.notices())
          .as(second.output())
          .anyMatch(notice -> notice.startsWith("stopping the PostgreSQL an earlier node left"))
          .anyMatch(notice -> notice.startsWith("stopping the redis-server an earlier node left"))
          .anyMatch(
              notice -> notice.startsWith("stopping the clickhouse-server an earlier node left"));
      writes.assertAllPresentIn(urls);
    } finally {
      stopLeftovers(dataDir);
    }
  }

  /** A test that failed half-way must not leave servers running. */
  private static void stopLeftovers(Path dataDir) throws Exception {
    List<ProcessHandle> leftovers = new ArrayList<>();
    leftovers.addAll(StoreProcesses.runningIn(dataDir.resolve("postgres"), "postgres"));
    leftovers.addAll(
        StoreProcesses.runningWith(
            "--config-file=" + dataDir.resolve("clickhouse/config.xml").toAbsolutePath()));
    leftovers.addAll(StoreProcesses.runningIn(dataDir.resolve("redis"), "redis-check-rdb"));
    leftovers.addAll(StoreProcesses.runningIn(dataDir.resolve("redis"), "redis-server"));
    for (ProcessHandle leftover : leftovers) {
      leftover.destroyForcibly();
    }
  }

  /**
   * Writes to each store as fast as it acknowledges, one id after another, remembering the ids it
   * acknowledged: a PostgreSQL commit, a Redis reply to RPUSH, a ClickHouse 200 to an INSERT.
   */
  private static final class Writes {
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private final List<Thread> writers = new ArrayList<>();

    static Writes start(Map<String, String> urls) throws Exception {
      var writes = new Writes();
      try (var connection = DriverManager.getConnection(urls.get("postgres"))) {
        connection.createStatement().execute("CREATE TABLE acks (id bigint PRIMARY KEY)");
      }
      clickHouse(
          urls.get("clickhouse"), "CREATE TABLE acks (id UInt64) ENGINE = MergeTree ORDER BY id");
      writes.writer("postgres", urls.get("postgres"));
      writes.writer("redis", urls.get("redis"));
      writes.writer("clickhouse", urls.get("clickhouse"));
      return writes;
    }

    private void writer(String store, String url) {
      Set<Long> ids = ConcurrentHashMap.newKeySet();
      acknowledged.put(store, ids);
      Thread writer =
          Thread.ofPlatform()
              .name("writes-" + store)
              .start(
                  () -> {
                    try {
                      switch (store) {
                        case "postgres" -> writePostgres(url, ids);
                        case "redis" -> writeRedis(url, ids);
                        default -> writeClickHouse(url, ids);
                      }
                    } catch (Exception e) {
                      failures.put(store, e); // the kill: expected once the stores are gone
                    }
                  });
      writers.add(writer);
    }

    private void writePostgres(String url, Set<Long> ids) throws Exception {
      try (var connection = DriverManager.getConnection(url + "&socketTimeout=10");
          var insert = connection.prepareStatement("INSERT INTO acks VALUES (?)")) {
        for (long id = 1; !stopped.get(); id++) {
          insert.setLong(1, id);
          insert.executeUpdate(); // autocommit: returns once the commit is durable
          ids.add(id);
        }
      }
    }

    private void writeRedis(String url, Set<Long> ids) throws Exception {
      try (var redis = new Resp(url)) {
        for (long id = 1; !stopped.get(); id++) {
          Object reply = redis.call("RPUSH", "acks", Long.toString(id));
          if (reply instanceof Long) {
            ids.add(id); // appendfsync always: replied once fsynced
          }
        }
      }
    }

    private void writeClickHouse(String url, Set<Long> ids) throws Exception {
      for (long id = 1; !stopped.get(); id++) {
        clickHouse(url, "INSERT INTO acks VALUES (" + id + ")");
        ids.add(id);
      }
    }

    void awaitAcknowledged(int each) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (acknowledged.values().stream().anyMatch(ids -> ids.size() < each)) {
        if (System.nanoTime() > deadline || !failures.isEmpty()) {
          throw new AssertionError(
              "the stores did not acknowledge "
                  + each
                  + " writes each: "
                  + counts()
                  + " "
                  + failures);
        }
        Thread.sleep(50);
      }
    }

    void stop() throws InterruptedException {
      stopped.set(true);
      for (Thread writer : writers) {
        writer.join(Duration.ofSeconds(30));
      }
    }

    void assertAllPresentIn(Map<String, String> urls) throws Exception {
      Set<Long> inPostgres = new HashSet<>();
      try (var connection = DriverManager.getConnection(urls.get("postgres"));
          var rows = connection.createStatement().executeQuery("SELECT id FROM acks")) {
        while (rows.next()) {
          inPostgres.add(rows.getLong(1));
        }
      }
      Set<Long> inRedis = new HashSet<>();
      try (var redis = new Resp(urls.get("redis"))) {
        for (Object id : (List<?>) redis.call("LRANGE", "acks", "0", "-1")) {
          inRedis.add(Long.parseLong((String) id));
        }
      }
      Set<Long> inClickHouse = new HashSet<>();
      for (String line :
          clickHouse(urls.get("clickhouse"), "SELECT id FROM acks").lines().toList()) {
        inClickHouse.add(Long.parseLong(line.strip()));
      }
      assertThat(inPostgres)
          .as("PostgreSQL rows, " + counts())
          .containsAll(acknowledged.get("postgres"));
      assertThat(inRedis).as("Redis list, " + counts()).containsAll(acknowledged.get("redis"));
      assertThat(inClickHouse)
          .as("ClickHouse rows, " + counts())
          .containsAll(acknowledged.get("clickhouse"));
    }

    private String counts() {
      Map<String, Integer> counts = new java.util.TreeMap<>();
      acknowledged.forEach((store, ids) -> counts.put(store, ids.size()));
      return "acknowledged " + counts;
    }
  }

  private static String clickHouse(String url, String sql) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(url + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "ClickHouse answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Just enough of the Redis protocol for RPUSH and LRANGE. */
  private static final class Resp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    Resp(String url) throws IOException {
      URI uri = URI.create(url);
      socket = new Socket(uri.getHost(), uri.getPort());
      socket.setSoTimeout(10_000);
      out = socket.getOutputStream();
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    Object call(String... arguments) throws IOException {
      var command = new StringBuilder("*").append(arguments.length).append("\r\n");
      for (String argument : arguments) {
        command.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        command.append(argument).append("\r\n");
      }
      out.write(command.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return reply();
    }

    private Object reply() throws IOException {
      String line = in.readLine();
      if (line == null) {
        throw new IOException("Redis closed the connection");
      }
      String rest = line.substring(1);
      return switch (line.charAt(0)) {
        case '+' -> rest;
        case '-' -> throw new IOException("Redis answered " + rest);
        case ':' -> Long.parseLong(rest);
        case '$' -> Integer.parseInt(rest) < 0 ? null : in.readLine();
        case '*' -> {
          List<Object> items = new ArrayList<>();
          for (int i = Integer.parseInt(rest); i > 0; i--) {
            items.add(reply());
          }
          yield items;
        }
        default -> throw new IOException("not a Redis reply: " + line);
      };
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
