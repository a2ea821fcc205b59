package dev.smo1.node.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.apikey.ApiKeyFormat;
import dev.smo1.accounts.workspace.LinkQuota;
import dev.smo1.accounts.workspace.PlanBook;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.http.json.Json;
import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEvent;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Usage is exact: after a mixed load on two workspaces (one on the free plan, whose links the
 * workspace entity counts; one on enterprise, whose links the read model counts) of creates,
 * refused creates, deletes and visits from people and from bots, {@code GET …/usage} equals the
 * counts taken directly from the stores: the {@code LinkCreated} events in the journal, and the raw
 * click rows in ClickHouse (people only).
 */
@ExtendWith(LogCapturingExtension.class)
class UsageIT {
  private static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0.0.0 Safari/537.36";
  private static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

  private static LocalRedis redis;
  private static LocalClickHouse clickHouseServer;
  private static ClickHouseAccess clickHouse;
  private static Node node;
  private static ApiClient api;
  private static String database;
  private static WorkspaceService workspaces;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    clickHouseServer = TestClickHouse.start();
    clickHouse = TestClickHouse.access(clickHouseServer);
    database = TestPostgres.newDatabase();
    Map<String, Object> settings = new HashMap<>();
    settings.put("smo1.redis.url", redis.url());
    settings.put("smo1.clicks.clickhouse.url", clickHouseServer.url());
    settings.put("smo1.clicks.ingest.batch-window", "200ms");
    settings.put("smo1.http.trusted-proxies", "127.0.0.1/32, 10.0.0.0/8");
    // the free plan's 60 API requests a minute per key are not what is measured here
    settings.put("smo1.rate-limits.enabled", false);
    node = TestNodes.start(database, Clock.systemUTC(), true, settings);
    api = new ApiClient(node.httpAddress());
    var source = new org.postgresql.ds.PGSimpleDataSource();
    source.setUrl(database);
    source.setUser("postgres");
    workspaces =
        new WorkspaceService(
            node.system(),
            Duration.ofSeconds(10),
            new Jdbc(source, java.util.concurrent.ForkJoinPool.commonPool()));
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
  void usageEqualsTheJournalsLinksAndClickHousesRawClicksAfterAMixedLoad() throws Exception {
    var free = workspace(PlanBook.FREE);
    var enterprise = workspace(PlanBook.ENTERPRISE);

    var load = new ArrayList<Future<?>>();
    ExecutorService clients = Executors.newFixedThreadPool(6);
    try {
      for (var workspace : List.of(free, enterprise)) {
        for (int client = 0; client < 3; client++) {
          int n = client;
          load.add(clients.submit(() -> mixedLoad(workspace, n)));
        }
      }
      for (var done : load) {
        done.get();
      }
    } finally {
      clients.shutdownNow();
    }

    for (var workspace : List.of(free, enterprise)) {
      long journalLinks = linksCreatedInJournal(workspace.id());
      long people = peoplesClicksIn(workspace.id());
      assertThat(journalLinks).as("links made in %s", workspace.id()).isGreaterThan(10);
      TestProbe.create(node.system())
          .awaitAssert(
              Duration.ofSeconds(30),
              Duration.ofMillis(250),
              () -> {
                assertThat(peoplesClicksIn(workspace.id()))
                    .as("clicks of people in ClickHouse")
                    .isEqualTo(workspace.peoplesVisits());
                var usage = usage(workspace);
                assertThat(usage.path("links").path("used").asLong())
                    .as("links of %s: usage against the journal", workspace.id())
                    .isEqualTo(journalLinks);
                assertThat(usage.path("trackedClicks").path("used").asLong())
                    .as("clicks of %s: usage against ClickHouse's raw rows", workspace.id())
                    .isEqualTo(peoplesClicksIn(workspace.id()));
                return null;
              });
      var usage = usage(workspace);
      System.out.printf(
          "usage of %s (%s): %d links (journal %d), %d tracked clicks (raw people %d)%n",
          workspace.id(),
          workspace.plan(),
          usage.path("links").path("used").asLong(),
          journalLinks,
          usage.path("trackedClicks").path("used").asLong(),
          people);
      assertThat(usage.path("plan").asText()).isEqualTo(workspace.plan());
      assertThat(usage.path("apiKeys").path("used").asLong()).isEqualTo(1);
      assertThat(usage.path("members").path("used").asLong()).isEqualTo(1);
      assertThat(usage.path("customDomains").path("used").asLong()).isZero();
      assertThat(Instant.parse(usage.path("periodStart").asText()))
          .isEqualTo(LinkQuota.start(LinkQuota.periodOf(Instant.now())));
    }
    assertThat(usage(free).path("links").path("limit").asLong()).isEqualTo(50);
    assertThat(usage(free).path("trackedClicks").path("limit").asLong()).isEqualTo(10_000);
    assertThat(usage(enterprise).path("links").path("limit").isNull()).isTrue();
  }

  /**
   * One client's share: 7 creates (one on an alias another client may have taken first, one with an
   * invalid target), every third link deleted, each link visited by people 0 to 3 times and by a
   * bot once.
   */
  private static void mixedLoad(Workspace workspace, int client) {
    var random = ThreadLocalRandom.current();
    for (int i = 0; i < 7; i++) {
      String alias = i == 0 ? workspace.id() + "-shared" : workspace.id() + "-" + client + "-" + i;
      var created =
          api.post(
              "/api/v1/links",
              workspace.key(),
              "{\"target\":\"https://example.com/usage/" + i + "\",\"alias\":\"" + alias + "\"}");
      assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
      var invalid =
          api.post("/api/v1/links", workspace.key(), "{\"target\":\"javascript:alert(1)\"}");
      assertThat(invalid.statusCode()).isEqualTo(422);
      if (created.statusCode() != 201) {
        continue;
      }
      int people = random.nextInt(4);
      for (int visit = 0; visit < people; visit++) {
        visit(alias, CHROME, "203.0.113." + (client * 10 + visit));
        workspace.visited();
      }
      visit(alias, GOOGLEBOT, "66.249.66.1");
      if (i % 3 == 2) {
        assertThat(api.delete("/api/v1/links/" + alias, workspace.key()).statusCode())
            .isEqualTo(204);
      }
    }
  }

  private static void visit(String code, String userAgent, String address) {
    HttpResponse<String> response =
        api.send(
            api.request("/" + code)
                .header("User-Agent", userAgent)
                .header("X-Forwarded-For", address + ", 10.0.0.1")
                .GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
  }

  /** The workspace's {@code LinkCreated} events this month, read from the journal itself. */
  private static long linksCreatedInJournal(String workspace) {
    var journal =
        PersistenceQuery.get(node.system())
            .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    var monthStart = LinkQuota.start(LinkQuota.periodOf(Instant.now()));
    long count = 0;
    for (String tag : LinkEntity.TAGS) {
      var events =
          journal
              .currentEventsByTag(tag, Offset.noOffset())
              .runWith(Sink.seq(), node.system())
              .toCompletableFuture()
              .join();
      for (var envelope : events) {
        if (envelope.event() instanceof LinkEvent.LinkCreated created
            && created.owner().equals(workspace)
            && !created.at().isBefore(monthStart)) {
          count++;
        }
      }
    }
    return count;
  }

  /** Clicks of people in the workspace's raw rows, each click once. */
  private static long peoplesClicksIn(String workspace) {
    return TestClickHouse.count(
        clickHouse,
        "SELECT count(DISTINCT event_id) FROM clicks WHERE owner = '"
            + workspace
            + "' AND is_bot = 0");
  }

  private static JsonNode usage(Workspace workspace) {
    var answer = api.get("/api/v1/workspaces/" + workspace.id() + "/usage", workspace.key());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    try {
      return Json.MAPPER.readTree(answer.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final class Workspace {
    private final String id;
    private final String key;
    private final String plan;
    private final java.util.concurrent.atomic.AtomicLong visits =
        new java.util.concurrent.atomic.AtomicLong();

    Workspace(String id, String key, String plan) {
      this.id = id;
      this.key = key;
      this.plan = plan;
    }

    String id() {
      return id;
    }

    String key() {
      return key;
    }

    String plan() {
      return plan;
    }

    void visited() {
      visits.incrementAndGet();
    }

    long peoplesVisits() {
      return visits.get();
    }
  }

  /** A new workspace on {@code plan}, with one API key that may create and read. */
  private static Workspace workspace(String plan) {
    String id = "usage-" + UUID.randomUUID().toString().substring(0, 8);
    workspaces.create(id, "Usage", UUID.randomUUID()).toCompletableFuture().join();
    if (!plan.equals(PlanBook.FREE)) {
      workspaces.changePlan(id, plan, null, "test").toCompletableFuture().join();
    }
    String key = ApiKeyFormat.generate();
    TestPostgres.execute(
        database,
        "INSERT INTO api_keys (key_hash, workspace_id, id, name, prefix, scopes)"
            + " VALUES (?, ?, gen_random_uuid(), 'usage key', ?,"
            + " ARRAY['links:read', 'links:write', 'workspace:read'])",
        Secrets.sha256(key),
        id,
        key.substring(0, 8));
    return new Workspace(id, key, plan);
  }
}
