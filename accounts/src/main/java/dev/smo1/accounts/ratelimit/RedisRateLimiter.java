package dev.smo1.accounts.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Rate limits shared by every node: Bucket4j buckets in Redis through its Lettuce proxy manager
 * (compare-and-swap of the bucket's state, so concurrent nodes never spend a token twice).
 *
 * <p>Each key is {@code smo1:rl:<name>:<hash of the caller's key>} and expires when its window ends
 * (Bucket4j's "time to refill up to the maximum", which for a fixed window is the next boundary),
 * so a changed limit applies from the next window and idle keys cost nothing.
 *
 * <p>Requests of this node for one key are batched (Bucket4j's batching optimization: while one
 * compare-and-swap is in flight, the next requests wait and go as one): under a burst on a hot key
 * the nodes contend with one operation each, not one per request, so the swaps do not retry past
 * the timeout. The proxies that batch are kept per key, at most {@code maximumKeys}.
 *
 * <p>Time is the node's clock: nodes agree on windows as far as their clocks agree (NTP keeps that
 * to milliseconds, against windows of seconds to hours). A store that does not answer within {@code
 * timeout} fails the stage with {@link RateLimiterUnavailableException}.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {
  public static final long DEFAULT_MAXIMUM_KEYS = 100_000;

  /** A proxy per limit (capacity and window included, so a changed limit gets its own). */
  private record BucketKey(RateLimit limit, String key) {}

  private final StatefulRedisConnection<String, byte[]> connection;
  private final AsyncProxyManager<String> buckets;
  private final Cache<BucketKey, AsyncBucketProxy> proxies;
  private final Duration timeout;
  private final Clock clock;

  public RedisRateLimiter(RedisClient client, Duration timeout) {
    this(client, timeout, Clock.systemUTC(), DEFAULT_MAXIMUM_KEYS);
  }

  /** Connects now (fails if Redis is unreachable); the client reconnects by itself later. */
  public RedisRateLimiter(RedisClient client, Duration timeout, Clock clock, long maximumKeys) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    this.clock = clock;
    this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    this.buckets =
        Bucket4jLettuce.casBasedBuilder(connection)
            .clientClock(Buckets.timeMeter(clock))
            .requestTimeout(timeout)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
            .build()
            .asAsync();
    this.proxies =
        Caffeine.newBuilder()
            .maximumSize(maximumKeys)
            .expireAfter(
                Expiry.<BucketKey, AsyncBucketProxy>accessing(
                    (bucketKey, proxy) -> bucketKey.limit().window()))
            .build();
  }

  @Override
  public CompletionStage<RateDecision> consume(RateLimit limit, String key) {
    return guarded(
        limit,
        () ->
            bucket(limit, key)
                .tryConsumeAndReturnRemaining(1)
                .thenApply(probe -> Buckets.consumed(limit, probe, clock.instant())));
  }

  @Override
  public CompletionStage<RateDecision> peek(RateLimit limit, String key) {
    return guarded(
        limit,
        () ->
            bucket(limit, key)
                .estimateAbilityToConsume(1)
                .thenApply(probe -> Buckets.estimated(limit, probe, clock.instant())));
  }

  private AsyncBucketProxy bucket(RateLimit limit, String key) {
    return proxies.get(
        new BucketKey(limit, Buckets.storageKey(limit, key)),
        bucketKey -> {
          BucketConfiguration configuration = Buckets.configuration(limit);
          return buckets
              .builder()
              .withOptimization(Optimizations.batching())
              .build(bucketKey.key(), () -> CompletableFuture.completedFuture(configuration));
        });
  }

  /** The call, bounded by the timeout as a whole (a contended compare-and-swap retries). */
  private CompletionStage<RateDecision> guarded(
      RateLimit limit, Supplier<CompletableFuture<RateDecision>> call) {
    CompletableFuture<RateDecision> attempt;
    try {
      attempt = call.get();
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    var result = new CompletableFuture<RateDecision>();
    attempt
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete(
            (decision, error) -> {
              if (error == null) {
                result.complete(decision);
              } else {
                result.completeExceptionally(
                    new RateLimiterUnavailableException(
                        "rate limit store did not answer for limit=" + limit.name(),
                        unwrap(error)));
              }
            });
    return result;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Closes this limiter's connection; the client is the caller's. */
  @Override
  public void close() {
    connection.close();
  }
}
