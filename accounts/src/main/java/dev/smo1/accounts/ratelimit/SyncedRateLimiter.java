package dev.smo1.accounts.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits for the hot path (unknown short codes on the redirect path): decided in memory, with
 * no store round trip per request, and shared by the cluster through Redis every {@code
 * syncInterval}. Each node counts its own requests per key and fixed window; a sync adds what it
 * counted since the last one to the window's Redis counter ({@code INCRBY}, expiring with the
 * window) and learns the cluster's total from the answer. A decision compares the cluster's total
 * as last seen plus this node's requests since with the capacity.
 *
 * <p>Exact on one node; across nodes, the budget may be overrun by what the other nodes allow in
 * one sync interval (they learn of each other's counts a sync later). For scans of unknown codes
 * that is the right trade: a few requests more, never a Redis round trip per request. When Redis
 * does not answer, counts stay in memory and are sent at the next sync that succeeds; decisions go
 * on from what is known.
 */
public final class SyncedRateLimiter implements RateLimiter, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncedRateLimiter.class);

  /** One key's window: requests counted here, and what was last learned from Redis. */
  private static final class Window {
    final String storeKey;
    final Instant end;
    final AtomicLong counted = new AtomicLong();
    volatile Synced synced = new Synced(0, 0);

    Window(String storeKey, Instant end) {
      this.storeKey = storeKey;
      this.end = end;
    }

    /** The cluster's count: its total at the last sync plus what this node counted since. */
    long estimate() {
      Synced last = synced;
      return last.clusterTotal() + counted.get() - last.sent();
    }
  }

  /** After a sync: how many of this node's requests Redis holds, and its total for the window. */
  private record Synced(long sent, long clusterTotal) {}

  private record WindowKey(RateLimit limit, String key, long windowStartMillis) {}

  private final Cache<WindowKey, Window> windows;
  private final Clock clock;
  private final StatefulRedisConnection<String, String> connection;
  private final ScheduledExecutorService syncer;

  public SyncedRateLimiter(
      RedisClient client, Duration syncInterval, Clock clock, long maximumKeys) {
    this.clock = clock;
    this.connection = client == null ? null : client.connect();
    this.windows =
        Caffeine.newBuilder()
            .maximumSize(maximumKeys)
            .expireAfter(
                Expiry.<WindowKey, Window>creating(
                    (key, window) -> key.limit().window().plus(syncInterval).multipliedBy(2)))
            .build();
    this.syncer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("smo1-rate-sync").unstarted(runnable));
    if (connection != null) {
      syncer.scheduleWithFixedDelay(
          this::syncQuietly,
          syncInterval.toMillis(),
          syncInterval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public CompletionStage<RateDecision> consume(RateLimit limit, String key) {
    Instant now = clock.instant();
    Window window = window(limit, key, now);
    while (true) {
      long estimate = window.estimate();
      if (estimate >= limit.capacity()) {
        return decided(false, limit, 0, now);
      }
      long counted = window.counted.get();
      if (window.counted.compareAndSet(counted, counted + 1)) {
        return decided(true, limit, Math.max(0, limit.capacity() - estimate - 1), now);
      }
    }
  }

  @Override
  public CompletionStage<RateDecision> peek(RateLimit limit, String key) {
    Instant now = clock.instant();
    long estimate = window(limit, key, now).estimate();
    long left = Math.max(0, limit.capacity() - estimate);
    return decided(left > 0, limit, left, now);
  }

  private static CompletionStage<RateDecision> decided(
      boolean allowed, RateLimit limit, long remaining, Instant now) {
    return CompletableFuture.completedFuture(
        new RateDecision(
            allowed,
            limit.capacity(),
            Math.min(remaining, limit.capacity()),
            limit.resetAfter(now)));
  }

  private Window window(RateLimit limit, String key, Instant now) {
    Instant start = limit.windowStart(now);
    return windows.get(
        new WindowKey(limit, key, start.toEpochMilli()),
        ignored ->
            new Window(
                Buckets.storageKey(limit, key) + ":" + start.toEpochMilli(),
                start.plus(limit.window())));
  }

  private void syncQuietly() {
    try {
      sync().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("rate limit counts not synced; kept for the next sync: {}", e.toString());
    }
  }

  /**
   * Sends every window's new requests to Redis and learns the cluster's totals; completes when
   * every answer arrived. Called every sync interval; public for tests.
   */
  public CompletionStage<Void> sync() {
    if (connection == null) {
      return CompletableFuture.completedFuture(null);
    }
    var commands = connection.async();
    var sent = new ArrayList<CompletableFuture<?>>();
    Instant now = clock.instant();
    for (Window window : windows.asMap().values()) {
      Synced last = window.synced;
      long counted = window.counted.get();
      long delta = counted - last.sent();
      if (!window.end.isAfter(now) && delta == 0) {
        continue;
      }
      CompletableFuture<Long> total =
          (delta == 0
                  ? commands.get(window.storeKey).thenApply(v -> v == null ? 0L : Long.parseLong(v))
                  : commands.incrby(window.storeKey, delta))
              .toCompletableFuture();
      if (delta > 0) {
        commands.pexpireat(window.storeKey, window.end.plusSeconds(60).toEpochMilli());
      }
      sent.add(
          total.thenAccept(
              clusterTotal ->
                  window.synced = new Synced(counted, Math.max(clusterTotal, counted))));
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  @Override
  public void close() {
    syncer.shutdownNow();
    if (connection != null) {
      connection.close();
    }
  }
}
