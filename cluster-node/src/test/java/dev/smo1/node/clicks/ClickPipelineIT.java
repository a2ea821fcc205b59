package dev.smo1.node.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.ClickIngest;
import dev.smo1.clicks.ClickRow;
import dev.smo1.clicks.RedisClickStream;
import dev.smo1.clicks.RollupRepair;
import dev.smo1.clicks.UserAgents;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.link.LinkEntity;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.PrometheusText;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.projection.readmodel.ReadModelProjection;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clicks end to end on a real node with real Redis and a real ClickHouse server (Debian's 18.16):
 * origin redirects and signed edge batches go through the Redis stream and the node's consumer into
 * ClickHouse, and the analytics API counts them exactly (SMO1-ARCH-003).
 */
@ExtendWith(LogCapturingExtension.class)
class ClickPipelineIT {
  static final String SECRET = "pipeline-click-secret";
  static final String IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15"
          + " (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
  static final String WINDOWS_CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0.0.0 Safari/537.36";
  static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
  static final String PIXEL =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0.0.0 Mobile Safari/537.36";
  static final String MAC_SAFARI =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/17.1 Safari/605.1.15";
  static final String LINUX_FIREFOX =
      "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalRedis redis;
  private static LocalClickHouse clickHouseServer;
  private static ClickHouseAccess clickHouse;
  private static RedisClient redisClient;
  private static String database;
  private static Node node;
  private static ApiClient api;
  private static ApiClient metrics;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    clickHouseServer = TestClickHouse.start();
    clickHouse = TestClickHouse.access(clickHouseServer);
    redisClient = RedisClient.create(redis.url());
    database = TestPostgres.newDatabase();
    Map<String, Object> settings = settings(redis.url(), clickHouseServer.url());
    // raw clicks past the retention (13 months by default) are looked for every second here
    settings.put("smo1.clicks.retention.check-every", "1s");
    node = TestNodes.start(database, Clock.systemUTC(), true, settings);
    api = new ApiClient(node.httpAddress());
    metrics = new ApiClient(node.managementAddress());
  }

  /** A node with Redis, ClickHouse, quick batches and quick take-over of abandoned clicks. */
  static Map<String, Object> settings(String redisUrl, String clickHouseUrl) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("smo1.redis.url", redisUrl);
    settings.put("smo1.edge.click-secret", SECRET);
    settings.put("smo1.clicks.clickhouse.url", clickHouseUrl);
    settings.put("smo1.clicks.ingest.batch-window", "200ms");
    settings.put("smo1.clicks.ingest.claim-idle", "3s");
    settings.put("smo1.clicks.ingest.claim-every", "1s");
    // the test's requests come from 127.0.0.1, as through a proxy whose own proxy is in 10/8:
    // the visitor is the X-Forwarded-For hop left of them, the country CF-IPCountry
    settings.put("smo1.http.trusted-proxies", "127.0.0.1/32, 10.0.0.0/8");
    return settings;
  }

  @AfterAll
  static void stop() {
    // in reverse order of start, whatever of it started
    if (node != null) {
      node.close();
    }
    if (redisClient != null) {
      redisClient.shutdown();
    }
    if (clickHouse != null) {
      clickHouse.close();
    }
    if (clickHouseServer != null) {
      clickHouseServer.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void clicksFromOriginRedirectsAndEdgeBatchesAreCountedExactlyByTheAnalyticsApi()
      throws Exception {
    for (String code : List.of("pipe-a", "pipe-b")) {
      assertThat(
              api.createLink(TestNodes.OWNER_KEY, code, "https://example.com/" + code).statusCode())
          .isEqualTo(201);
    }
    assertThat(
            api.createLink(TestNodes.OTHER_OWNER_KEY, "pipe-c", "https://example.com/pc")
                .statusCode())
        .isEqualTo(201);

    // origin: visitor A three times (DE, from Google, newsletter), B twice (US), a robot once
    for (int i = 0; i < 3; i++) {
      visit(
          "pipe-a?utm_source=newsletter", IPHONE, "198.51.100.1", "DE", "https://www.google.com/q");
    }
    visit("pipe-a", WINDOWS_CHROME, "203.0.113.7", "US", null);
    visit("pipe-a", WINDOWS_CHROME, "203.0.113.7", "US", null);
    visit("pipe-a", GOOGLEBOT, "66.249.66.1", "US", null);
    visit("pipe-b", IPHONE, "198.51.100.1", "DE", "https://www.google.com/q");
    visit("pipe-c", WINDOWS_CHROME, "203.0.113.7", "US", null);
    visit("pipe-c", WINDOWS_CHROME, "203.0.113.7", "US", null);

    // edge: visitor C twice (FR), D (FR), E (NL); the batch arrives three times
    String at = Instant.now().minusSeconds(30).toString();
    String batch =
        "{\"format\":1,\"clicks\":["
            + String.join(
                ",",
                edgeClick("pipe-a", at, "FR", "https://t.co/x", PIXEL, "?utm_source=twitter", "c"),
                edgeClick("pipe-a", at, "FR", null, PIXEL, "?utm_source=twitter", "c"),
                edgeClick(
                    "pipe-a", at, "FR", "https://t.co/y", MAC_SAFARI, "?utm_source=twitter", "d"),
                edgeClick("pipe-a", at, "NL", null, LINUX_FIREFOX, "", "e"))
            + "]}";
    long now = Instant.now().getEpochSecond();
    for (int delivery = 0; delivery < 3; delivery++) {
      assertThat(api.postClicks(batch, now, SECRET).statusCode()).isEqualTo(202);
    }

    awaitCount("code IN ('pipe-a', 'pipe-b', 'pipe-c')", 13);
    // the raw rows are in; the totals read the hourly rollup, which may show them a moment later
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(10),
            Duration.ofMillis(200),
            () -> {
              try {
                JsonNode totals = analytics("/api/v1/links/pipe-a/analytics", "exclude");
                assertThat(totals.at("/totals/clicks").asLong()).as(totals.toString()).isEqualTo(9);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
              return null;
            });

    JsonNode link = analytics("/api/v1/links/pipe-a/analytics", "exclude");
    assertThat(link.at("/totals/clicks").asLong()).as(link.toString()).isEqualTo(9);
    assertThat(link.at("/totals/uniqueVisitors").asLong()).isEqualTo(5);
    assertThat(link.at("/totals/uniqueVisitorsExact").asBoolean()).isTrue();
    assertThat(counts(link.at("/top/country")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("DE", 3L, "FR", 3L, "US", 2L, "NL", 1L));
    assertThat(counts(link.at("/top/referrer")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("google.com", 3L, "t.co", 2L, "", 4L));
    assertThat(counts(link.at("/top/utmSource")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("newsletter", 3L, "twitter", 3L, "", 3L));
    assertThat(counts(link.at("/top/device")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Phone", 5L, "Desktop", 4L));
    assertThat(counts(link.at("/top/browser")))
        .containsEntry("Safari", 4L)
        .containsEntry("Chrome", 4L);
    assertThat(sum(link.at("/series"))).isEqualTo(9);

    JsonNode withBots = analytics("/api/v1/links/pipe-a/analytics", "include");
    assertThat(withBots.at("/totals/clicks").asLong()).isEqualTo(10);
    assertThat(withBots.at("/totals/uniqueVisitors").asLong()).isEqualTo(6);

    JsonNode account = analytics("/api/v1/analytics", "exclude");
    assertThat(account.at("/totals/clicks").asLong()).isEqualTo(10);
    // visitor A followed both links the same day: one visitor
    assertThat(account.at("/totals/uniqueVisitors").asLong()).isEqualTo(5);
    assertThat(counts(account.at("/top/country")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("DE", 4L, "FR", 3L, "US", 2L, "NL", 1L));
    assertThat(sum(account.at("/series"))).isEqualTo(10);

    // bob sees his link only, and not alice's
    var others = api.get("/api/v1/links/pipe-a/analytics", TestNodes.OTHER_OWNER_KEY);
    assertThat(others.statusCode()).isEqualTo(404);
    JsonNode bob = JSON.readTree(api.get("/api/v1/analytics", TestNodes.OTHER_OWNER_KEY).body());
    assertThat(bob.at("/totals/clicks").asLong()).isEqualTo(2);

    // no row counted twice anywhere: raw rows, the hourly rollup and the breakdown rollup agree
    assertThat(TestClickHouse.query(clickHouse, "SELECT count() FROM clicks WHERE code = 'pipe-a'"))
        .isEqualTo("10");
    assertThat(
            TestClickHouse.query(
                clickHouse, "SELECT sum(clicks) FROM clicks_hourly WHERE code = 'pipe-a'"))
        .isEqualTo("10");
    assertThat(
            TestClickHouse.query(
                clickHouse,
                "SELECT sum(clicks) FROM clicks_dims_hourly"
                    + " WHERE owner = 'alice' AND dimension = 'country'"))
        .isEqualTo("11");
  }

  @Test
  void clicksAConsumerInsertedButNeverAcknowledgedAreTakenOverAndNotCountedTwice()
      throws Exception {
    assertThat(api.createLink(TestNodes.OWNER_KEY, "dead-1", "https://example.com/d").statusCode())
        .isEqualTo(201);
    List<Click> clicks = new ArrayList<>();
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    for (int i = 0; i < 6; i++) {
      clicks.add(
          new Click(
              UUID.randomUUID(),
              TestNodes.SHORT_DOMAIN,
              "dead-1",
              at.plusSeconds(i),
              "edge",
              "SE",
              "ARN",
              null,
              WINDOWS_CHROME,
              "",
              "%016x%016x".formatted(i + 1, 7)));
    }
    // a consumer on another node takes all six from the stream, inserts the first three into
    // ClickHouse and dies before it acknowledges anything
    readByAnotherConsumer(clicks, "dead-node:2552");
    clickHouse.insertJsonRows("clicks", rows(clicks.subList(0, 3)), null).get(30, TimeUnit.SECONDS);

    // the node's consumer claims them once they have been idle for 3 s, and inserts the rest
    awaitCount("code = 'dead-1'", 6);
    Thread.sleep(2_000);
    assertThat(TestClickHouse.query(clickHouse, "SELECT count() FROM clicks WHERE code = 'dead-1'"))
        .isEqualTo("6");
    assertThat(
            TestClickHouse.query(
                clickHouse, "SELECT uniqExact(event_id) FROM clicks WHERE code = 'dead-1'"))
        .isEqualTo("6");
    try (var connection = redisClient.connect()) {
      assertThat(
              connection
                  .sync()
                  .xpending(RedisClickStream.STREAM, ClickIngest.GROUP)
                  .getConsumerMessageCount())
          .doesNotContainKey("dead-node:2552");
    }
    JsonNode link = analytics("/api/v1/links/dead-1/analytics", "exclude");
    assertThat(link.at("/totals/clicks").asLong()).as(link.toString()).isEqualTo(6);
    assertThat(link.at("/totals/uniqueVisitors").asLong()).isEqualTo(6);
  }

  @Test
  void clicksAnInsertCutBetweenTableAndViewsLeftOutOfTheRollupsAreAddedToThem() throws Exception {
    assertThat(api.createLink(TestNodes.OWNER_KEY, "cut-1", "https://example.com/c").statusCode())
        .isEqualTo(201);
    List<Click> clicks = new ArrayList<>();
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
    String[] countries = {"NO", "NO", "FI", "FI", "IS", "DK"};
    for (int i = 0; i < countries.length; i++) {
      clicks.add(
          new Click(
              UUID.randomUUID(),
              TestNodes.SHORT_DOMAIN,
              "cut-1",
              at.plusSeconds(i),
              "edge",
              countries[i],
              "OSL",
              "https://news.example.org/" + i,
              i % 2 == 0 ? WINDOWS_CHROME : IPHONE,
              "",
              "%016x%016x".formatted(i + 1, 11),
              // scans among the cut three and the others: the trigger rollup counts them
              i == 0 || i == 4 ? Click.QR : Click.LINK,
              0,
              0));
    }
    // a consumer on another node takes all six; its insert of the first three reaches the raw
    // table, ClickHouse stops before the views run, and that node dies before it acknowledges
    readByAnotherConsumer(clicks, "cut-node:2552");
    List<String> views =
        TestClickHouse.query(
                clickHouse,
                "SELECT name FROM system.tables WHERE database = currentDatabase()"
                    + " AND engine = 'MaterializedView'")
            .lines()
            .toList();
    assertThat(views).hasSize(8);
    byte[] lines = rows(clicks.subList(0, 3));
    for (String view : views) {
      clickHouse.text("DETACH TABLE " + view).get(30, TimeUnit.SECONDS);
    }
    try {
      clickHouse.insertJsonRows("clicks", lines, null).get(30, TimeUnit.SECONDS);
    } finally {
      for (String view : views) {
        clickHouse.text("ATTACH TABLE " + view).get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(rolledUp("cut-1")).isZero();
    double mendedBefore = mended("clicks_hourly");

    // the node's consumer claims the six and inserts the three missing; while a consumer elsewhere
    // is inserting (it holds the lock shared), the rollups are not mended: that insert may be half
    // way between table and views, and the comparison would count it as missing
    try (var elsewhere = DriverManager.getConnection(database);
        var lock = elsewhere.prepareStatement("SELECT pg_advisory_lock_shared(?)");
        var waiting =
            elsewhere.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    + " AND mode = 'ExclusiveLock' AND objsubid = 1"
                    + " AND (classid::bigint << 32 | objid::bigint) = ?")) {
      lock.setLong(1, RollupRepair.LOCK);
      lock.execute();
      awaitCount("code = 'cut-1'", 6);
      // the repair has found the three stored before and waits for the lock, held exclusively
      waiting.setLong(1, RollupRepair.LOCK);
      TestProbe.create(node.system())
          .awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                try (var result = waiting.executeQuery()) {
                  result.next();
                  assertThat(result.getLong(1)).as("repairs waiting for the lock").isEqualTo(1);
                }
                return null;
              });
      assertThat(rolledUp("cut-1")).as("rollup while another insert runs").isEqualTo(3);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (rolledUp("cut-1") < 6 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(1_000);
    assertThat(rolledUp("cut-1")).isEqualTo(6);
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertThat(mended("clicks_hourly") - mendedBefore)
                  .as("clicks the repair added to clicks_hourly")
                  .isEqualTo(3);
              return null;
            });
    assertThat(TestClickHouse.query(clickHouse, "SELECT count() FROM clicks WHERE code = 'cut-1'"))
        .isEqualTo("6");
    // every dimension's rollup counts what the raw table holds, value by value, for the account
    // (the trigger's, scans only)
    for (String[] dimension :
        new String[][] {
          {"country", "country", "1"},
          {"referrer", "referrer_host", "1"},
          {"device", "device", "1"},
          {"browser", "browser", "1"},
          {"os", "os", "1"},
          {"utm_source", "utm_source", "1"},
          {"trigger", "trigger", "trigger = 'qr'"}
        }) {
      String raw =
          TestClickHouse.query(
              clickHouse,
              "SELECT "
                  + dimension[1]
                  + " AS value, toString(count()) FROM clicks WHERE owner = '"
                  + TestNodes.OWNER
                  + "' AND "
                  + dimension[2]
                  + " GROUP BY value ORDER BY value");
      String rolled =
          TestClickHouse.query(
              clickHouse,
              "SELECT value, toString(sum(clicks)) FROM clicks_dims_hourly WHERE owner = '"
                  + TestNodes.OWNER
                  + "' AND dimension = '"
                  + dimension[0]
                  + "' GROUP BY value ORDER BY value");
      assertThat(rolled).as(dimension[0]).isEqualTo(raw);
    }
    JsonNode link = analytics("/api/v1/links/cut-1/analytics", "exclude");
    assertThat(link.at("/totals/clicks").asLong()).as(link.toString()).isEqualTo(6);
    assertThat(counts(link.at("/top/country")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("NO", 2L, "FI", 2L, "IS", 1L, "DK", 1L));
    assertThat(counts(link.at("/top/trigger")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("link", 4L, "qr", 2L));
  }

  /** Appends the clicks to the stream and has a consumer of another node read them, atomically. */
  private static void readByAnotherConsumer(List<Click> clicks, String consumer) {
    try (var connection = redisClient.connect()) {
      var redis = connection.sync();
      redis.multi();
      for (Click click : clicks) {
        redis.xadd(RedisClickStream.STREAM, Map.of("c", RedisClickStream.json(click)));
      }
      redis.xreadgroup(
          Consumer.from(ClickIngest.GROUP, consumer),
          XReadArgs.Builder.count(1_000),
          XReadArgs.StreamOffset.lastConsumed(RedisClickStream.STREAM));
      assertThat(redis.exec().wasDiscarded()).isFalse();
    }
  }

  /** The clicks as ClickHouse rows of the test owner, as a consumer would insert them. */
  private static byte[] rows(List<Click> clicks) {
    var lines = new ByteArrayOutputStream();
    ClickRow.writeJsonLines(
        clicks.stream()
            .map(
                click ->
                    ClickRow.of(
                        click,
                        TestNodes.OWNER,
                        click.userAgent().equals(IPHONE)
                            ? new UserAgents.Reading("Phone", "Mobile Safari", "iOS", false)
                            : new UserAgents.Reading("Desktop", "Chrome", "Windows NT", false),
                        Instant.now()))
            .toList(),
        lines);
    return lines.toByteArray();
  }

  /** Clicks the node's rollup repair added to {@code rollup} so far. */
  private static double mended(String rollup) {
    return PrometheusText.value(
            metrics.send(metrics.request("/metrics").GET()).body(),
            "smo1_clicks_rollup_mended_total",
            Map.of("rollup", rollup))
        .orElse(0.0);
  }

  /** Clicks of a link in the hourly rollup. */
  private static long rolledUp(String code) {
    return TestClickHouse.count(
        clickHouse, "SELECT sum(clicks) FROM clicks_hourly WHERE code = '" + code + "'");
  }

  @Test
  void clicksOfLinksTheReadModelDoesNotShowYetAreStoredWithTheirOwner() throws Exception {
    // the read model stops applying events, as when it lags far behind or a rebuild holds it:
    // links created now are in the journal only
    readModelPaused(true);
    try {
      List<String> codes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String code = "fresh-" + i;
        String key = i % 2 == 0 ? TestNodes.OWNER_KEY : TestNodes.OTHER_OWNER_KEY;
        assertThat(api.createLink(key, code, "https://example.com/" + code).statusCode())
            .isEqualTo(201);
        codes.add(code);
      }
      // a burst of clicks on the new links: an edge batch for each, origin redirects of two
      long now = Instant.now().getEpochSecond();
      List<String> ids = new ArrayList<>();
      for (String code : codes) {
        assertThat(api.postClicks(edgeBatch(code, 5, ids), now, SECRET).statusCode())
            .isEqualTo(202);
      }
      visit("fresh-0", IPHONE, "198.51.100.60", "DE", null);
      visit("fresh-1", IPHONE, "198.51.100.61", "DE", null);

      awaitCount("code LIKE 'fresh-%'", 32);
      assertThat(
              TestPostgres.count(database, "SELECT count(*) FROM links WHERE code LIKE 'fresh-%'"))
          .as("new links the read model shows while the clicks are stored")
          .isZero();
      // every click is its link's owner's, none is nobody's
      assertThat(
              TestClickHouse.query(
                  clickHouse,
                  "SELECT code, owner, count() FROM clicks WHERE code LIKE 'fresh-%'"
                      + " GROUP BY code, owner ORDER BY code, owner"))
          .isEqualTo(
              String.join(
                  "\n",
                  "fresh-0\talice\t6",
                  "fresh-1\tbob\t6",
                  "fresh-2\talice\t5",
                  "fresh-3\tbob\t5",
                  "fresh-4\talice\t5",
                  "fresh-5\tbob\t5"));
    } finally {
      readModelPaused(false);
    }
    JsonNode link = analytics("/api/v1/links/fresh-0/analytics", "exclude");
    assertThat(link.at("/totals/clicks").asLong()).as(link.toString()).isEqualTo(6);
  }

  @Test
  void clicksOfACodeNoLinkEverHadAreStoredUnderTheNoLinkOwnerAndCounted() throws Exception {
    double before = withoutLink();
    List<String> ids = new ArrayList<>();
    assertThat(
            api.postClicks(edgeBatch("never-made", 3, ids), Instant.now().getEpochSecond(), SECRET)
                .statusCode())
        .isEqualTo(202);

    awaitCount("code = 'never-made'", 3);
    assertThat(
            TestClickHouse.query(
                clickHouse,
                "SELECT owner, count() FROM clicks WHERE code = 'never-made' GROUP BY owner"))
        .isEqualTo("(no link)\t3");
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertThat(withoutLink() - before).isEqualTo(3);
              return null;
            });
  }

  /**
   * An entry of the click stream that cannot be read (written by a faulty or older writer) is set
   * aside in the dead-letter stream as it was, counted, and stops nothing: the clicks after it are
   * stored.
   */
  @Test
  void anUnreadableStreamEntryGoesToTheDeadLetterStreamAndIngestGoesOn() throws Exception {
    assertThat(
            api.createLink(TestNodes.OWNER_KEY, "after-dead", "https://example.com/d").statusCode())
        .isEqualTo(201);
    try (var connection = redisClient.connect()) {
      connection
          .sync()
          .xadd(RedisClickStream.STREAM, Map.of("b", "{\"id\":\"not-a-uuid\",\"at\":"));
    }
    visit("after-dead", LINUX_FIREFOX, "198.51.100.60", "DE", null);
    awaitCount("code = 'after-dead'", 1);

    var dead =
        deadLetters().stream().filter(letter -> letter.containsKey("dead-letter-entry")).toList();
    assertThat(dead).hasSize(1);
    assertThat(dead.getFirst())
        .containsEntry("b", "{\"id\":\"not-a-uuid\",\"at\":")
        .containsKeys("dead-letter-reason", "dead-letter-at");
    assertThat(deadLettered("unreadable")).isEqualTo(1.0);
  }

  /**
   * A click ClickHouse refuses for its values (here a test-only column whose expression throws for
   * one code, as a constraint or a view could) goes to the dead-letter stream in the stream's own
   * format, counted, while the rest of its batch is stored and ingest goes on.
   */
  @Test
  void aClickClickHouseRefusesIsSetAsideAndTheRestOfItsBatchIsStored() throws Exception {
    assertThat(
            api.createLink(TestNodes.OWNER_KEY, "poison-ok", "https://example.com/p").statusCode())
        .isEqualTo(201);
    double before = deadLettered("refused");
    List<String> ids = new ArrayList<>();
    List<String> codes = new ArrayList<>(Collections.nCopies(12, "poison-ok"));
    codes.add(5, "poisoned");
    TestClickHouse.query(
        clickHouse,
        "ALTER TABLE clicks ADD COLUMN poison UInt8 MATERIALIZED throwIf(code = 'poisoned')");
    try {
      assertThat(
              api.postClicks(edgeBatch(codes, ids), Instant.now().getEpochSecond(), SECRET)
                  .statusCode())
          .isEqualTo(202);
      awaitCount("code = 'poison-ok'", 12);
      String poisonedId = ids.get(5);
      TestProbe.create(node.system())
          .awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                assertThat(deadLettered("refused") - before).isEqualTo(1.0);
                return null;
              });
      var refused =
          deadLetters().stream()
              .filter(letter -> letter.getOrDefault("b", "").contains(poisonedId))
              .toList();
      assertThat(refused).hasSize(1);
      assertThat(refused.getFirst().get("dead-letter-reason"))
          .startsWith("refused by ClickHouse: ")
          .contains("395");
      // the dead letter is a stream entry as it was: the click, and nothing else of its batch
      assertThat(RedisClickStream.clicksOf(Map.of("b", refused.getFirst().get("b"))))
          .extracting(click -> click.id().toString())
          .containsExactly(poisonedId);
      assertThat(
              TestClickHouse.count(
                  clickHouse, "SELECT count() FROM clicks WHERE code = 'poisoned'"))
          .isZero();

      // ingest goes on
      visit("poison-ok", LINUX_FIREFOX, "198.51.100.61", "DE", null);
      awaitCount("code = 'poison-ok'", 13);
    } finally {
      TestClickHouse.query(clickHouse, "ALTER TABLE clicks DROP COLUMN poison");
    }
  }

  /**
   * A batch of nothing but a few refused clicks (one bad client's) is set aside whole, and ingest
   * goes on; added to the stream again as they were once the cause is gone, they are stored once.
   */
  @Test
  void aFewRefusedClicksAloneInTheirBatchAreSetAsideAndCanBeReplayed() throws Exception {
    assertThat(
            api.createLink(TestNodes.OWNER_KEY, "after-bad", "https://example.com/ab").statusCode())
        .isEqualTo(201);
    double before = deadLettered("refused");
    List<String> ids = new ArrayList<>();
    TestClickHouse.query(
        clickHouse,
        "ALTER TABLE clicks ADD COLUMN poison UInt8 MATERIALIZED throwIf(code = 'bad-pair')");
    List<Map<String, String>> letters;
    try {
      assertThat(
              api.postClicks(edgeBatch("bad-pair", 2, ids), Instant.now().getEpochSecond(), SECRET)
                  .statusCode())
          .isEqualTo(202);
      TestProbe.create(node.system())
          .awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                assertThat(deadLettered("refused") - before).isEqualTo(2.0);
                return null;
              });
      // ingest goes on
      visit("after-bad", LINUX_FIREFOX, "198.51.100.62", "DE", null);
      awaitCount("code = 'after-bad'", 1);
      letters =
          deadLetters().stream()
              .filter(letter -> letter.getOrDefault("b", "").contains(ids.getFirst()))
              .toList();
      assertThat(letters).hasSize(1).allSatisfy(letter -> assertThat(letter).containsKey("r"));
    } finally {
      TestClickHouse.query(clickHouse, "ALTER TABLE clicks DROP COLUMN poison");
    }
    // the runbook's replay: the dead letter added to the stream again as it is, twice
    try (var connection = redisClient.connect()) {
      for (int i = 0; i < 2; i++) {
        connection
            .sync()
            .xadd(
                RedisClickStream.STREAM,
                Map.of("b", letters.getFirst().get("b"), "r", letters.getFirst().get("r")));
      }
    }
    awaitCount("code = 'bad-pair'", 2);
    Thread.sleep(2_000);
    assertThat(
            TestClickHouse.count(clickHouse, "SELECT count() FROM clicks WHERE code = 'bad-pair'"))
        .as("each click once")
        .isEqualTo(2);
  }

  /**
   * When ClickHouse refuses every click (a schema out of step with the rows, not a few bad clicks:
   * 16 in a row, and a probe of another click of the batch too), none is set aside: they wait in
   * the buffer and are stored once it takes them.
   */
  @Test
  void aBatchClickHouseRefusesWholeWaitsInTheBufferInsteadOfGoingToTheDeadLetters()
      throws Exception {
    double before = deadLettered("refused");
    double failuresBefore = insertFailures();
    List<String> ids = new ArrayList<>();
    TestClickHouse.query(
        clickHouse,
        "ALTER TABLE clicks ADD COLUMN poison UInt8 MATERIALIZED throwIf(code = 'refused-all')");
    try {
      assertThat(
              api.postClicks(
                      edgeBatch("refused-all", 20, ids), Instant.now().getEpochSecond(), SECRET)
                  .statusCode())
          .isEqualTo(202);
      TestProbe.create(node.system())
          .awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                assertThat(insertFailures() - failuresBefore).isGreaterThanOrEqualTo(2);
                return null;
              });
    } finally {
      TestClickHouse.query(clickHouse, "ALTER TABLE clicks DROP COLUMN poison");
    }
    awaitCount("code = 'refused-all'", 20);
    assertThat(deadLettered("refused")).isEqualTo(before);
  }

  private static List<Map<String, String>> deadLetters() {
    try (var connection = redisClient.connect()) {
      return connection
          .sync()
          .xrange(RedisClickStream.DEAD_LETTERS, io.lettuce.core.Range.create("-", "+"))
          .stream()
          .map(io.lettuce.core.StreamMessage::getBody)
          .toList();
    }
  }

  private static double deadLettered(String reason) {
    return metric("smo1_clicks_dead_letter_total", Map.of("reason", reason));
  }

  private static double insertFailures() {
    return metric("smo1_clicks_insert_failures_total", Map.of());
  }

  /** A sample of the node's metrics now (0 when it has none yet). */
  private static double metric(String name, Map<String, String> labels) {
    return PrometheusText.value(
            metrics.send(metrics.request("/metrics").GET()).body(), name, labels)
        .orElse(0.0);
  }

  /** Pauses or resumes every instance of the links read model's projection. */
  private static void readModelPaused(boolean paused) throws Exception {
    var management = ProjectionManagement.get(node.system());
    for (String tag : LinkEntity.TAGS) {
      var id = ProjectionId.of(ReadModelProjection.NAME, tag);
      (paused ? management.pause(id) : management.resume(id))
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Clicks the node stored under the "no link" owner so far. */
  private static double withoutLink() {
    return metric("smo1_clicks_without_link_total", Map.of());
  }

  @Test
  void onceIdleTheStreamKeepsNothingAcknowledgedAndTheBacklogGaugeReadsZero() throws Exception {
    assertThat(api.createLink(TestNodes.OWNER_KEY, "idle-1", "https://example.com/i").statusCode())
        .isEqualTo(201);
    // two writes in quick succession: the second is acknowledged within the trim interval
    visit("idle-1", LINUX_FIREFOX, "198.51.100.40", "DE", null);
    awaitCount("code = 'idle-1'", 1);
    visit("idle-1", LINUX_FIREFOX, "198.51.100.41", "DE", null);
    awaitCount("code = 'idle-1'", 2);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long length;
    String backlog;
    do {
      Thread.sleep(500);
      try (var connection = redisClient.connect()) {
        length = connection.sync().xlen(RedisClickStream.STREAM);
      }
      backlog =
          metrics
              .send(metrics.request("/metrics").GET())
              .body()
              .lines()
              .filter(line -> line.startsWith("smo1_clicks_backlog "))
              .map(line -> line.substring(line.indexOf(' ') + 1))
              .findFirst()
              .orElse("none");
    } while ((length > 1 || !backlog.equals("0.0")) && System.nanoTime() < deadline);
    // the newest entry stays (trimming keeps the last one delivered); nothing older
    assertThat(length).isLessThanOrEqualTo(1);
    assertThat(backlog).isEqualTo("0.0");
  }

  private static void visit(
      String pathAndQuery, String userAgent, String address, String country, String referrer) {
    var request =
        api.request("/" + pathAndQuery)
            .header("User-Agent", userAgent)
            .header("X-Forwarded-For", address + ", 10.0.0.1")
            .header("CF-IPCountry", country);
    if (referrer != null) {
      request.header("Referer", referrer);
    }
    HttpResponse<String> response = api.send(request.GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
  }

  private static String edgeClick(
      String code,
      String at,
      String country,
      String referrer,
      String userAgent,
      String query,
      String visitor) {
    try {
      Map<String, Object> click = new HashMap<>();
      click.put("id", UUID.randomUUID().toString());
      click.put("domain", TestNodes.SHORT_DOMAIN);
      click.put("code", code);
      click.put("at", at);
      click.put("source", "edge");
      click.put("country", country);
      click.put("colo", "CDG");
      click.put("referrer", referrer);
      click.put("userAgent", userAgent);
      click.put("query", query);
      click.put("visitor", visitor.repeat(32));
      return JSON.writeValueAsString(click);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A signed-batch body of {@code size} edge clicks on {@code code} made now, each from a visitor
   * of its own (Windows, Chrome, Sweden); their ids are added to {@code ids}.
   */
  static String edgeBatch(String code, int size, List<String> ids) {
    return edgeBatch(Collections.nCopies(size, code), ids);
  }

  /** One edge batch, a click per code given (in that order); their ids are added to {@code ids}. */
  static String edgeBatch(List<String> codes, List<String> ids) {
    String at = Instant.now().toString();
    var clicks = new ArrayList<String>();
    for (String code : codes) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      clicks.add(
          "{\"id\":\""
              + id
              + "\",\"domain\":\""
              + TestNodes.SHORT_DOMAIN
              + "\",\"code\":\""
              + code
              + "\",\"at\":\""
              + at
              + "\",\"source\":\"edge\",\"country\":\"SE\",\"colo\":\"ARN\",\"referrer\":null,"
              + "\"userAgent\":\""
              + WINDOWS_CHROME
              + "\",\"query\":\"\",\"visitor\":\""
              + id.replace("-", "")
              + "\"}");
    }
    return "{\"format\":1,\"clicks\":[" + String.join(",", clicks) + "]}";
  }

  /** Analytics of the last day (and the next hour) for alice. */
  private static JsonNode analytics(String path, String bots) throws Exception {
    Instant now = Instant.now();
    String from = now.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();
    String to = now.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).toString();
    var response =
        api.get(
            path + "?interval=hour&from=" + from + "&to=" + to + "&bots=" + bots,
            TestNodes.OWNER_KEY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static Map<String, Long> counts(JsonNode values) {
    Map<String, Long> counts = new HashMap<>();
    values.forEach(
        value ->
            counts.put(
                value.get("value").isNull() ? "" : value.get("value").asText(),
                value.get("clicks").asLong()));
    return counts;
  }

  private static long sum(JsonNode series) {
    long sum = 0;
    for (JsonNode bucket : series) {
      sum += bucket.get("clicks").asLong();
    }
    return sum;
  }

  /** Waits until ClickHouse holds {@code expected} clicks matching {@code where}. */
  @Test
  void rawClicksPastTheConfiguredRetentionAreDroppedByTheNodeAndTheRollupsKeepThem()
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!TestClickHouse.tableExists(clickHouse, "clicks") && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    var now = Instant.now().atZone(java.time.ZoneOffset.UTC);
    String old = now.minusMonths(15).toInstant().toString(); // past 13 whole months
    String kept = now.minusMonths(12).toInstant().toString(); // within them
    for (String at : List.of(old, kept)) {
      clickHouse
          .insertJsonRows(
              "clicks",
              "{\"event_id\":\""
                  + UUID.randomUUID()
                  + "\",\"ts\":"
                  + Instant.parse(at).getEpochSecond()
                  + ",\"owner\":\"retention-owner\",\"domain\":\"s.test\",\"code\":\"old-1\"}")
          .get(30, TimeUnit.SECONDS);
    }

    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long left;
    do {
      Thread.sleep(200);
      left = TestClickHouse.count(clickHouse, "SELECT count() FROM clicks WHERE code = 'old-1'");
    } while (left > 1 && System.nanoTime() < deadline);

    assertThat(left)
        .as("the click of 15 months ago dropped, the one of 12 months ago kept")
        .isOne();
    assertThat(
            TestClickHouse.count(
                clickHouse, "SELECT toUInt64(ts) FROM clicks WHERE code = 'old-1'"))
        .isEqualTo(Instant.parse(kept).getEpochSecond());
    assertThat(
            TestClickHouse.count(
                clickHouse, "SELECT sum(clicks) FROM clicks_hourly WHERE code = 'old-1'"))
        .as("the hourly rollup keeps both")
        .isEqualTo(2);
  }

  static void awaitCount(String where, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long count = 0;
    while (System.nanoTime() < deadline) {
      count =
          TestClickHouse.tableExists(clickHouse, "clicks")
              ? TestClickHouse.count(clickHouse, "SELECT count() FROM clicks WHERE " + where)
              : 0;
      if (count >= expected) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(count).as("clicks where " + where).isEqualTo(expected);
  }
}
