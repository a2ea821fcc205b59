package dev.smo1.node.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.ClickIngest;
import dev.smo1.clicks.RedisClickStream;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.NodeProcess;
import dev.smo1.node.testing.TestNodes;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL in the middle of a steady click stream (multi-process): every click
 * whose edge batch or origin redirect was acknowledged reaches ClickHouse exactly once. The clicks
 * the dead node held (read, maybe inserted, never acknowledged) are taken over by the node that
 * replaces it, as Kubernetes would start one; the edge sends the batches the dead node never
 * answered again, to the new node (SMO1-ARCH-003).
 */
@Tag("cluster-faults")
class NodeKilledClicksIT {
  private static final int BATCH = 50;

  @Test
  void everyAcknowledgedClickIsCountedOnceAfterANodeIsKilled() throws Exception {
    LocalRedis redis = TestRedis.start();
    LocalClickHouse server = TestClickHouse.start();
    Map<String, String> environment =
        new HashMap<>(TestNodes.processEnvironment(TestPostgres.newDatabase()));
    environment.put("SMO1_REDIS_URL", redis.url());
    environment.put("SMO1_CLICKHOUSE_URL", server.url());
    environment.put("SMO1_EDGE_CLICK_SECRET", ClickPipelineIT.SECRET);
    Map<String, String> properties =
        Map.of(
            "smo1.clicks.ingest.batch-window", "300ms",
            "smo1.clicks.ingest.claim-idle", "3s",
            "smo1.clicks.ingest.claim-every", "1s");
    var target = new AtomicReference<ApiClient>();
    var running = new AtomicBoolean(true);
    var edgeAcknowledged = new ConcurrentLinkedQueue<String>();
    var edgeUnanswered = new ConcurrentLinkedQueue<String>();
    var originAcknowledged = new AtomicLong();
    var originUnanswered = new AtomicLong();
    List<Thread> load = new ArrayList<>();
    try (ClickHouseAccess clickHouse = TestClickHouse.access(server);
        var first = NodeProcess.start("clicks-killed", environment, properties)) {
      target.set(new ApiClient(first.awaitReady(Duration.ofSeconds(90))));
      assertThat(
              target
                  .get()
                  .createLink(TestNodes.OWNER_KEY, "steady", "https://example.com/s")
                  .statusCode())
          .isEqualTo(201);

      load.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get()) {
                      List<String> ids = new ArrayList<>();
                      String body = ClickPipelineIT.edgeBatch("steady", BATCH, ids);
                      if (post(target.get(), body)) {
                        edgeAcknowledged.addAll(ids);
                      } else {
                        edgeUnanswered.add(body);
                      }
                      pause(100);
                    }
                  }));
      load.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get()) {
                      try {
                        if (target.get().visit("steady").statusCode() == 302) {
                          originAcknowledged.incrementAndGet();
                        } else {
                          originUnanswered.incrementAndGet();
                        }
                      } catch (RuntimeException refused) {
                        originUnanswered.incrementAndGet();
                      }
                      pause(20);
                    }
                  }));

      Thread.sleep(8_000);
      first.kill();
      // what the dead node had read and not acknowledged: the replacement must take it over
      long heldByTheDead;
      try (var redisClient = RedisClient.create(redis.url());
          var connection = redisClient.connect()) {
        heldByTheDead =
            connection.sync().xpending(RedisClickStream.STREAM, ClickIngest.GROUP).getCount();
      }
      // the only consumer so far was the killed node's: without entries it held, nothing is taken
      // over and the test would prove nothing about a take-over
      assertThat(heldByTheDead)
          .as("click entries the killed node read and never acknowledged")
          .isPositive();
      try (var second = NodeProcess.start("clicks-replacement", environment, properties)) {
        target.set(new ApiClient(second.awaitReady(Duration.ofSeconds(90))));
        Thread.sleep(8_000);
        running.set(false);
        for (Thread thread : load) {
          thread.join();
        }
        // the edge's queue delivers the batches the dead node never answered again
        List<String> retried = new ArrayList<>(edgeUnanswered);
        for (String body : retried) {
          assertThat(post(target.get(), body)).isTrue();
        }

        long edgeClicks = edgeAcknowledged.size() + (long) retried.size() * BATCH;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline
            && TestClickHouse.count(clickHouse, "SELECT count() FROM clicks WHERE source = 'edge'")
                < edgeClicks) {
          Thread.sleep(500);
        }
        Thread.sleep(3_000);

        long edgeRows =
            TestClickHouse.count(clickHouse, "SELECT count() FROM clicks WHERE source = 'edge'");
        long originRows =
            TestClickHouse.count(clickHouse, "SELECT count() FROM clicks WHERE source = 'origin'");
        long rows = TestClickHouse.count(clickHouse, "SELECT count() FROM clicks");
        long distinct = TestClickHouse.count(clickHouse, "SELECT uniqExact(event_id) FROM clicks");
        long rollup = TestClickHouse.count(clickHouse, "SELECT sum(clicks) FROM clicks_hourly");
        System.out.printf(
            "NODE_KILLED held_by_killed_node=%d edge_acknowledged=%d edge_retried_batches=%d"
                + " edge_rows=%d"
                + " origin_acknowledged=%d origin_unanswered=%d origin_rows=%d distinct=%d"
                + " rollup=%d%n",
            heldByTheDead,
            edgeAcknowledged.size(),
            retried.size(),
            edgeRows,
            originAcknowledged.get(),
            originUnanswered.get(),
            originRows,
            distinct,
            rollup);

        assertThat(edgeAcknowledged.size()).isGreaterThan(2_000);
        // every edge click was acknowledged in the end (retried batches included), each once
        assertThat(edgeRows).isEqualTo(edgeClicks);
        assertThat(present(clickHouse, new ArrayList<>(edgeAcknowledged)))
            .isEqualTo(edgeAcknowledged.size());
        // every acknowledged redirect's click, plus at most the ones cut off by the kill
        assertThat(originRows)
            .isBetween(originAcknowledged.get(), originAcknowledged.get() + originUnanswered.get());
        assertThat(distinct).isEqualTo(rows);
        assertThat(rollup).isEqualTo(rows);
      }
    } finally {
      running.set(false);
      server.close();
      redis.close();
    }
  }

  /** How many of {@code ids} ClickHouse holds. */
  private static long present(ClickHouseAccess clickHouse, List<String> ids) {
    long found = 0;
    for (int from = 0; from < ids.size(); from += 1_000) {
      found +=
          TestClickHouse.count(
              clickHouse,
              "SELECT count() FROM clicks WHERE event_id IN ('"
                  + String.join("', '", ids.subList(from, Math.min(ids.size(), from + 1_000)))
                  + "')");
    }
    return found;
  }

  private static boolean post(ApiClient api, String body) {
    try {
      return api.postClicks(body, Instant.now().getEpochSecond(), ClickPipelineIT.SECRET)
              .statusCode()
          == 202;
    } catch (RuntimeException refused) {
      return false;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
