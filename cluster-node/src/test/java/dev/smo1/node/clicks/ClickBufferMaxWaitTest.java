package dev.smo1.node.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.DelayingProxy;
import dev.smo1.node.testing.PrometheusText;
import dev.smo1.node.testing.TestNodes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A redirect waits at most {@code max-wait} (1 s) for its click to be durable, then redirects
 * anyway and counts the click in {@code smo1_clicks_unrecorded_total}: with the click buffer's
 * Redis answering ten seconds late (a proxy holding its replies back), and with it stopped.
 */
@ExtendWith(LogCapturingExtension.class)
class ClickBufferMaxWaitTest {
  /** max-wait and then some: far below the ten seconds the slow Redis takes. */
  private static final Duration ANSWERED_WITHIN = Duration.ofMillis(3_500);

  private static LocalRedis redis;
  private static DelayingProxy proxy;
  private static Node node;
  private static ApiClient api;
  private static ApiClient management;

  @BeforeAll
  static void start() throws Exception {
    redis = TestRedis.start();
    proxy = new DelayingProxy(Integer.parseInt(redis.url().replaceAll(".*:", "")));
    node =
        TestNodes.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            true,
            Map.of(
                "smo1.redis.url", "redis://127.0.0.1:" + proxy.port(),
                "smo1.edge.click-secret", "max-wait-secret",
                "smo1.clicks.origin.max-wait", "1s"));
    api = new ApiClient(node.httpAddress());
    management = new ApiClient(node.managementAddress());
    assertThat(api.createLink(TestNodes.OWNER_KEY, "waits", "https://example.com/w").statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aSlowThenStoppedBufferDelaysNoRedirectBeyondMaxWait() throws Exception {
    // healthy: recorded, nothing counted as unrecorded
    assertThat(api.visit("waits").statusCode()).isEqualTo(302);
    assertThat(unrecorded()).isZero();

    proxy.delayReplies(10_000);
    long started = System.nanoTime();
    assertThat(api.visit("waits").statusCode()).as("Redis ten seconds late").isEqualTo(302);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWERED_WITHIN);
    assertThat(unrecorded()).isEqualTo(1);

    proxy.delayReplies(0);
    redis.stop();
    started = System.nanoTime();
    assertThat(api.visit("waits").statusCode()).as("Redis stopped").isEqualTo(302);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWERED_WITHIN);
    assertThat(unrecorded()).isEqualTo(2);
  }

  private static double unrecorded() {
    String body = management.get("/metrics", null).body();
    return PrometheusText.value(body, "smo1_clicks_unrecorded_total", Map.of()).orElse(0.0);
  }
}
