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
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A data directory of the main before accounts (when an API key mapped to an owner string) is
 * upgraded in place by a node of today: old keys and links work, and the owners appear as
 * workspaces, owned by the bootstrap admin.
 *
 * <p>Fixture: {@code accounts-upgrade/}, made by its {@code make-fixture.py} from a node of commit
 * 6ecb1b6: the PostgreSQL dump of two owners, "local" (the key that node generated) and "acme" (a
 * key stored as that version stored keys), six links each (active, a changed target, disabled,
 * deleted), and the ClickHouse tables with their clicks; {@code expected.json} holds the keys, the
 * links and the clicks per link. The node of today starts with the "local" key as its bootstrap
 * key, as an operator keeping {@code SMO1_BOOTSTRAP_API_KEY} would.
 */
@ExtendWith(LogCapturingExtension.class)
class AccountsUpgradeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fixture's clicks were made on 2026-12-06; a fixed range finds them whenever this runs. */
  private static final String RANGE = "from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z";

  private static final String ADMIN_EMAIL = "admin@localhost";
  private static final List<String> OWNERS = List.of("local", "acme");

  private static JsonNode expected;
  private static String database;
  private static Map<String, Object> settings;
  private static LocalRedis redis;
  private static LocalClickHouse clickHouseServer;
  private static ClickHouseAccess clickHouse;
  private static Node node;
  private static ApiClient api;

  /** Links the tests made after the upgrade, per owner: listed beside the old ones. */
  private static final Map<String, Set<String>> created = new HashMap<>();

  @BeforeAll
  static void upgradeTheDatabaseFromBeforeAccounts() throws Exception {
    expected = JSON.readTree(fixture("expected.json"));
    Set<String> owners = new HashSet<>();
    expected.get("owners").fieldNames().forEachRemaining(owners::add);
    assertThat(owners).containsExactlyInAnyOrderElementsOf(OWNERS);
    database = TestPostgres.newDatabase();
    try (var connection = DriverManager.getConnection(database);
        var statement = connection.createStatement()) {
      statement.execute(fixture("postgres.sql"));
    }
    redis = TestRedis.start();
    clickHouseServer = TestClickHouse.start();
    clickHouse = TestClickHouse.access(clickHouseServer);
    loadClickHouse();
    settings = new HashMap<>();
    // the fixture's node created its links on the local profile's short domain
    settings.put("smo1.links.default-domain", "localhost");
    settings.put("smo1.redis.url", redis.url());
    settings.put("smo1.clicks.clickhouse.url", clickHouseServer.url());
    // the old clicks are what is counted: the visits these tests make must not add new ones (origin
    // clicks need only Redis since visitor pseudonyms are salted daily)
    settings.put("smo1.clicks.origin.enabled", false);
    settings.put("smo1.bootstrap.api-key", key("local"));
    settings.put("smo1.bootstrap.workspace", "local");
    startNode();
  }

  private static void startNode() {
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
  void eachOldKeyListsExactlyItsOwnersOldLinks() throws Exception {
    for (String owner : OWNERS) {
      assertListsExactlyItsOwnLinks(owner);
    }
  }

  @Test
  void eachOldKeyCreatesLinksInItsOwnersWorkspace() throws Exception {
    for (String owner : OWNERS) {
      var made =
          api.post(
              "/api/v1/links",
              key(owner),
              "{\"target\":\"https://example.com/" + owner + "/after-upgrade\"}");
      assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
      String code = JSON.readTree(made.body()).get("code").asText();
      created.computeIfAbsent(owner, ignored -> new HashSet<>()).add(code);
      String other = other(owner);
      assertThat(api.get("/api/v1/links/" + code, key(owner)).statusCode()).isEqualTo(200);
      assertThat(api.get("/api/v1/links/" + code, key(other)).statusCode())
          .as("another owner's key does not see it")
          .isEqualTo(404);
      // the aliases of the old links, deleted ones too, stay taken
      var again =
          api.createLink(key(owner), owner + "3", "https://example.com/" + owner + "/again");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    }
  }

  @Test
  void everyOldShortLinkRedirectsAsBefore() {
    for (String owner : OWNERS) {
      for (JsonNode link : links(owner)) {
        String code = link.get("code").asText();
        var redirect = api.send(api.request("/" + code));
        switch (link.get("status").asText()) {
          case "active" -> {
            assertThat(redirect.statusCode()).as(code).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location"))
                .as(code)
                .hasValue(link.get("target").asText());
          }
          case "disabled", "deleted" -> assertThat(redirect.statusCode()).as(code).isEqualTo(410);
          default -> throw new IllegalStateException("unknown status in the fixture: " + link);
        }
      }
    }
  }

  @Test
  void eachOwnerIsAWorkspaceSeenOnlyWithItsOwnKey() {
    for (String owner : OWNERS) {
      // adopted once the node has joined its cluster, just after it started
      eventually(
          ignored -> {
            var workspace = api.get("/api/v1/workspaces/" + owner, key(owner));
            assertThat(workspace.statusCode()).as(workspace.body()).isEqualTo(200);
            assertThat(JSON.readTree(workspace.body()).get("slug").asText()).isEqualTo(owner);
          });
      var other = api.get("/api/v1/workspaces/" + owner, key(other(owner)));
      assertThat(other.statusCode()).as(other.body()).isEqualTo(404);
    }
  }

  @Test
  void analyticsCountEveryOldClickPerOwner() throws Exception {
    for (String owner : OWNERS) {
      var clicks = expected.get("owners").get(owner).get("clicks");
      assertThat(clicks.size()).isGreaterThan(0);
      long total = 0;
      for (var entry : clicks.properties()) {
        var response =
            api.get(
                "/api/v1/links/" + entry.getKey() + "/analytics?bots=include&" + RANGE, key(owner));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("totals").get("clicks").asLong())
            .as(entry.getKey())
            .isEqualTo(entry.getValue().asLong());
        total += entry.getValue().asLong();
      }
      var workspace = api.get("/api/v1/analytics?bots=include&" + RANGE, key(owner));
      assertThat(workspace.statusCode()).as(workspace.body()).isEqualTo(200);
      assertThat(JSON.readTree(workspace.body()).get("totals").get("clicks").asLong())
          .as(owner)
          .isEqualTo(total);
    }
  }

  @Test
  void theBootstrapAdminOwnsEveryAdoptedWorkspace() {
    awaitSettled();
    assertThat(rows("SELECT email FROM users")).containsExactly(ADMIN_EMAIL);
    assertThat(rows("SELECT id FROM workspaces WHERE deleted_at IS NULL ORDER BY id"))
        .containsExactly("acme", "local");
    assertThat(rows("SELECT email_verified_at IS NOT NULL FROM users")).containsExactly("t");
    // the bootstrap key is the old key of "local": registered once, as it was
    assertThat(
            rows(
                "SELECT workspace_id || ' ' || name FROM api_keys"
                    + " WHERE workspace_id IN ('local', 'acme') ORDER BY workspace_id"))
        .containsExactly("acme key from before workspaces", "local key from before workspaces");
  }

  @Test
  void aSecondStartChangesNothingAndEverythingStillWorks() throws Exception {
    awaitSettled();
    List<String> before = accountsState();
    node.close();
    // as an interrupted start leaves it: an owner adopted already, still in the pending list
    TestPostgres.execute(database, "INSERT INTO workspace_adoptions VALUES ('acme')");
    startNode();
    eventually(
        ignored ->
            assertThat(TestPostgres.count(database, "SELECT count(*) FROM workspace_adoptions"))
                .isZero());
    assertThat(accountsState()).isEqualTo(before);
    for (String owner : OWNERS) {
      var workspace = api.get("/api/v1/workspaces/" + owner, key(owner));
      assertThat(workspace.statusCode()).as(workspace.body()).isEqualTo(200);
      assertListsExactlyItsOwnLinks(owner);
      for (JsonNode link : links(owner)) {
        if (link.get("status").asText().equals("active")) {
          var redirect = api.send(api.request("/" + link.get("code").asText()));
          assertThat(redirect.headers().firstValue("Location"))
              .hasValue(link.get("target").asText());
        }
      }
    }
  }

  /**
   * The start-up work done: no owner waiting for adoption, and the admin (the first user, created
   * at the first start) owns both adopted workspaces in the read model (eventually consistent).
   */
  private static void awaitSettled() {
    eventually(
        ignored -> {
          assertThat(TestPostgres.count(database, "SELECT count(*) FROM workspace_adoptions"))
              .isZero();
          assertThat(
                  rows(
                      "SELECT m.workspace_id || ' ' || u.email || ' ' || m.role"
                          + " FROM workspace_members m JOIN users u ON u.id = m.user_id"
                          + " ORDER BY m.workspace_id"))
              .containsExactly("acme " + ADMIN_EMAIL + " owner", "local " + ADMIN_EMAIL + " owner");
        });
  }

  /** The owner's old links but deleted ones, and those made after the upgrade, and no others. */
  private static void assertListsExactlyItsOwnLinks(String owner) throws Exception {
    var listed = api.get("/api/v1/links?limit=100", key(owner));
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    Set<String> codes = new HashSet<>();
    JSON.readTree(listed.body()).get("items").forEach(item -> codes.add(item.get("code").asText()));
    Set<String> wanted = new HashSet<>(listedCodes(owner));
    wanted.addAll(created.getOrDefault(owner, Set.of()));
    assertThat(codes).as(owner).isEqualTo(wanted);
  }

  /** What the accounts part of the database holds, but for when keys were last used. */
  private static List<String> accountsState() {
    var state = new ArrayList<String>();
    state.addAll(rows("SELECT id || ' ' || email || ' ' || created_at FROM users ORDER BY id"));
    state.addAll(
        rows(
            "SELECT id || ' ' || name || ' ' || created_at || ' ' || version FROM workspaces"
                + " ORDER BY id"));
    state.addAll(
        rows(
            "SELECT workspace_id || ' ' || user_id || ' ' || role || ' ' || joined_at"
                + " FROM workspace_members ORDER BY workspace_id, user_id"));
    state.addAll(
        rows(
            "SELECT key_hash || ' ' || workspace_id || ' ' || id || ' ' || name || ' '"
                + " || array_to_string(scopes, ',') || ' ' || coalesce(revoked_at::text, '-')"
                + " FROM api_keys ORDER BY key_hash"));
    state.addAll(
        rows(
            "SELECT persistence_id || ' ' || sequence_number || ' ' || event_ser_manifest"
                + " FROM event_journal WHERE persistence_id LIKE 'Workspace|%' ORDER BY ordering"));
    return state;
  }

  private static List<String> listedCodes(String owner) {
    var codes = new ArrayList<String>();
    for (JsonNode link : links(owner)) {
      if (!link.get("status").asText().equals("deleted")) {
        codes.add(link.get("code").asText());
      }
    }
    return codes;
  }

  private static List<JsonNode> links(String owner) {
    var links = new ArrayList<JsonNode>();
    expected.get("owners").get(owner).get("links").forEach(links::add);
    assertThat(links).hasSize(6);
    return links;
  }

  private static String key(String owner) {
    return expected.get("owners").get(owner).get("apiKey").asText();
  }

  private static String other(String owner) {
    return OWNERS.stream().filter(name -> !name.equals(owner)).findFirst().orElseThrow();
  }

  /** Up to a minute: a node's start-up work is retried with backoff while its node warms up. */
  private static void eventually(ThrowingConsumer<Void> assertion) {
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(60),
            () -> {
              assertion.accept(null);
              return null;
            });
  }

  private static List<String> rows(String sql) {
    try (var connection = DriverManager.getConnection(database);
        var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      var rows = new ArrayList<String>();
      while (result.next()) {
        rows.add(result.getString(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in =
        AccountsUpgradeIT.class.getResourceAsStream("/accounts-upgrade/" + name)) {
      if (in == null) {
        throw new IllegalStateException("fixture missing: accounts-upgrade/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
