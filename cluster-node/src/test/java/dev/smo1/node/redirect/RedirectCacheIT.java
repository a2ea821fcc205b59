package dev.smo1.node.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
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
  /**
   * The pause between two looks at a state being waited for: short, as the last look within a
   * deadline comes up to one pause before it.
   */
  private static final Duration POLL = Duration.ofMillis(20);

  private static final List<Node> members = new ArrayList<>();
  private static LocalRedis redis;
  private static RedisClient redisClient;

  @BeforeAll
  static void formCluster() {
    redis = TestRedis.start();
    redisClient = RedisClient.create(redis.url());
    String databaseUrl = TestPostgres.newDatabase();
    members.addAll(TestNodes.cluster(databaseUrl, 3, Map.of("smo1.redis.url", redis.url())));
    awaitInvalidationsReachEveryMember();
  }

  /**
   * A member's pub-sub topic reaches the others only once the receptionist has gossiped their
   * registrations (Up comes first): until then a change is repeated by TopicRelay when the topic
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
        awaitStatus(member, probe, 302, created, Duration.ofSeconds(10));
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
        String within = "member %d, within 1 s of the update".formatted(member);
        probe()
            .awaitAssert(
                left(acknowledged, Duration.ofSeconds(1)),
                POLL,
                () -> {
                  assertThat(api.visit("moving").headers().firstValue("Location"))
                      .as(within)
                      .hasValue(target);
                  return null;
                });
      }
    }

    first.post("/api/v1/links/moving/disable", TestNodes.OWNER_KEY, "");
    long disabled = System.nanoTime();
    for (int member = 1; member < 3; member++) {
      awaitStatus(member, "moving", 410, disabled, Duration.ofSeconds(1));
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
      awaitStatus(member, "latecomer", 302, created, Duration.ofSeconds(1));
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
    int last = round;
    probe()
        .awaitAssert(
            Duration.ofSeconds(30),
            POLL,
            () -> {
              for (int i = 0; i < links; i++) {
                String key = "smo1:link:s.test/steady-" + i;
                assertThat(commands.hget(key, "t"))
                    .as(key)
                    .isEqualTo("https://example.com/steady/" + i + "/" + last);
                assertThat(commands.hget(key, "v"))
                    .as("version of " + key)
                    .isEqualTo(Integer.toString(last + 1));
              }
              return null;
            });
    for (int i = 0; i < links; i++) {
      assertThat(api(1).visit("steady-" + i).headers().firstValue("Location"))
          .hasValue("https://example.com/steady/" + i + "/" + round);
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
   * Visits {@code code} on {@code member}, pausing {@link #POLL} between visits, until it answers
   * {@code expected}; fails if it has not by {@code within} after {@code sinceNanos}.
   */
  private static void awaitStatus(
      int member, String code, int expected, long sinceNanos, Duration within) {
    probe()
        .awaitAssert(
            left(sinceNanos, within),
            POLL,
            () -> {
              assertThat(api(member).visit(code).statusCode())
                  .as("%s on member %d, within %s", code, member, within)
                  .isEqualTo(expected);
              return null;
            });
  }

  /** What is left of {@code within} since {@code sinceNanos}; none once it has passed. */
  private static Duration left(long sinceNanos, Duration within) {
    Duration passed = Duration.ofNanos(System.nanoTime() - sinceNanos);
    return passed.compareTo(within) < 0 ? within.minus(passed) : Duration.ZERO;
  }

  private static TestProbe<Object> probe() {
    return TestProbe.create(members.get(0).system());
  }

  private static ApiClient api(int member) {
    return new ApiClient(members.get(member).httpAddress());
  }
}
