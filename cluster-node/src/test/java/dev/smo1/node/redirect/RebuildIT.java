package dev.smo1.node.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rebuilding the read model and the Redis cache from the journal gives the same stores, and the
 * read model keeps answering with every link while it is rebuilt.
 */
@ExtendWith(LogCapturingExtension.class)
// a rebuild that never reports done (it once counted other entities' events) fails, not hangs
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RebuildIT {
  private static final int LINKS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalRedis redis;
  private static RedisClient redisClient;
  private static String databaseUrl;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    redisClient = RedisClient.create(redis.url());
    databaseUrl = TestPostgres.newDatabase();
    node =
        TestNodes.start(
            databaseUrl, Clock.systemUTC(), true, Map.of("smo1.redis.url", redis.url()));
    api = new ApiClient(node.httpAddress());
  }

  @AfterAll
  static void stop() {
    node.close();
    redisClient.shutdown();
    redis.close();
  }

  @Test
  void aRebuildFromTheJournalProducesAnIdenticalReadModelAndCache() throws Exception {
    for (int i = 0; i < LINKS; i++) {
      String alias = "rebuilt-" + i;
      assertThat(
              api.post(
                      "/api/v1/links",
                      TestNodes.OWNER_KEY,
                      "{\"target\":\"https://example.com/"
                          + i
                          + "\",\"alias\":\""
                          + alias
                          + "\",\"tags\":[\"r\"]}")
                  .statusCode())
          .isEqualTo(201);
      if (i % 3 == 0) {
        api.patch(
            "/api/v1/links/" + alias, TestNodes.OWNER_KEY, "{\"title\":\"changed " + i + "\"}");
      }
      if (i % 5 == 0) {
        api.post("/api/v1/links/" + alias + "/disable", TestNodes.OWNER_KEY, "");
      }
      if (i % 7 == 0) {
        api.delete("/api/v1/links/" + alias, TestNodes.OWNER_KEY);
      }
    }
    String readModel = awaitStable(RebuildIT::readModel);
    String cache = awaitStable(RebuildIT::cache);
    assertThat(readModel.lines()).hasSize(LINKS);

    // damage both stores, so a rebuild that did nothing could not pass: a changed row, a row at a
    // version above its events, a row of a link that never existed, a missing cache key
    TestPostgres.execute(
        databaseUrl,
        "UPDATE links SET target = 'https://damaged.example/' WHERE code = 'rebuilt-1'");
    TestPostgres.execute(
        databaseUrl, "UPDATE links SET title = 'damaged', version = 99 WHERE code = 'rebuilt-4'");
    TestPostgres.execute(
        databaseUrl,
        "INSERT INTO links SELECT domain, 'ghost', 'nobody', target, redirect_type, expires_at,"
            + " title, tags, status, created_at, updated_at, version, forward_query FROM links"
            + " WHERE code = 'rebuilt-3'");
    try (var connection = redisClient.connect()) {
      connection.sync().del("smo1:link:s.test/rebuilt-2");
    }
    assertThat(readModel()).isNotEqualTo(readModel);
    // what the owner's list and a search show: every link but the deleted ones
    List<String> listed = listedCodes("");
    List<String> found = listedCodes("rebuilt-1");
    assertThat(listed).hasSize(LINKS - (LINKS + 6) / 7);
    assertThat(found)
        .isEqualTo(listed.stream().filter(code -> code.contains("rebuilt-1")).toList());

    var running =
        ApiClient.client()
            .sendAsync(
                api.authorized("/api/v1/admin/rebuild", TestNodes.OWNER_KEY)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    // the read model keeps serving while it is rebuilt: every list and search, walked page by
    // page, shows every link, never an empty or partial list
    int walks = 0;
    do {
      assertThat(listedCodes("")).as("links listed during the rebuild").isEqualTo(listed);
      assertThat(listedCodes("rebuilt-1")).as("links found during the rebuild").isEqualTo(found);
      walks++;
    } while (!running.isDone());
    assertThat(walks).isGreaterThan(1);
    var response = running.get();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("rebuilding links-read-model, links-redis-cache")
        .contains("done");
    assertThat(awaitStable(RebuildIT::readModel)).isEqualTo(readModel);
    assertThat(awaitStable(RebuildIT::cache)).isEqualTo(cache);
    assertThat(listedCodes("")).isEqualTo(listed);
  }

  /** The codes of the owner's links the API lists (matching {@code query}), every page walked. */
  private static List<String> listedCodes(String query) throws Exception {
    List<String> codes = new ArrayList<>();
    String cursor = null;
    do {
      var page =
          api.get(
              "/api/v1/links?limit=50&q=" + query + (cursor == null ? "" : "&cursor=" + cursor),
              TestNodes.OWNER_KEY);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(page.body());
      body.get("items").forEach(item -> codes.add(item.get("code").asText()));
      cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
    } while (cursor != null);
    return codes;
  }

  @Test
  void onlyAdminOwnersMayRebuild() {
    var response =
        api.send(
            api.authorized("/api/v1/admin/rebuild", TestNodes.OTHER_OWNER_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"code\":\"forbidden\"");
  }

  interface Snapshot {
    String take() throws Exception;
  }

  /** The stores are eventually consistent: wait until two looks a moment apart agree. */
  private static String awaitStable(Snapshot snapshot) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String previous = snapshot.take();
    while (System.nanoTime() < deadline) {
      long pause = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      while (System.nanoTime() < pause) {
        Thread.onSpinWait();
      }
      String current = snapshot.take();
      if (current.equals(previous) && !current.isEmpty()) {
        return current;
      }
      previous = current;
    }
    throw new AssertionError("store did not settle");
  }

  private static String readModel() throws Exception {
    try (var connection = DriverManager.getConnection(databaseUrl);
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT domain, code, owner, target, redirect_type, expires_at, title, tags,"
                        + " status, created_at, updated_at, version FROM links ORDER BY code")) {
      var text = new StringBuilder();
      while (rows.next()) {
        for (int column = 1; column <= 12; column++) {
          text.append(rows.getString(column)).append(column == 12 ? "\n" : "|");
        }
      }
      return text.toString();
    }
  }

  private static String cache() {
    try (var connection = redisClient.connect()) {
      var sync = connection.sync();
      Map<String, Map<String, String>> all = new TreeMap<>();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        var page = sync.scan(cursor, ScanArgs.Builder.matches("smo1:link:*").limit(500));
        for (String key : page.getKeys()) {
          all.put(key, new TreeMap<>(sync.hgetall(key)));
        }
        cursor = page;
      } while (!cursor.isFinished());
      return all.toString();
    }
  }
}
