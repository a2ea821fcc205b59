package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The click stream's gauges read off a real Redis: its length, and the age of the oldest entry not
 * yet acknowledged, whether pending in the consumer group or not read by it yet.
 */
class ClickStreamMetricsTest {
  private static final long T = 1_700_000_000_000L;
  private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(T + 90_000), ZoneOffset.UTC);

  private LocalRedis server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private ClickStreamMetrics metrics;

  @BeforeEach
  void start() {
    server = TestRedis.start();
    client = RedisClient.create(server.url());
    connection = client.connect();
    // as the node's clients: fail at once while Redis is unreachable
    var sampling = RedisClient.create(server.url());
    sampling.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
            .build());
    metrics = new ClickStreamMetrics(sampling, NOW, new PrometheusRegistry());
  }

  @AfterEach
  void stop() {
    metrics.close();
    connection.close();
    client.shutdown();
    server.close();
  }

  @Test
  void anEmptyOrMissingStreamHasNothingWaiting() {
    assertThat(metrics.sample()).isEqualTo(new ClickStreamMetrics.Sample(0, 0));
  }

  @Test
  void withoutAConsumerEveryEntryWaitsSoTheFirstOneIsTheOldest() {
    add(T);
    add(T + 30_000);

    assertThat(metrics.sample()).isEqualTo(new ClickStreamMetrics.Sample(2, 90.0));
  }

  @Test
  void theOldestPendingOrUnreadEntryCountsAndAcknowledgedOnesDoNot() {
    add(T);
    add(T + 30_000);
    add(T + 60_000);
    var commands = connection.sync();
    commands.xgroupCreate(
        XReadArgs.StreamOffset.from(RedisClickStream.STREAM, "0"), ClickStreamConsumer.GROUP);
    var me = Consumer.from(ClickStreamConsumer.GROUP, "node-a");
    // two read, the first acknowledged: the second is pending, the third unread
    commands.xreadgroup(
        me,
        XReadArgs.Builder.count(2),
        XReadArgs.StreamOffset.lastConsumed(RedisClickStream.STREAM));
    commands.xack(RedisClickStream.STREAM, ClickStreamConsumer.GROUP, T + "-0");
    assertThat(metrics.sample()).isEqualTo(new ClickStreamMetrics.Sample(3, 60.0));

    // the pending one acknowledged: the unread third is the oldest waiting
    commands.xack(RedisClickStream.STREAM, ClickStreamConsumer.GROUP, (T + 30_000) + "-0");
    assertThat(metrics.sample()).isEqualTo(new ClickStreamMetrics.Sample(3, 30.0));

    // everything read and acknowledged (not trimmed yet): nothing waits
    commands.xreadgroup(
        me,
        XReadArgs.Builder.count(10),
        XReadArgs.StreamOffset.lastConsumed(RedisClickStream.STREAM));
    commands.xack(RedisClickStream.STREAM, ClickStreamConsumer.GROUP, (T + 60_000) + "-0");
    assertThat(metrics.sample()).isEqualTo(new ClickStreamMetrics.Sample(3, 0));
  }

  @Test
  void aRedisThatIsGoneKeepsTheLastSample() {
    add(T);
    var sampled = metrics.sample();
    server.close();

    assertThat(metrics.sample()).isEqualTo(sampled);
  }

  private void add(long millis) {
    connection
        .sync()
        .xadd(
            RedisClickStream.STREAM,
            new XAddArgs().id(millis + "-0"),
            Map.of(RedisClickStream.BATCH_FIELD, "{}"));
  }
}
