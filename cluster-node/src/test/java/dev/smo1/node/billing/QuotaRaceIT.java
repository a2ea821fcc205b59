package dev.smo1.node.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.apikey.ApiKeyFormat;
import dev.smo1.accounts.workspace.PlanBook;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.http.json.Json;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plan's monthly link limit holds exactly across the cluster: three members, one workspace on the
 * free plan (50 links a month) with 10 left, 20 clients creating at once through the three members
 * in turn: exactly 10 links made, the other 10 answered 403 {@code quota_exceeded} with the limit,
 * the use and the upgrade URL; five times, each with a workspace of its own. And a create the link
 * entity refuses after its slot was taken gives the slot back.
 */
@ExtendWith(LogCapturingExtension.class)
class QuotaRaceIT {
  private static final int FREE_LINKS = 50;
  private static final int LEFT = 10;
  private static final int CLIENTS = 20;

  private static final List<Node> members = new ArrayList<>();
  private static String databaseUrl;
  private static WorkspaceService workspaces;

  @BeforeAll
  static void formCluster() {
    databaseUrl = TestPostgres.newDatabase();
    // the free plan's 60 API requests a minute per key are not what is tested here
    members.addAll(TestNodes.cluster(databaseUrl, 3, Map.of("smo1.rate-limits.enabled", false)));
    workspaces = new WorkspaceService(members.get(1).system(), Duration.ofSeconds(10), jdbc());
  }

  @AfterAll
  static void stop() {
    members.forEach(Node::close);
  }

  @RepeatedTest(5)
  void twentyClientsRaceForTheLastTenLinksOfTheMonth() throws Exception {
    var workspace = freeWorkspace();
    for (int i = 0; i < FREE_LINKS - LEFT; i++) {
      assertThat(create(i % 3, workspace.key(), null, target(i)).statusCode()).isEqualTo(201);
    }

    List<HttpResponse<String>> answers = race(workspace.key());

    var created = answers.stream().filter(answer -> answer.statusCode() == 201).toList();
    var refused = answers.stream().filter(answer -> answer.statusCode() != 201).toList();
    System.out.printf(
        "quota race in %s: %d created, %d refused%n",
        workspace.id(), created.size(), refused.size());
    assertThat(created).as("links created by the race").hasSize(LEFT);
    assertThat(refused).hasSize(CLIENTS - LEFT);
    for (var answer : refused) {
      assertQuotaExceeded(answer, workspace.id(), FREE_LINKS);
    }
    assertThat(workspaces.quota(workspace.id()).toCompletableFuture().join().linksCreated())
        .isEqualTo(FREE_LINKS);
    awaitLinksInReadModel(workspace.id(), FREE_LINKS);
    assertQuotaExceeded(create(0, workspace.key(), null, target(99)), workspace.id(), 50);
  }

  @Test
  void aCreateRefusedAfterTakingItsSlotGivesItBack() {
    var workspace = freeWorkspace();
    for (int i = 0; i < FREE_LINKS - 1; i++) {
      assertThat(create(i % 3, workspace.key(), null, target(i)).statusCode()).isEqualTo(201);
    }
    // the alias of another workspace's link: refused by that link's entity, after the slot
    var other = freeWorkspace();
    String alias = "taken-" + other.id();
    assertThat(create(1, other.key(), alias, target(0)).statusCode()).isEqualTo(201);
    for (int attempt = 0; attempt < 3; attempt++) {
      var conflict = create(attempt % 3, workspace.key(), alias, target(1));
      assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
      assertThat(json(conflict).path("code").asText()).isEqualTo("alias_taken");
      var invalid = create(attempt % 3, workspace.key(), null, "ftp://not-http.example");
      assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(422);
    }
    assertThat(workspaces.quota(workspace.id()).toCompletableFuture().join().linksCreated())
        .as("six refused creates took no slot")
        .isEqualTo(FREE_LINKS - 1);

    assertThat(create(2, workspace.key(), null, target(50)).statusCode()).isEqualTo(201);
    assertQuotaExceeded(create(0, workspace.key(), null, target(51)), workspace.id(), 50);
  }

  @Test
  void customDomainsAndApiKeysAreHeldToThePlanEvenWhenAddedAtOnce() throws Exception {
    var workspace = freeWorkspace();
    String domains = "/api/v1/workspaces/" + workspace.id() + "/domains";
    String keys = "/api/v1/workspaces/" + workspace.id() + "/api-keys";

    // free: no custom domain, one API key (the workspace has it)
    assertQuota(
        api(0).post(domains, workspace.key(), "{\"domain\":\"go." + workspace.id() + ".test\"}"),
        "custom_domains",
        0,
        0);
    assertQuota(
        api(1).post(keys, workspace.key(), "{\"name\":\"second\",\"scopes\":[\"links:read\"]}"),
        "api_keys",
        1,
        1);

    // pro: one custom domain and ten keys; added from three members at once, the limit holds
    workspaces.changePlan(workspace.id(), "pro", null, "test").toCompletableFuture().join();
    var added = new ArrayList<HttpResponse<String>>();
    var madeKeys = new ArrayList<HttpResponse<String>>();
    ExecutorService clients = Executors.newFixedThreadPool(12);
    try {
      var start = new CountDownLatch(1);
      var sent = new ArrayList<Future<HttpResponse<String>>>();
      var keysSent = new ArrayList<Future<HttpResponse<String>>>();
      for (int i = 0; i < 3; i++) {
        int n = i;
        sent.add(
            clients.submit(
                () -> {
                  start.await();
                  return api(n)
                      .post(
                          domains,
                          workspace.key(),
                          "{\"domain\":\"go" + n + "." + workspace.id() + ".test\"}");
                }));
      }
      for (int i = 0; i < 12; i++) {
        int n = i;
        keysSent.add(
            clients.submit(
                () -> {
                  start.await();
                  return api(n % 3)
                      .post(
                          keys,
                          workspace.key(),
                          "{\"name\":\"key " + n + "\",\"scopes\":[\"links:read\"]}");
                }));
      }
      start.countDown();
      for (var answer : sent) {
        added.add(answer.get());
      }
      for (var answer : keysSent) {
        madeKeys.add(answer.get());
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(added.stream().filter(answer -> answer.statusCode() == 201))
        .as("domains added: %s", added.stream().map(HttpResponse::body).toList())
        .hasSize(1);
    added.stream()
        .filter(answer -> answer.statusCode() != 201)
        .forEach(answer -> assertQuota(answer, "custom_domains", 1, 1));
    assertThat(madeKeys.stream().filter(answer -> answer.statusCode() == 201))
        .as("keys made: the workspace had one of ten")
        .hasSize(9);
    madeKeys.stream()
        .filter(answer -> answer.statusCode() != 201)
        .forEach(answer -> assertQuota(answer, "api_keys", 10, 10));
  }

  private static void assertQuota(
      HttpResponse<String> answer, String resource, long limit, long used) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
    JsonNode quota = json(answer).path("quota");
    assertThat(json(answer).path("code").asText()).isEqualTo("quota_exceeded");
    assertThat(quota.path("resource").asText()).isEqualTo(resource);
    assertThat(quota.path("limit").asLong()).isEqualTo(limit);
    assertThat(quota.path("used").asLong()).isEqualTo(used);
  }

  /** Twenty creates at once, through members 1, 2, 3 in turn, released together. */
  private static List<HttpResponse<String>> race(String key) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      var start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        int member = client % 3;
        int n = client;
        sent.add(
            clients.submit(
                () -> {
                  start.await();
                  return create(member, key, null, target(1000 + n));
                }));
      }
      start.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (var answer : sent) {
        answers.add(answer.get());
      }
      return answers;
    } finally {
      clients.shutdownNow();
    }
  }

  private static void assertQuotaExceeded(HttpResponse<String> answer, String workspace, int used) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
    JsonNode body = json(answer);
    assertThat(body.path("code").asText()).isEqualTo("quota_exceeded");
    JsonNode quota = body.path("quota");
    assertThat(quota.path("resource").asText()).isEqualTo("links");
    assertThat(quota.path("limit").asLong()).isEqualTo(FREE_LINKS);
    assertThat(quota.path("used").asLong()).isEqualTo(used);
    assertThat(quota.path("plan").asText()).isEqualTo(PlanBook.FREE);
    assertThat(quota.path("upgradeUrl").asText()).isEqualTo("/app/billing/?workspace=" + workspace);
  }

  private static void awaitLinksInReadModel(String workspace, long expected) {
    probe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertThat(
                      TestPostgres.count(
                          databaseUrl,
                          "SELECT count(*) FROM links WHERE owner = '" + workspace + "'"))
                  .isEqualTo(expected);
              return null;
            });
  }

  private record Workspace(String id, String key) {}

  /** A new workspace (on the free plan, as every new one) and an API key of it. */
  private static Workspace freeWorkspace() {
    String id = "race-" + UUID.randomUUID().toString().substring(0, 8);
    // used at once: a domain added a moment after (its read-model row not there yet) waits for it
    workspaces.create(id, "Race", UUID.randomUUID()).toCompletableFuture().join();
    String key = ApiKeyFormat.generate();
    TestPostgres.execute(
        databaseUrl,
        "INSERT INTO api_keys (key_hash, workspace_id, id, name, prefix, scopes)"
            + " VALUES (?, ?, gen_random_uuid(), 'race key', ?,"
            + " ARRAY['links:read', 'links:write', 'workspace:read', 'workspace:admin'])",
        Secrets.sha256(key),
        id,
        key.substring(0, 8));
    return new Workspace(id, key);
  }

  private static String target(int n) {
    return "https://example.com/quota/" + n;
  }

  /** {@code POST /api/v1/links} through {@code member}; a generated code when alias is null. */
  private static HttpResponse<String> create(int member, String key, String alias, String target) {
    String body =
        alias == null
            ? "{\"target\":\"" + target + "\"}"
            : "{\"target\":\"" + target + "\",\"alias\":\"" + alias + "\"}";
    return api(member).post("/api/v1/links", key, body);
  }

  private static ApiClient api(int member) {
    return new ApiClient(members.get(member).httpAddress());
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Jdbc jdbc() {
    var source = new org.postgresql.ds.PGSimpleDataSource();
    source.setUrl(databaseUrl);
    source.setUser("postgres");
    return new Jdbc(source, java.util.concurrent.ForkJoinPool.commonPool());
  }

  private static TestProbe<Object> probe() {
    return TestProbe.create(members.get(0).system());
  }
}
