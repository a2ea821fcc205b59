package dev.smo1.node.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.ratelimit.RateLimit;
import dev.smo1.accounts.workspace.PlanBook;
import dev.smo1.accounts.workspace.WorkspaceLimits;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.http.json.Json;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys on three members sharing PostgreSQL and one Redis: a revocation through any member is
 * refused by every member within a second (each had the key cached), also by a member that was
 * outside the cluster when it was published; and a key's request budget is one budget for the
 * cluster, spent once per window whichever members its requests reach.
 */
@ExtendWith(LogCapturingExtension.class)
class AccountsClusterIT {
  /** The API budget per key and minute for this test: small, so a burst spends it quickly. */
  private static final int LIMIT = 60;

  /** The pause between two looks at a state being waited for. */
  private static final Duration POLL = Duration.ofMillis(20);

  /** The nodes' API limit, for its windows: one minute each, aligned to the epoch. */
  private static final RateLimit API_LIMIT = RateLimit.perMinute("api", LIMIT);

  private static final List<Node> members = new ArrayList<>();
  private static WorkspaceService workspaces;
  private static final List<Node> latecomers = new ArrayList<>();
  private static LocalRedis redis;
  private static String databaseUrl;

  @BeforeAll
  static void formCluster() {
    redis = TestRedis.start();
    databaseUrl = TestPostgres.newDatabase();
    for (int i = 0; i < 3; i++) {
      members.add(startNode());
    }
    members.forEach(AccountsClusterIT::join);
    for (Node member : members) {
      awaitUp(member, 3);
    }
    workspaces =
        new WorkspaceService(
            members.get(0).system(),
            Duration.ofSeconds(10),
            new dev.smo1.accounts.Jdbc(
                dataSource(), java.util.concurrent.ForkJoinPool.commonPool()));
    // the owner's keys: LIMIT requests a minute, set as its plan's limit (enterprise, its own)
    workspaces
        .changePlan(
            TestNodes.OWNER,
            PlanBook.ENTERPRISE,
            new WorkspaceLimits(null, null, null, null, null, LIMIT, null),
            "test")
        .toCompletableFuture()
        .join();
    awaitRevocationsReachEveryMember();
  }

  /**
   * A member's pub-sub topic reaches the others only once the receptionist has gossiped their
   * registrations (Up comes first); until then a revocation is published again when the topic
   * grows. Wait for that before measuring: a key revoked through each member in turn must be
   * refused by all within 10 s.
   */
  private static void awaitRevocationsReachEveryMember() {
    for (int origin = 0; origin < 3; origin++) {
      var key = createKey(origin, "settle-" + (origin + 1));
      for (int member = 0; member < 3; member++) {
        assertThat(api(member).get("/api/v1/links", key.secret()).statusCode()).isEqualTo(200);
      }
      revoke(origin, key);
      awaitRefusedEverywhere(key.secret(), System.nanoTime());
    }
  }

  @AfterAll
  static void stop() {
    latecomers.forEach(node -> node.system().getWhenTerminated().toCompletableFuture().join());
    members.forEach(Node::close);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aRevokedKeyIsRefusedByEveryMemberWithinOneSecond() {
    for (int origin : new int[] {0, 2}) {
      var key = createKey(origin, "revoked-through-" + (origin + 1));
      for (int member = 0; member < 3; member++) {
        assertThat(api(member).get("/api/v1/links", key.secret()).statusCode())
            .as("member %d accepts the key (and caches it)", member + 1)
            .isEqualTo(200);
      }

      revoke(origin, key);
      long acknowledged = System.nanoTime();

      Map<Integer, Duration> refusedAfter = awaitRefusedEverywhere(key.secret(), acknowledged);
      assertThat(refusedAfter.values())
          .as(
              "time from the revocation's answer (member %d) to each member's first 401: %s",
              origin + 1, refusedAfter)
          .allMatch(delay -> delay.compareTo(Duration.ofSeconds(1)) <= 0);
      System.out.printf(
          "revocation through member %d refused after %s%n", origin + 1, refusedAfter);
    }
  }

  @Test
  void oneKeysBudgetIsSharedByEveryMember() throws Exception {
    var key = createKey(0, "shared-budget");
    Instant window = awaitWindowWithAtLeast(Duration.ofSeconds(20));

    // the first request shows the window the burst falls in, and takes one token of it
    var first = api(0).get("/api/v1/links", key.secret());
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(header(first, "RateLimit-Remaining")).isEqualTo(LIMIT - 1);
    assertThat(header(first, "RateLimit-Reset")).isBetween(15L, 60L);

    List<HttpResponse<String>> burst = burst(key.secret(), 3 * LIMIT);
    assertThat(API_LIMIT.windowStart(Instant.now()))
        .as("the burst ended within the window it began in")
        .isEqualTo(window);

    var allowed = burst.stream().filter(response -> response.statusCode() / 100 == 2).toList();
    var refused = burst.stream().filter(response -> response.statusCode() / 100 != 2).toList();
    int allowedInWindow = allowed.size() + 1;
    System.out.printf(
        "shared budget: %d of %d requests allowed in one window (limit %d)%n",
        allowedInWindow, burst.size() + 1, LIMIT);
    assertThat(allowedInWindow)
        .as("2xx across the three members in one window (limit %d)", LIMIT)
        .isBetween((int) Math.floor(LIMIT * 0.95), (int) Math.ceil(LIMIT * 1.05));

    var remaining = new HashSet<Long>();
    for (var response : allowed) {
      assertThat(header(response, "RateLimit-Limit")).isEqualTo(LIMIT);
      assertThat(header(response, "RateLimit-Reset")).isBetween(1L, 60L);
      long left = header(response, "RateLimit-Remaining");
      assertThat(left).isBetween(0L, LIMIT - 2L);
      assertThat(remaining.add(left))
          .as("remaining %d reported twice: a token spent twice", left)
          .isTrue();
    }
    assertThat(remaining.stream().mapToLong(Long::longValue).min().orElseThrow())
        .as("the budget is spent")
        .isLessThanOrEqualTo(LIMIT / 20);
    for (var response : refused) {
      assertRateLimited(response);
    }
  }

  @Test
  void anotherKeyKeepsItsOwnBudget() {
    var spent = createKey(0, "spent");
    var other = createKey(0, "other");
    awaitWindowWithAtLeast(Duration.ofSeconds(10));

    int allowed = 0;
    HttpResponse<String> last = null;
    for (int request = 0; request <= LIMIT; request++) {
      last = api(request % 3).get("/api/v1/links", spent.secret());
      if (last.statusCode() != 200) {
        break;
      }
      allowed++;
    }
    assertThat(allowed).isEqualTo(LIMIT);
    assertRateLimited(last);

    for (int member = 0; member < 3; member++) {
      var response = api(member).get("/api/v1/links", other.secret());
      assertThat(response.statusCode()).as("key B on member %d", member + 1).isEqualTo(200);
      assertThat(header(response, "RateLimit-Remaining")).isEqualTo(LIMIT - 1L - member);
      assertRateLimited(api(member).get("/api/v1/links", spent.secret()));
    }
  }

  @Test
  void aKeyRevokedWhileAMemberWasOutsideTheClusterIsRefusedByItOnceItJoins() {
    Node latecomer = startNode();
    try {
      var late = new ApiClient(latecomer.httpAddress());
      var key = createKey(0, "revoked-before-join");
      assertThat(late.get("/api/v1/links", key.secret()).statusCode())
          .as("the latecomer accepts the key (and caches it)")
          .isEqualTo(200);
      revoke(0, key);
      awaitRefusedEverywhere(key.secret(), System.nanoTime());
      assertThat(late.get("/api/v1/links", key.secret()).statusCode())
          .as("outside the cluster, the latecomer has not heard of the revocation")
          .isEqualTo(200);

      join(latecomer);
      awaitUp(members.get(0), 4);
      long joined = System.nanoTime();
      probe()
          .awaitAssert(
              Duration.ofSeconds(10),
              POLL,
              () -> {
                assertThat(late.get("/api/v1/links", key.secret()).statusCode())
                    .as("the latecomer refuses the key revoked before it joined")
                    .isEqualTo(401);
                return null;
              });
      System.out.printf(
          "a revocation from before the join refused by the latecomer %s after it was Up%n",
          Duration.ofNanos(System.nanoTime() - joined));
    } finally {
      // it leaves while the other tests run; stop() waits for it
      latecomers.add(latecomer);
      latecomer.system().terminate();
    }
  }

  @Test
  void eachKeysApiBudgetIsItsPlansOnEveryMemberWithinASecondOfAChange() {
    var workspace = freeWorkspace();
    for (int member = 0; member < 3; member++) {
      var answer = api(member).get("/api/v1/links", workspace.key());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("RateLimit-Limit")).contains("60");
    }

    workspaces.changePlan(workspace.id(), "business", null, "test").toCompletableFuture().join();
    long changed = System.nanoTime();
    for (int member = 0; member < 3; member++) {
      int n = member;
      TestProbe.create(members.get(0).system())
          .awaitAssert(
              Duration.ofSeconds(3),
              Duration.ofMillis(50),
              () -> {
                assertThat(
                        api(n)
                            .get("/api/v1/links", workspace.key())
                            .headers()
                            .firstValue("RateLimit-Limit"))
                    .contains("3000");
                return null;
              });
    }
    Duration took = Duration.ofNanos(System.nanoTime() - changed);
    System.out.printf("a plan change reached the rate limits of three members in %s%n", took);
    assertThat(took).isLessThan(Duration.ofMillis(1_500));

    workspaces.changePlan(workspace.id(), "enterprise", null, "test").toCompletableFuture().join();
    TestProbe.create(members.get(0).system())
        .awaitAssert(
            Duration.ofSeconds(3),
            Duration.ofMillis(50),
            () -> {
              var answer = api(2).get("/api/v1/links", workspace.key());
              assertThat(answer.statusCode()).isEqualTo(200);
              assertThat(answer.headers().firstValue("RateLimit-Limit"))
                  .as("enterprise: no limit of its own, not counted")
                  .isEmpty();
              return null;
            });
  }

  private record Workspace(String id, String key) {}

  /** A new workspace (on the free plan, as every new one) and an API key of it. */
  private static Workspace freeWorkspace() {
    String id = "rates-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    workspaces.create(id, "Rates", java.util.UUID.randomUUID()).toCompletableFuture().join();
    String key = dev.smo1.accounts.apikey.ApiKeyFormat.generate();
    dev.smo1.localstores.testing.TestPostgres.execute(
        databaseUrl,
        "INSERT INTO api_keys (key_hash, workspace_id, id, name, prefix, scopes)"
            + " VALUES (?, ?, gen_random_uuid(), 'rates key', ?, ARRAY['links:read'])",
        dev.smo1.accounts.Secrets.sha256(key),
        id,
        key.substring(0, 8));
    return new Workspace(id, key);
  }

  private static javax.sql.DataSource dataSource() {
    var source = new org.postgresql.ds.PGSimpleDataSource();
    source.setUrl(databaseUrl);
    source.setUser("postgres");
    return source;
  }

  /**
   * Polls members 1 to 3 until each refuses {@code secret}; the time from {@code since} to the
   * first 401 of each, by member number.
   */
  private static Map<Integer, Duration> awaitRefusedEverywhere(String secret, long since) {
    Map<Integer, Duration> refusedAfter = new LinkedHashMap<>();
    probe()
        .awaitAssert(
            Duration.ofSeconds(10),
            POLL,
            () -> {
              for (int member = 0; member < 3; member++) {
                if (!refusedAfter.containsKey(member + 1)
                    && api(member).get("/api/v1/links", secret).statusCode() == 401) {
                  refusedAfter.put(member + 1, Duration.ofNanos(System.nanoTime() - since));
                }
              }
              assertThat(refusedAfter).as("members that refuse the key").hasSize(3);
              return null;
            });
    return refusedAfter;
  }

  /** 3 × the limit over the three members in turn, six at a time; their answers in order. */
  private static List<HttpResponse<String>> burst(String secret, int requests) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(6);
    try {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int request = 0; request < requests; request++) {
        int member = request % 3;
        sent.add(senders.submit(() -> api(member).get("/api/v1/links", secret)));
      }
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (var answer : sent) {
        answers.add(answer.get());
      }
      return answers;
    } finally {
      senders.shutdownNow();
    }
  }

  /**
   * Waits, at most one margin, until the current one-minute window (aligned to the epoch, as the
   * limiter's are) has at least {@code margin} left; answers its start.
   */
  private static Instant awaitWindowWithAtLeast(Duration margin) {
    return probe()
        .awaitAssert(
            margin.plusSeconds(1),
            Duration.ofMillis(100),
            () -> {
              Instant now = Instant.now();
              assertThat(API_LIMIT.resetAfter(now)).isGreaterThanOrEqualTo(margin);
              return API_LIMIT.windowStart(now);
            });
  }

  private static void assertRateLimited(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
    assertThat(response.headers().firstValueAsLong("Retry-After").orElse(0))
        .isGreaterThanOrEqualTo(1);
    assertThat(json(response).path("code").asText()).isEqualTo("rate_limited");
  }

  private record Key(String id, String secret) {}

  private static Node startNode() {
    return TestNodes.start(
        databaseUrl,
        Clock.systemUTC(),
        false,
        Map.of(
            "smo1.redis.url",
            redis.url(),
            "smo1.rate-limits.api-per-minute",
            LIMIT,
            "smo1.rate-limits.exempt-workspaces",
            "",
            // the owner's plan is set by the test, not at each start
            "smo1.billing.enterprise-workspaces",
            ""));
  }

  private static void join(Node node) {
    var seed = Cluster.get(members.get(0).system()).selfMember().address();
    Cluster.get(node.system()).manager().tell(new Join(seed));
  }

  private static void awaitUp(Node member, int size) {
    probe()
        .awaitAssert(
            Duration.ofSeconds(30),
            () -> {
              assertThat(Cluster.get(member.system()).state().getMembers())
                  .hasSize(size)
                  .allMatch(m -> m.status() == MemberStatus.up());
              return null;
            });
  }

  private static void revoke(int member, Key key) {
    var revoked =
        api(member)
            .delete(
                "/api/v1/workspaces/" + TestNodes.OWNER + "/api-keys/" + key.id(),
                TestNodes.OWNER_KEY);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
  }

  /** A links:read key of the owner's workspace, made through a member with the bootstrap key. */
  private static Key createKey(int member, String name) {
    var created =
        api(member)
            .post(
                "/api/v1/workspaces/" + TestNodes.OWNER + "/api-keys",
                TestNodes.OWNER_KEY,
                "{\"name\":\"" + name + "\",\"scopes\":[\"links:read\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var body = json(created);
    return new Key(body.get("id").asText(), body.get("key").asText());
  }

  private static long header(HttpResponse<String> response, String name) {
    return response
        .headers()
        .firstValueAsLong(name)
        .orElseThrow(() -> new AssertionError("no " + name + " header: " + response.headers()));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiClient api(int member) {
    return new ApiClient(members.get(member).httpAddress());
  }

  private static <T> TestProbe<T> probe() {
    return TestProbe.create(members.get(0).system());
  }
}
