package dev.smo1.node.safety;

import static dev.smo1.node.testing.TestNodes.OTHER_OWNER_KEY;
import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.apikey.ApiKeyFormat;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.http.json.Json;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.Eventually;
import dev.smo1.node.testing.TestNodes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malicious-URL screening, abuse reports and takedowns on a running node (decision 0034), with the
 * lists in files in the formats of URLhaus' text export and its host file, read again every 300 ms:
 * a listed target is refused and nothing is stored; a live link whose target becomes listed is
 * taken down within one refresh, its owner emailed once; lists that cannot be read refuse new links
 * with 503 while existing links keep redirecting; a reported link taken down by an admin answers
 * 451, its owner cannot enable it, and every step is in the platform's audit log.
 */
@ExtendWith(LogCapturingExtension.class)
class SafetyIT {
  private static final Duration REFRESH = Duration.ofMillis(300);

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  private static Path lists;
  private static Path urlhaus;
  private static Path hosts;
  private static String database;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    lists = Files.createTempDirectory("smo1-screening");
    urlhaus = lists.resolve("urlhaus.txt");
    hosts = lists.resolve("hostfile.txt");
    Files.writeString(
        urlhaus,
        """
        ################################################################
        # abuse.ch URLhaus Database Dump (TEXT)                        #
        ################################################################
        http://phish.example/login/
        http://203.0.113.77:8080/bins/mirai.arm7
        """);
    Files.writeString(
        hosts,
        """
        # URLhaus host file
        127.0.0.1\tmalware.example
        127.0.0.1\tgood.example
        """);
    database = TestPostgres.newDatabase();
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("smo1.screening.lists", "urlhaus=urls:" + urlhaus + " hostfile=hosts:" + hosts);
    overrides.put("smo1.screening.deny", "denied.example");
    overrides.put("smo1.screening.allow", "good.example");
    overrides.put("smo1.screening.refresh-every", REFRESH.toMillis() + "ms");
    overrides.put("smo1.screening.max-staleness", "1s");
    overrides.put("smo1.mail.smtp-port", mail.getSmtp().getPort());
    overrides.put("smo1.mail.retries", 0);
    overrides.put("smo1.rate-limits.abuse-reports-per-ip.limit", 1000);
    node = TestNodes.start(database, Clock.systemUTC(), true, overrides);
    api = new ApiClient(node.httpAddress());
    // screening answers once the lists were read a first time
    awaitAssert(
        Duration.ofSeconds(10),
        () ->
            assertThat(create(OWNER_KEY, "warmup", "https://example.com/").statusCode())
                .isEqualTo(201));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (lists != null) {
      try (var files = Files.list(lists)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(lists);
    }
  }

  @Test
  void aListedTargetIsRefusedWithTheListNamedAndNothingIsStored() throws Exception {
    assertUnsafe(
        create(OWNER_KEY, "bad-1", "https://phish.example/login/verify?id=1"), "urlhaus", "target");
    // the scheme, the case and the default port do not matter; subdomains of a listed host do
    assertUnsafe(
        create(OWNER_KEY, "bad-2", "HTTP://Phish.Example:443/login/"), "urlhaus", "target");
    assertUnsafe(
        create(OWNER_KEY, "bad-3", "http://203.0.113.77:8080/bins/mirai.arm7"),
        "urlhaus",
        "target");
    assertUnsafe(create(OWNER_KEY, "bad-4", "https://cdn.malware.example/x"), "hostfile", "target");
    assertUnsafe(create(OWNER_KEY, "bad-5", "https://denied.example/"), "denylist", "target");
    var routed =
        api.post(
            "/api/v1/links",
            OWNER_KEY,
            """
            {"target": "https://example.com/", "alias": "bad-6",
             "rules": [{"when": {"country": ["DE"]}, "target": "https://malware.example/de"}]}
            """);
    assertUnsafe(routed, "hostfile", "rules[0].target");
    var fallback =
        api.post(
            "/api/v1/links",
            OWNER_KEY,
            """
            {"target": "https://example.com/", "alias": "bad-7",
             "expiresAt": "2099-01-01T00:00:00Z", "expiredUrl": "https://phish.example/login/"}
            """);
    assertUnsafe(fallback, "urlhaus", "expiredUrl");
    for (int i = 1; i <= 7; i++) {
      assertThat(api.get("/api/v1/links/bad-" + i, OWNER_KEY).statusCode()).isEqualTo(404);
    }
    // a host the operator allows is never refused, though a list has it
    assertThat(create(OWNER_KEY, "allowed", "https://good.example/").statusCode()).isEqualTo(201);
    // an update to a listed target is refused and changes nothing
    assertThat(create(OWNER_KEY, "clean-1", "https://example.com/clean").statusCode())
        .isEqualTo(201);
    assertUnsafe(
        api.patch(
            "/api/v1/links/clean-1", OWNER_KEY, "{\"target\": \"https://phish.example/login/\"}"),
        "urlhaus",
        "target");
    assertThat(json(api.get("/api/v1/links/clean-1", OWNER_KEY)).get("target").asText())
        .isEqualTo("https://example.com/clean");
    // and in a bulk create, each item alone
    var bulk =
        json(
            api.post(
                "/api/v1/links/bulk",
                OWNER_KEY,
                """
                {"links": [{"target": "https://example.com/ok", "alias": "bulk-ok"},
                           {"target": "https://malware.example/", "alias": "bulk-bad"}]}
                """));
    assertThat(bulk.at("/results/0/ok").asBoolean()).isTrue();
    assertThat(bulk.at("/results/1/error/code").asText()).isEqualTo("unsafe_target");
  }

  @Test
  void aLiveLinkWhoseTargetBecomesListedIsTakenDownWithinOneRefreshAndItsOwnerEmailedOnce()
      throws Exception {
    String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String key = workspace(email);
    String host = "later-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    assertThat(create(key, "later-1", "https://" + host + "/offer").statusCode()).isEqualTo(201);
    assertThat(create(key, "later-2", "https://example.com/fine").statusCode()).isEqualTo(201);
    awaitAssert(
        Duration.ofSeconds(10), () -> assertThat(api.visit("later-1").statusCode()).isEqualTo(302));

    long listed = System.nanoTime();
    Files.writeString(hosts, "127.0.0.1\t" + host + "\n", StandardOpenOption.APPEND);
    awaitAssert(
        Duration.ofSeconds(10), () -> assertThat(api.visit("later-1").statusCode()).isEqualTo(451));
    long tookMillis = (System.nanoTime() - listed) / 1_000_000;
    // one refresh reads the list, sweeps, blocks; the entity answers at once
    assertThat(tookMillis).as("listed to 451, ms").isLessThan(REFRESH.toMillis() + 5_000);
    assertThat(api.visit("later-2").statusCode()).isEqualTo(302);

    var link = json(api.get("/api/v1/links/later-1", key));
    assertThat(link.get("status").asText()).isEqualTo("blocked");
    var enable = api.post("/api/v1/links/later-1/enable", key, "");
    assertThat(enable.statusCode()).isEqualTo(403);
    assertThat(json(enable).get("code").asText()).isEqualTo("link_blocked");
    assertThat(
            api.patch("/api/v1/links/later-1", key, "{\"target\": \"https://example.com/\"}")
                .statusCode())
        .isEqualTo(403);

    awaitAssert(Duration.ofSeconds(10), () -> assertThat(subjectsTo(email)).hasSize(1));
    // further refreshes (the list unchanged, or changed again) email nothing more
    Files.writeString(hosts, "127.0.0.1\tother-" + host + "\n", StandardOpenOption.APPEND);
    Thread.sleep(REFRESH.toMillis() * 4);
    assertThat(subjectsTo(email))
        .containsExactly("Your short link s.test/later-1 was disabled for abuse");

    var entries = platformAudit();
    assertThat(entries)
        .anySatisfy(
            entry -> {
              assertThat(entry.get("action").asText()).isEqualTo("link.blocked");
              assertThat(entry.get("target").asText()).isEqualTo("s.test/later-1");
              assertThat(entry.get("actorKind").asText()).isEqualTo("screening");
              assertThat(entry.get("actorId").asText()).isEqualTo("hostfile");
            });
    // the owner may still delete it
    assertThat(api.delete("/api/v1/links/later-1", key).statusCode()).isEqualTo(204);
  }

  @Test
  void listsThatCannotBeReadRefuseNewLinksWith503AndExistingLinksStillRedirect() throws Exception {
    assertThat(create(OWNER_KEY, "before-outage", "https://example.com/before").statusCode())
        .isEqualTo(201);
    Path moved = lists.resolve("urlhaus.moved");
    Files.move(urlhaus, moved);
    try {
      // the last good read serves until max-staleness (1 s) has passed
      var attempts = new java.util.concurrent.atomic.AtomicInteger();
      awaitAssert(
          Duration.ofSeconds(10),
          () -> {
            var refused =
                create(
                    OWNER_KEY,
                    "during-outage-" + attempts.incrementAndGet(),
                    "https://example.com/during");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(json(refused).get("code").asText()).isEqualTo("screening_unavailable");
          });
      assertThat(api.get("/api/v1/links/during-outage-" + attempts.get(), OWNER_KEY).statusCode())
          .isEqualTo(404);
      var visit = api.visit("before-outage");
      assertThat(visit.statusCode()).isEqualTo(302);
      assertThat(visit.headers().firstValue("Location")).hasValue("https://example.com/before");
      // a change that brings no target is not screened
      assertThat(
              api.patch("/api/v1/links/before-outage", OWNER_KEY, "{\"title\": \"Still here\"}")
                  .statusCode())
          .isEqualTo(200);
    } finally {
      Files.move(moved, urlhaus);
    }
    awaitAssert(
        Duration.ofSeconds(10),
        () ->
            assertThat(create(OWNER_KEY, "after-outage", "https://example.com/after").statusCode())
                .isEqualTo(201));
  }

  @Test
  void aReportedLinkTakenDownByAnAdminAnswers451AndItsOwnerCannotEnableIt() throws Exception {
    assertThat(create(OWNER_KEY, "reported", "https://example.com/shady").statusCode())
        .isEqualTo(201);
    awaitAssert(
        Duration.ofSeconds(10),
        () -> assertThat(api.visit("reported").statusCode()).isEqualTo(302));

    // anyone reports, without a login; a URL that names no link, or an unknown reason, is refused
    var report =
        anonymous(
            "{\"url\": \"https://s.test/reported\", \"reason\": \"phishing\","
                + " \"details\": \"asks for bank logins\"}");
    assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
    String reportId = json(report).get("id").asText();
    var unknown = anonymous("{\"url\": \"https://s.test/no-such-link\", \"reason\": \"spam\"}");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(json(unknown).get("code").asText()).isEqualTo("unknown_link");
    var reason = anonymous("{\"url\": \"https://s.test/reported\", \"reason\": \"dislike\"}");
    assertThat(reason.statusCode()).isEqualTo(422);
    assertThat(json(reason).get("code").asText()).isEqualTo("invalid_reason");

    // the queue is for platform admins only
    assertThat(api.get("/api/v1/admin/abuse-reports", OTHER_OWNER_KEY).statusCode()).isEqualTo(403);
    var queue = json(api.get("/api/v1/admin/abuse-reports", OWNER_KEY));
    assertThat(queue.get("items"))
        .anySatisfy(item -> assertThat(item.get("id").asText()).isEqualTo(reportId));
    assertThat(
            api.post(
                    "/api/v1/admin/links/s.test/reported/takedown",
                    OTHER_OWNER_KEY,
                    "{\"reason\": \"x\"}")
                .statusCode())
        .isEqualTo(403);

    var takedown =
        api.post(
            "/api/v1/admin/links/s.test/reported/takedown",
            OWNER_KEY,
            "{\"reason\": \"phishing: bank login form\", \"reportId\": \"" + reportId + "\"}");
    assertThat(takedown.statusCode()).as(takedown.body()).isEqualTo(200);
    assertThat(json(takedown).at("/link/status").asText()).isEqualTo("blocked");
    assertThat(json(takedown).get("alreadyBlocked").asBoolean()).isFalse();
    var again =
        api.post(
            "/api/v1/admin/links/s.test/reported/takedown", OWNER_KEY, "{\"reason\": \"again\"}");
    assertThat(json(again).get("alreadyBlocked").asBoolean()).isTrue();

    var page = api.visit("reported");
    assertThat(page.statusCode()).isEqualTo(451);
    assertThat(page.body()).contains("Link disabled for abuse");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    var asJson = api.send(api.request("/reported").header("Accept", "application/json").GET());
    assertThat(json(asJson).get("code").asText()).isEqualTo("link_blocked");
    var enable = api.post("/api/v1/links/reported/enable", OWNER_KEY, "");
    assertThat(enable.statusCode()).isEqualTo(403);
    assertThat(json(enable).get("code").asText()).isEqualTo("link_blocked");

    var resolved = json(api.get("/api/v1/admin/abuse-reports?status=actioned", OWNER_KEY));
    assertThat(resolved.get("items"))
        .anySatisfy(item -> assertThat(item.get("id").asText()).isEqualTo(reportId));
    var actions = platformAudit().stream().map(entry -> entry.get("action").asText()).toList();
    assertThat(actions).contains("abuse_report.received", "link.blocked", "abuse_report.resolved");

    // an admin lifts it: the link is disabled, for its owner to enable
    var restore =
        api.post(
            "/api/v1/admin/links/s.test/reported/restore",
            OWNER_KEY,
            "{\"reason\": \"reviewed: a false report\"}");
    assertThat(json(restore).at("/link/status").asText()).isEqualTo("disabled");
    assertThat(api.post("/api/v1/links/reported/enable", OWNER_KEY, "").statusCode())
        .isEqualTo(200);
    awaitAssert(
        Duration.ofSeconds(10),
        () -> assertThat(api.visit("reported").statusCode()).isEqualTo(302));
    assertThat(platformAudit().stream().map(entry -> entry.get("action").asText()))
        .contains("link.unblocked");
    assertThat(
            api.post(
                    "/api/v1/admin/links/s.test/no-such/takedown", OWNER_KEY, "{\"reason\": \"x\"}")
                .statusCode())
        .isEqualTo(404);
  }

  private static HttpResponse<String> create(String key, String alias, String target) {
    return api.createLink(key, alias, target);
  }

  private static void assertUnsafe(HttpResponse<String> response, String list, String field)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    var body = json(response);
    assertThat(body.get("code").asText()).isEqualTo("unsafe_target");
    assertThat(body.get("field").asText()).isEqualTo(field);
    assertThat(body.get("message").asText()).contains(list);
  }

  private static HttpResponse<String> anonymous(String body) {
    return api.send(
        api.request("/api/v1/abuse-reports")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static List<JsonNode> platformAudit() throws Exception {
    var entries = new ArrayList<JsonNode>();
    json(api.get("/api/v1/admin/audit?limit=100", OWNER_KEY)).get("items").forEach(entries::add);
    return entries;
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }

  private static List<String> subjectsTo(String to) {
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

  /** A new workspace whose owner has {@code email}; returns its API key. */
  private static String workspace(String email) {
    String id = "safety-" + UUID.randomUUID().toString().substring(0, 8);
    UUID owner = UUID.randomUUID();
    TestPostgres.execute(
        database,
        "INSERT INTO users (id, email, name, password_hash, email_verified_at, created_at,"
            + " password_changed_at) VALUES (?, ?, 'Owner', 'x', now(), now(), now())",
        owner,
        email);
    var source = new org.postgresql.ds.PGSimpleDataSource();
    source.setUrl(database);
    source.setUser("postgres");
    new WorkspaceService(
            node.system(),
            Duration.ofSeconds(10),
            new Jdbc(source, java.util.concurrent.ForkJoinPool.commonPool()))
        .create(id, "Safety", owner)
        .toCompletableFuture()
        .join();
    String key = ApiKeyFormat.generate();
    TestPostgres.execute(
        database,
        "INSERT INTO api_keys (key_hash, workspace_id, id, name, prefix, scopes)"
            + " VALUES (?, ?, gen_random_uuid(), 'safety key', ?,"
            + " ARRAY['links:read', 'links:write', 'workspace:read'])",
        Secrets.sha256(key),
        id,
        key.substring(0, 8));
    // the owner's membership reaches the read model the takedown email is addressed from
    awaitAssert(
        Duration.ofSeconds(10),
        () ->
            assertThat(
                    TestPostgres.count(
                        database,
                        "SELECT count(*) FROM workspace_members WHERE workspace_id = '" + id + "'"))
                .isEqualTo(1));
    return key;
  }

  private static void awaitAssert(Duration max, Eventually.Check check) {
    Eventually.within(node.system(), max, check);
  }
}
