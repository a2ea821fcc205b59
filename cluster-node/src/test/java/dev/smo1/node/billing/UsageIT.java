package dev.smo1.node.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.apikey.ApiKeyFormat;
import dev.smo1.accounts.workspace.LinkQuota;
import dev.smo1.accounts.workspace.PlanBook;
import dev.smo1.accounts.workspace.WorkspaceLimits;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.billing.mail.BillingEmails;
import dev.smo1.billing.notice.BillingNotices;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.billing.usage.UsageNotices;
import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.http.json.Json;
import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEvent;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.NodeWithClicks;
import dev.smo1.node.testing.Visitors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Usage is exact: after a mixed load on two workspaces (one on the free plan, whose links the
 * workspace entity counts; one on enterprise, whose links the read model counts) of creates,
 * refused creates, deletes and visits from people and from bots, {@code GET …/usage} equals the
 * counts taken directly from the stores: the {@code LinkCreated} events in the journal, and the raw
 * click rows in ClickHouse (people only). Beyond a plan's volume, clicks are counted over quota;
 * the 80 % and 100 % usage emails go out once each.
 */
@ExtendWith(LogCapturingExtension.class)
class UsageIT {
  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  private static NodeWithClicks stack;
  private static ClickHouseAccess clickHouse;
  private static Node node;
  private static ApiClient api;
  private static String database;
  private static WorkspaceService workspaces;

  @BeforeAll
  static void start() {
    database = TestPostgres.newDatabase();
    stack =
        NodeWithClicks.start(
            database,
            Map.of(
                "smo1.mail.smtp-port",
                mail.getSmtp().getPort(),
                "smo1.mail.retries",
                0,
                "smo1.billing.usage-notices-every",
                "300ms"));
    node = stack.node();
    api = stack.api();
    clickHouse = stack.clickHouse();
    workspaces =
        new WorkspaceService(
            node.system(),
            Duration.ofSeconds(10),
            new Jdbc(dataSource(), java.util.concurrent.ForkJoinPool.commonPool()));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
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
    assertThat(usage(free).path("trackedClicks").path("overQuota").asLong()).isZero();
    assertThat(usage(free).path("trackedClicks").path("overQuotaSince").isNull()).isTrue();
    assertThat(usage(enterprise).path("links").path("limit").isNull()).isTrue();
    assertThat(usage(enterprise).path("trackedClicks").path("overQuota").isNull()).isTrue();
  }

  /**
   * A workspace on its own limits (10 links, 20 tracked clicks a month) with an owner who has an
   * email address: the 8th link and the 10th each email the owner once (80 %, 100 %), the 11th is
   * refused; clicks past 16 and past 20 each email once (the sweep); the clicks past 20 are still
   * redirected and stored, usage counts them over quota since the 21st in the order they happened
   * (ClickHouse's raw rows); sweeps going on, and another node's notices (nothing remembered), send
   * nothing again.
   */
  @Test
  void usageEmailsAt80And100PercentOnceEachAndClicksOverTheVolumeAreCounted() throws Exception {
    String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    var limits = new WorkspaceLimits(10L, 20L, null, null, null, null, 30);
    var workspace = workspace(PlanBook.ENTERPRISE, limits, email);

    for (int i = 1; i <= 7; i++) {
      createLink(workspace, "notice-" + workspace.id() + "-" + i, 201);
    }
    createLink(workspace, "notice-" + workspace.id() + "-8", 201);
    assertThat(awaitEmails(email, 1))
        .containsExactly(
            "Workspace " + workspace.id() + " has used 80 % of its links for this month");
    createLink(workspace, "notice-" + workspace.id() + "-9", 201);
    createLink(workspace, "notice-" + workspace.id() + "-10", 201);
    createLink(workspace, "notice-" + workspace.id() + "-11", 403);
    assertThat(awaitEmails(email, 2))
        .endsWith("Workspace " + workspace.id() + " has used all its links for this month");
    var body = bodyOfLast(email);
    assertThat(body).contains("has created 10 of the 10 links its Enterprise plan includes");

    for (int i = 0; i < 17; i++) {
      Visitors.visit(
          api, "notice-" + workspace.id() + "-" + (1 + i % 10), Visitors.CHROME, "203.0.113." + i);
    }
    Visitors.visit(api, "notice-" + workspace.id() + "-1", Visitors.GOOGLEBOT, "66.249.66.1");
    assertThat(awaitEmails(email, 3))
        .endsWith(
            "Workspace " + workspace.id() + " has used 80 % of its tracked clicks for this month");
    for (int i = 17; i < 29; i++) {
      Visitors.visit(
          api, "notice-" + workspace.id() + "-" + (1 + i % 10), Visitors.CHROME, "203.0.113." + i);
    }
    assertThat(awaitEmails(email, 4))
        .endsWith(
            "Workspace " + workspace.id() + " has used all its tracked clicks for this month");

    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(30),
            Duration.ofMillis(250),
            () -> {
              var clicks = usage(workspace).path("trackedClicks");
              assertThat(clicks.path("used").asLong()).isEqualTo(29);
              return null;
            });
    var clicks = usage(workspace).path("trackedClicks");
    assertThat(peoplesClicksIn(workspace.id())).isEqualTo(29);
    assertThat(clicks.path("limit").asLong()).isEqualTo(20);
    assertThat(clicks.path("overQuota").asLong()).isEqualTo(9);
    long twentyFirst =
        TestClickHouse.count(
            clickHouse,
            "SELECT toUnixTimestamp(ts) FROM clicks WHERE owner = '"
                + workspace.id()
                + "' AND is_bot = 0 ORDER BY ts, event_id LIMIT 20, 1");
    assertThat(Instant.parse(clicks.path("overQuotaSince").asText()))
        .as("the 21st click of the month, in the order they happened")
        .isEqualTo(Instant.ofEpochSecond(twentyFirst));

    // a few more sweeps, and a node that remembers nothing: no notice is sent twice
    Thread.sleep(1_000);
    var another =
        new UsageNotices(
            new Jdbc(dataSource(), java.util.concurrent.ForkJoinPool.commonPool()),
            new BillingNotices(
                workspaces,
                Duration.ofSeconds(10),
                message -> {
                  throw new AssertionError("sent again: " + message.subject());
                }),
            workspaces,
            PlanCatalog.load(),
            new BillingEmails(java.net.URI.create("http://127.0.0.1/app")),
            Clock.systemUTC());
    assertThat(another.trackedClicks(workspace.id(), 29).toCompletableFuture().get()).isZero();
    assertThat(emailsTo(email)).hasSize(4);
    assertThat(
            TestPostgres.count(
                database,
                "SELECT count(*) FROM billing_notices WHERE workspace_id = '"
                    + workspace.id()
                    + "' AND kind = 'USAGE'"))
        .isEqualTo(4);
  }

  private static void createLink(Workspace workspace, String alias, int status) {
    var created =
        api.post(
            "/api/v1/links",
            workspace.key(),
            "{\"target\":\"https://example.com/notice\",\"alias\":\"" + alias + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(status);
  }

  /** The subjects of the messages to {@code to}, once there are {@code count}. */
  private static List<String> awaitEmails(String to, int count) {
    return TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(30),
            Duration.ofMillis(100),
            () -> {
              var subjects = emailsTo(to);
              assertThat(subjects).hasSize(count);
              return subjects;
            });
  }

  private static List<String> emailsTo(String to) {
    var subjects = new ArrayList<String>();
    for (var message : mail.getReceivedMessages()) {
      try {
        if (message.getAllRecipients()[0].toString().equals(to)) {
          subjects.add(message.getSubject());
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return subjects;
  }

  private static String bodyOfLast(String to) {
    var messages = mail.getReceivedMessages();
    for (int i = messages.length - 1; i >= 0; i--) {
      try {
        if (messages[i].getAllRecipients()[0].toString().equals(to)) {
          var content = (jakarta.mail.Multipart) messages[i].getContent();
          return (String) content.getBodyPart(0).getContent();
        }
      } catch (jakarta.mail.MessagingException | java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no message to " + to);
  }

  private static javax.sql.DataSource dataSource() {
    var source = new org.postgresql.ds.PGSimpleDataSource();
    source.setUrl(database);
    source.setUser("postgres");
    return source;
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
        Visitors.visit(api, alias, Visitors.CHROME, "203.0.113." + (client * 10 + visit));
        workspace.visited();
      }
      Visitors.visit(api, alias, Visitors.GOOGLEBOT, "66.249.66.1");
      if (i % 3 == 2) {
        assertThat(api.delete("/api/v1/links/" + alias, workspace.key()).statusCode())
            .isEqualTo(204);
      }
    }
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
    return workspace(plan, null, null);
  }

  /**
   * A new workspace on {@code plan} with {@code limits} (enterprise; null: the plan's), owned by a
   * user with {@code email} (null: a user SMO1 has no address of), with one API key.
   */
  private static Workspace workspace(String plan, WorkspaceLimits limits, String email) {
    String id = "usage-" + UUID.randomUUID().toString().substring(0, 8);
    UUID owner = UUID.randomUUID();
    if (email != null) {
      TestPostgres.execute(
          database,
          "INSERT INTO users (id, email, name, password_hash, email_verified_at, created_at,"
              + " password_changed_at) VALUES (?, ?, 'Owner', 'x', now(), now(), now())",
          owner,
          email);
    }
    workspaces.create(id, "Usage", owner).toCompletableFuture().join();
    if (!plan.equals(PlanBook.FREE)) {
      workspaces.changePlan(id, plan, limits, "test").toCompletableFuture().join();
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
