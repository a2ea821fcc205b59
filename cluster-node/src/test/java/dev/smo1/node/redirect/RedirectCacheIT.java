package dev.smo1.node.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.node.Node;
import dev.smo1.node.db.LocalRedis;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.node.testing.TestPostgres;
import dev.smo1.node.testing.TestRedis;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The redirect path with its caches on three members sharing PostgreSQL and Redis: changes made
 * through one member are served by the others within a second, and Redis going away and coming back
 * costs no error for a known link while the Redis cache converges to the entities' state.
 */
@ExtendWith(LogCapturingExtension.class)
class RedirectCacheIT {
  private static final List<Node> members = new ArrayList<>();
  private static LocalRedis redis;
  private static RedisClient redisClient;

  @BeforeAll
  static void formCluster() {
    redis = TestRedis.start();
    redisClient = RedisClient.create(redis.url());
    String databaseUrl = TestPostgres.newDatabase();
    for (int i = 0; i < 3; i++) {
      members.add(
          TestNodes.start(
              databaseUrl, Clock.systemUTC(), false, Map.of("smo1.redis.url", redis.url())));
    }
    var seed = Cluster.get(members.get(0).system()).selfMember().address();
    members.forEach(member -> Cluster.get(member.system()).manager().tell(new Join(seed)));
    for (Node member : members) {
      TestProbe.create(member.system())
          .awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                assertThat(Cluster.get(member.system()).state().getMembers())
                    .hasSize(3)
                    .allMatch(m -> m.status() == MemberStatus.up());
                return null;
              });
    }
    awaitInvalidationsReachEveryMember();
  }

  /**
   * A member's pub-sub topic reaches the others only once the receptionist has gossiped their
   * registrations (Up comes first): until then a change is repeated by ChangeRelay when the topic
   * grows. Wait for that before measuring: a code cached as unknown everywhere, then created on
   * each member in turn, must be served by all within 10 s (the negative cache lasts 5 s).
   */
  private static void awaitInvalidationsReachEveryMember() {
    for (int origin = 0; origin < 3; origin++) {
      String probe = "settle" + origin;
      for (int member = 0; member < 3; member++) {
        assertThat(api(member).visit(probe).statusCode()).isEqualTo(404);
      }
      create(api(origin), probe, "https://example.com/" + probe);
      long created = System.nanoTime();
      for (int member = 0; member < 3; member++) {
        statusWithin(member, probe, 302, created, Duration.ofSeconds(10));
      }
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    members.forEach(Node::close);
    redisClient.shutdown();
    redis.close();
  }

  @Test
  void anUpdateThroughOneMemberIsServedByTheOthersWithinASecond() {
    var first = api(0);
    create(first, "moving", "https://example.com/v0");
    for (int member = 1; member < 3; member++) {
      assertThat(api(member).visit("moving").headers().firstValue("Location"))
          .hasValue("https://example.com/v0");
    }

    for (int version = 1; version <= 5; version++) {
      String target = "https://example.com/v" + version;
      var updated =
          first.patch(
              "/api/v1/links/moving", TestNodes.OWNER_KEY, "{\"target\":\"" + target + "\"}");
      assertThat(updated.statusCode()).isEqualTo(200);
      long acknowledged = System.nanoTime();

      for (int member = 1; member < 3; member++) {
        var api = api(member);
        String location;
        do {
          location = api.visit("moving").headers().firstValue("Location").orElse(null);
        } while (!target.equals(location)
            && System.nanoTime() - acknowledged < Duration.ofSeconds(1).toNanos());
        assertThat(location).as("member %d, within 1 s of the update", member).isEqualTo(target);
      }
    }

    first.post("/api/v1/links/moving/disable", TestNodes.OWNER_KEY, "");
    long disabled = System.nanoTime();
    for (int member = 1; member < 3; member++) {
      assertThat(statusWithin(member, "moving", 410, disabled, Duration.ofSeconds(1)))
          .isEqualTo(410);
    }
  }

  @Test
  void aNewCodeIsServedEverywhereEvenAfterItWasLookedUpAsUnknown() {
    for (int member = 0; member < 3; member++) {
      assertThat(api(member).visit("latecomer").statusCode()).isEqualTo(404);
    }

    create(api(0), "latecomer", "https://example.com/late");
    long created = System.nanoTime();

    for (int member = 0; member < 3; member++) {
      assertThat(statusWithin(member, "latecomer", 302, created, Duration.ofSeconds(1)))
          .as("member %d", member)
          .isEqualTo(302);
    }
  }

  @Test
  void redisStoppingAndRestartingCostsNoErrorAndTheCacheConverges() throws Exception {
    int links = 20;
    for (int i = 0; i < links; i++) {
      create(api(0), "steady-" + i, "https://example.com/steady/" + i + "/0");
    }
    var running = new AtomicBoolean(true);
    var errors = new AtomicInteger();
    var redirects = new AtomicInteger();
    Thread visitor =
        Thread.ofPlatform()
            .start(
                () -> {
                  int i = 0;
                  while (running.get()) {
                    var response = api(i % 3).visit("steady-" + (i % links));
                    if (response.statusCode() != 302) {
                      errors.incrementAndGet();
                    }
                    redirects.incrementAndGet();
                    i++;
                  }
                });

    int round = 0;
    for (; round < 3; round++) {
      updateAll(links, round + 1);
    }
    redis.stop();
    for (; round < 6; round++) {
      updateAll(links, round + 1);
    }
    redis.restart();
    for (; round < 8; round++) {
      updateAll(links, round + 1);
    }
    running.set(false);
    visitor.join();

    assertThat(errors.get()).as("non-302 answers out of %d redirects", redirects.get()).isZero();
    var commands = redisClient.connect().sync();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (int i = 0; i < links; i++) {
      String key = "smo1:link:s.test/steady-" + i;
      String expected = "https://example.com/steady/" + i + "/" + round;
      while (!expected.equals(commands.hget(key, "t")) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(commands.hget(key, "t")).as(key).isEqualTo(expected);
      assertThat(commands.hget(key, "v"))
          .as("version of " + key)
          .isEqualTo(Integer.toString(round + 1));
      assertThat(api(1).visit("steady-" + i).headers().firstValue("Location")).hasValue(expected);
    }
  }

  private static void updateAll(int links, int version) {
    for (int i = 0; i < links; i++) {
      var response =
          api(version % 3)
              .patch(
                  "/api/v1/links/steady-" + i,
                  TestNodes.OWNER_KEY,
                  "{\"target\":\"https://example.com/steady/" + i + "/" + version + "\"}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
  }

  private static void create(ApiClient api, String alias, String target) {
    var response = api.createLink(TestNodes.OWNER_KEY, alias, target);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  /**
   * Visits {@code code} on {@code member} until it answers {@code expected} or {@code within} has
   * passed since {@code sinceNanos}; returns the last status.
   */
  private static int statusWithin(
      int member, String code, int expected, long sinceNanos, Duration within) {
    int status;
    do {
      status = api(member).visit(code).statusCode();
    } while (status != expected && System.nanoTime() - sinceNanos < within.toNanos());
    return status;
  }

  private static ApiClient api(int member) {
    return new ApiClient(members.get(member).httpAddress());
  }
}
