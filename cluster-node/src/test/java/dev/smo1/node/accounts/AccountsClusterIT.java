package dev.smo1.node.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * API keys on three members sharing PostgreSQL and one Redis: a revocation reaches every member's
 * key cache, also that of a member that was outside the cluster when it was published.
 */
@ExtendWith(LogCapturingExtension.class)
class AccountsClusterIT {
  /** The pause between two looks at a state being waited for. */
  private static final Duration POLL = Duration.ofMillis(20);

  private static final List<Node> members = new ArrayList<>();
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

  private record Key(String id, String secret) {}

  private static Node startNode() {
    return TestNodes.start(
        databaseUrl, Clock.systemUTC(), false, Map.of("smo1.redis.url", redis.url()));
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
