package dev.smo1.clicks;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The click stream as Redis holds it, sampled every {@code interval} on a blocking thread (never
 * per request): its length ({@code XLEN}) and the age of its oldest click not yet in ClickHouse,
 * the older of the consumer group's oldest pending entry ({@code XPENDING}) and the first entry it
 * has not read yet ({@code XINFO GROUPS}, then {@code XRANGE}). Every node samples the same stream,
 * and with or without ClickHouse: a stream nobody drains ages too. Names are an interface of the
 * alerts (decision 0011).
 */
public final class ClickStreamMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClickStreamMetrics.class);

  private final RedisClient redis;
  private final Clock clock;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private StatefulRedisConnection<String, String> connection;
  private volatile Sample last = new Sample(0, 0);

  /** One sample: entries in the stream, seconds since its oldest unacknowledged entry was added. */
  record Sample(long length, double oldestPendingAgeSeconds) {}

  ClickStreamMetrics(RedisClient redis, Clock clock, PrometheusRegistry registry) {
    this.redis = redis;
    this.clock = clock;
    GaugeWithCallback.builder()
        .name("smo1_click_stream_length")
        .help("Entries in the Redis click stream (XLEN; one entry is a batch of clicks)")
        .callback(callback -> callback.call(last.length()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("smo1_click_stream_oldest_pending_age_seconds")
        .help(
            "Age of the oldest click stream entry not yet acknowledged into ClickHouse (pending or"
                + " not yet read); 0 when there is none")
        .callback(callback -> callback.call(last.oldestPendingAgeSeconds()))
        .register(registry);
  }

  /** Registers the gauges and samples every {@code interval} on {@code blocking}. */
  static ClickStreamMetrics start(
      ActorSystem<?> system,
      RedisClient redis,
      Duration interval,
      Executor blocking,
      Clock clock,
      PrometheusRegistry registry) {
    var metrics = new ClickStreamMetrics(redis, clock, registry);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO,
            interval,
            () -> {
              if (metrics.sampling.compareAndSet(false, true)) {
                blocking.execute(
                    () -> {
                      try {
                        metrics.sample();
                      } finally {
                        metrics.sampling.set(false);
                      }
                    });
              }
            },
            system.executionContext());
    return metrics;
  }

  /** Reads the stream once and keeps the result for the gauges; a failure keeps the last one. */
  Sample sample() {
    try {
      RedisCommands<String, String> commands = connection().sync();
      long length = commands.xlen(RedisClickStream.STREAM);
      double age =
          oldestUnacknowledged(commands)
              .map(id -> Math.max(0, clock.millis() - millisOf(id)) / 1000.0)
              .orElse(0.0);
      last = new Sample(length, age);
    } catch (RuntimeException e) {
      log.warn("sampling the click stream failed: {}", e.toString());
    }
    return last;
  }

  private synchronized StatefulRedisConnection<String, String> connection() {
    if (connection == null) {
      connection = redis.connect();
    }
    return connection;
  }

  /** The id of the oldest entry the consumer group has not acknowledged, if any. */
  private static Optional<String> oldestUnacknowledged(RedisCommands<String, String> commands) {
    if (commands.exists(RedisClickStream.STREAM) == 0) {
      return Optional.empty();
    }
    var group =
        ClickStreamConsumer.GroupState.of(
            commands.xinfoGroups(RedisClickStream.STREAM), ClickStreamConsumer.GROUP);
    if (group.lastId() == null) {
      // no consumer yet (no ClickHouse): every entry waits
      return first(commands, Range.Boundary.unbounded());
    }
    var pending = commands.xpending(RedisClickStream.STREAM, ClickStreamConsumer.GROUP);
    Optional<String> lowestPending =
        pending.getCount() > 0
            ? Optional.of(pending.getMessageIds().getLower().getValue())
            : Optional.empty();
    Optional<String> firstUnread = first(commands, Range.Boundary.excluding(group.lastId()));
    if (lowestPending.isPresent() && firstUnread.isPresent()) {
      return ClickStreamConsumer.compareIds(lowestPending.get(), firstUnread.get()) <= 0
          ? lowestPending
          : firstUnread;
    }
    return lowestPending.isPresent() ? lowestPending : firstUnread;
  }

  private static Optional<String> first(
      RedisCommands<String, String> commands, Range.Boundary<String> from) {
    var entries =
        commands.xrange(
            RedisClickStream.STREAM, Range.from(from, Range.Boundary.unbounded()), Limit.from(1));
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.getFirst().getId());
  }

  private static long millisOf(String id) {
    return Long.parseLong(id.substring(0, id.indexOf('-')));
  }

  /** Closes the connection and shuts the client down: it was made for these metrics alone. */
  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    redis.shutdown();
  }
}
