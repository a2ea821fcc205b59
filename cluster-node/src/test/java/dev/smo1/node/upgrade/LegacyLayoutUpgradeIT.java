package dev.smo1.node.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database written by the main before modules owned their migrations (one Flyway history of six
 * versions, made by {@code legacy-layout/make-fixture.py} from a node of commit a952a89: its
 * PostgreSQL dump and its ClickHouse tables) is upgraded in place by a node of today: every old
 * link resolves as before, the old API key still works, every old click is counted, and the old
 * links take writes again.
 */
class LegacyLayoutUpgradeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fixture's clicks were made on 2026-12-06; a fixed range finds them whenever this runs. */
  private static final String RANGE = "from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z";

  private static JsonNode expected;
  private static String database;
  private static LocalRedis redis;
  private static LocalClickHouse clickHouseServer;
  private static ClickHouseAccess clickHouse;
  private static Node node;
  private static ApiClient api;
  private static String key;

  @BeforeAll
  static void upgradeTheLegacyDatabase() throws Exception {
    expected = JSON.readTree(fixture("expected.json"));
    key = expected.get("apiKey").asText();
    database = TestPostgres.newDatabase();
    try (var connection = DriverManager.getConnection(database);
        var statement = connection.createStatement()) {
      statement.execute(fixture("postgres.sql"));
    }
    redis = TestRedis.start();
    clickHouseServer = TestClickHouse.start();
    clickHouse = TestClickHouse.access(clickHouseServer);
    loadClickHouse();
    Map<String, Object> settings = new HashMap<>();
    // the fixture's node created its links on the local profile's short domain
    settings.put("smo1.links.default-domain", "localhost");
    settings.put("smo1.redis.url", redis.url());
    settings.put("smo1.clicks.clickhouse.url", clickHouseServer.url());
    // the old clicks are what is counted: the visits these tests make must not add new ones (origin
    // clicks need only Redis since visitor pseudonyms are salted daily)
    settings.put("smo1.clicks.origin.enabled", false);
    node = TestNodes.start(database, Clock.systemUTC(), true, settings);
    api = new ApiClient(node.httpAddress());
  }

  /** Tables first, then their rows, then the views (so the rows are not rolled up twice). */
  private static void loadClickHouse() throws Exception {
    List<String> views = new ArrayList<>();
    for (String statement : fixture("clickhouse-tables.sql").split(";\n")) {
      if (statement.isBlank()) {
        continue;
      }
      if (statement.strip().startsWith("CREATE MATERIALIZED VIEW")) {
        views.add(statement);
      } else {
        clickHouse.text(statement).get(1, TimeUnit.MINUTES);
      }
    }
    JsonNode dump = JSON.readTree(fixture("clickhouse-rows.json"));
    for (JsonNode table : dump.get("tables")) {
      String rows = dump.get("rows").get(table.asText()).asText();
      if (!rows.isBlank()) {
        clickHouse.insertJsonRows(table.asText(), rows).get(1, TimeUnit.MINUTES);
      }
    }
    for (String view : views) {
      clickHouse.text(view).get(1, TimeUnit.MINUTES);
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
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
  void everyOldLinkResolvesAsBeforeWithTheOldKey() throws Exception {
    assertThat(expected.get("links")).hasSize(10);
    for (JsonNode link : expected.get("links")) {
      String code = link.get("code").asText();
      var redirect = api.send(api.request("/" + code));
      var read = api.send(api.authorized("/api/v1/links/" + code, key));
      switch (link.get("status").asText()) {
        case "active" -> {
          assertThat(redirect.statusCode()).as(code).isEqualTo(302);
          assertThat(redirect.headers().firstValue("Location"))
              .as(code)
              .hasValue(link.get("target").asText());
          assertThat(read.statusCode()).as(code).isEqualTo(200);
          assertThat(JSON.readTree(read.body()).get("target").asText())
              .isEqualTo(link.get("target").asText());
        }
        case "disabled" -> {
          assertThat(redirect.statusCode()).as(code).isEqualTo(410);
          assertThat(JSON.readTree(read.body()).get("status").asText()).isEqualTo("disabled");
        }
        case "deleted" -> {
          assertThat(redirect.statusCode()).as(code).isEqualTo(410);
          assertThat(read.statusCode()).as(code).isEqualTo(404);
        }
        default -> throw new IllegalStateException("unknown status in the fixture: " + link);
      }
    }
  }

  @Test
  void everyOldClickIsCounted() throws Exception {
    var clicks = expected.get("clicks");
    assertThat(clicks.size()).isGreaterThan(0);
    long total = 0;
    for (var entry : clicks.properties()) {
      var response =
          api.send(
              api.authorized(
                  "/api/v1/links/" + entry.getKey() + "/analytics?bots=include&" + RANGE, key));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).get("totals").get("clicks").asLong())
          .as(entry.getKey())
          .isEqualTo(entry.getValue().asLong());
      total += entry.getValue().asLong();
    }
    var account = api.send(api.authorized("/api/v1/analytics?bots=include&" + RANGE, key));
    assertThat(JSON.readTree(account.body()).get("totals").get("clicks").asLong()).isEqualTo(total);
  }

  @Test
  void oldLinksAndNewOnesTakeWrites() throws Exception {
    var changed =
        api.send(
            api.authorized("/api/v1/links/legacy0", key)
                .method(
                    "PATCH",
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"target\":\"https://example.com/legacy/0/after-upgrade\"}"))
                .header("Content-Type", "application/json"));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    // the change reaches every node's redirect cache within moments (cluster-wide invalidation)
    awaitLocation("/legacy0", "https://example.com/legacy/0/after-upgrade");
    var created =
        api.post("/api/v1/links", key, "{\"target\":\"https://example.com/after-upgrade\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // the alias of the deleted link stays taken, as it was
    var again =
        api.post(
            "/api/v1/links", key, "{\"target\":\"https://example.com/x\",\"alias\":\"legacy3\"}");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
  }

  @Test
  void eachModuleHistoryStartsAtTheLegacyVersionsItOwns() {
    assertThat(baseline("flyway_schema_history_journal")).isEqualTo("1");
    assertThat(baseline("flyway_schema_history_projections")).isEqualTo("4");
    // the legacy auth module's history, renamed since: accounts took over its V1
    assertThat(baseline("flyway_schema_history_accounts")).isEqualTo("1");
    assertThat(
            TestPostgres.count(
                database, "SELECT count(*) FROM flyway_schema_history_before_modules"))
        .isEqualTo(6);
    assertThat(
            TestPostgres.count(
                database,
                "SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'"))
        .isZero();
  }

  private static void awaitLocation(String path, String target) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      var location = api.send(api.request(path)).headers().firstValue("Location");
      if (location.filter(target::equals).isPresent() || System.nanoTime() > deadline) {
        assertThat(location).hasValue(target);
        return;
      }
      Thread.sleep(100);
    }
  }

  private static String baseline(String table) {
    try (var connection = DriverManager.getConnection(database);
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery("SELECT version FROM " + table + " WHERE type = 'BASELINE'")) {
      assertThat(rows.next()).as(table + " has a baseline").isTrue();
      return rows.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in =
        LegacyLayoutUpgradeIT.class.getResourceAsStream("/legacy-layout/" + name)) {
      if (in == null) {
        throw new IllegalStateException("fixture missing: legacy-layout/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
