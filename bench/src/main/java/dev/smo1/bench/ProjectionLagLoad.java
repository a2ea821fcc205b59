package dev.smo1.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Measures how long a created link takes to reach each store the projections maintain, under a
 * steady (paced, open-loop) create load through the API.
 *
 * <p>Arrival is observed from outside the node, without changing it: in PostgreSQL a trigger on the
 * {@code links} table sends {@code NOTIFY} (delivered only when the projection's transaction
 * commits, so "arrived" means visible to readers); in Redis, keyspace notifications report each
 * write of a {@code smo1:link:*} hash. The lag of a link is its arrival time minus the journal's
 * {@code write_timestamp} of its creation event (the same machine's clock, milliseconds).
 *
 * <p>Usage: {@code ProjectionLagLoad <baseUrl> <apiKey> <jdbcUrl> <redisUrl> <creates/s>
 * <seconds>}; prints one RUN line.
 */
public final class ProjectionLagLoad {
  private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");
  private static final String CHANNEL = "smo1_bench_links";
  private static final int CONNECTIONS = 16;

  private ProjectionLagLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String authorization = "Bearer " + args[1];
    String jdbcUrl = args[2];
    String redisUrl = args[3];
    int rate = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    int n = rate * seconds;

    Map<String, Long> inReadModel = new ConcurrentHashMap<>();
    Map<String, Long> inRedis = new ConcurrentHashMap<>();
    try (Connection listen = DriverManager.getConnection(jdbcUrl);
        var redis = RedisClient.create(redisUrl)) {
      installTrigger(listen);
      Thread listener = Thread.ofPlatform().daemon().start(() -> listen(listen, inReadModel));
      var pubSub = redis.connectPubSub();
      try (var admin = redis.connect()) {
        admin.sync().configSet("notify-keyspace-events", "Kh");
      }
      pubSub.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
              long now = System.currentTimeMillis();
              inRedis.putIfAbsent(channel.substring(channel.lastIndexOf('/') + 1), now);
            }
          });
      pubSub.sync().psubscribe("__keyspace@0__:smo1:link:*");

      String[] codes = new String[n];
      System.err.printf("  creating %d links at %d/s for %d s%n", n, rate, seconds);
      Run creates =
          ClosedLoop.paced(
              base,
              n,
              CONNECTIONS,
              rate,
              "created",
              (http, i) -> {
                String body =
                    "{\"target\":\"https://example.com/lag/" + i + "\",\"tags\":[\"lag\"]}";
                var response = http.post("/api/v1/links", authorization, body);
                var matcher = CODE.matcher(response.body());
                if (response.status() != 201 || !matcher.find()) {
                  throw new IllegalStateException(
                      "create answered " + response.status() + ": " + response.body());
                }
                codes[i] = matcher.group(1);
              });
      System.err.println("  waiting for every link to reach the read model and Redis");
      long deadline = System.currentTimeMillis() + 60_000;
      while ((inReadModel.size() < n || inRedis.size() < n)
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      pubSub.close();
      listener.interrupt();

      Map<String, Long> written = journalWriteTimes(jdbcUrl);
      Latencies readModelLag = lags(codes, written, inReadModel);
      Latencies redisLag = lags(codes, written, inRedis);
      System.out.println(
          String.format(
              Locale.ROOT,
              "RUN creates=%d create_rate=%.1f create_p50_ms=%.1f readmodel_arrived=%d"
                  + " readmodel_p50_ms=%.1f readmodel_p99_ms=%.1f readmodel_max_ms=%.1f"
                  + " redis_arrived=%d redis_p50_ms=%.1f redis_p99_ms=%.1f redis_max_ms=%.1f",
              n,
              n / creates.seconds(),
              creates.latencies().percentileMillis(50),
              readModelLag.count(),
              readModelLag.percentileMillis(50),
              readModelLag.percentileMillis(99),
              readModelLag.percentileMillis(100),
              redisLag.count(),
              redisLag.percentileMillis(50),
              redisLag.percentileMillis(99),
              redisLag.percentileMillis(100)));
      try (Statement statement = listen.createStatement()) {
        statement.execute("DROP TRIGGER IF EXISTS smo1_bench_links_notify ON links");
      }
    }
  }

  private static void installTrigger(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE OR REPLACE FUNCTION smo1_bench_links_notify() RETURNS trigger AS $$ BEGIN"
              + " PERFORM pg_notify('"
              + CHANNEL
              + "', NEW.code); RETURN NEW; END $$ LANGUAGE plpgsql");
      statement.execute("DROP TRIGGER IF EXISTS smo1_bench_links_notify ON links");
      statement.execute(
          "CREATE TRIGGER smo1_bench_links_notify AFTER INSERT ON links FOR EACH ROW"
              + " EXECUTE FUNCTION smo1_bench_links_notify()");
      statement.execute("LISTEN " + CHANNEL);
    }
  }

  private static void listen(Connection connection, Map<String, Long> arrivals) {
    try {
      PGConnection pg = connection.unwrap(PGConnection.class);
      while (!Thread.currentThread().isInterrupted()) {
        var notifications = pg.getNotifications(100);
        long now = System.currentTimeMillis();
        if (notifications != null) {
          for (var notification : notifications) {
            arrivals.putIfAbsent(notification.getParameter(), now);
          }
        }
      }
    } catch (Exception e) {
      if (!Thread.currentThread().isInterrupted()) {
        System.err.println("  LISTEN failed: " + e);
      }
    }
  }

  /** The journal's write time of each link's first event, by code. */
  private static Map<String, Long> journalWriteTimes(String jdbcUrl) throws Exception {
    Map<String, Long> written = new ConcurrentHashMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT persistence_id, write_timestamp FROM event_journal"
                    + " WHERE sequence_number = 1")) {
      while (rows.next()) {
        String persistenceId = rows.getString(1);
        written.put(persistenceId.substring(persistenceId.lastIndexOf('/') + 1), rows.getLong(2));
      }
    }
    return written;
  }

  private static Latencies lags(String[] codes, Map<String, Long> written, Map<String, Long> seen) {
    var lags = new Latencies(codes.length);
    for (String code : codes) {
      if (seen.containsKey(code) && written.containsKey(code)) {
        lags.record((seen.get(code) - written.get(code)) * 1_000_000L);
      }
    }
    return lags;
  }
}
