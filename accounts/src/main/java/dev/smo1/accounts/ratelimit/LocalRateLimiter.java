package dev.smo1.accounts.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rate limits counted in this JVM only, for nodes without Redis (the local profile, a single node):
 * <strong>each node then allows the full limit on its own</strong>, so behind a load balancer of n
 * nodes a key gets up to n times its budget. Same windows and answers as {@link RedisRateLimiter};
 * never unavailable.
 *
 * <p>At most {@code maximumKeys} buckets are kept (Caffeine, least recently used first), each for
 * one idle window at most: flooding it with fresh keys can only make it forget (and so reset) the
 * coldest counters, never run out of memory.
 */
public final class LocalRateLimiter implements RateLimiter {
  public static final long DEFAULT_MAXIMUM_KEYS = 100_000;

  /** A bucket per limit (capacity and window included, so a changed limit starts afresh). */
  private record BucketKey(RateLimit limit, String key) {}

  private final Cache<BucketKey, Bucket> buckets;
  private final TimeMeter time;
  private final Clock clock;

  public LocalRateLimiter() {
    this(Clock.systemUTC(), DEFAULT_MAXIMUM_KEYS);
  }

  public LocalRateLimiter(Clock clock, long maximumKeys) {
    this.clock = clock;
    this.time = Buckets.timeMeter(clock);
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maximumKeys)
            .expireAfter(
                Expiry.<BucketKey, Bucket>accessing(
                    (bucketKey, bucket) -> bucketKey.limit().window()))
            .build();
  }

  @Override
  public CompletionStage<RateDecision> consume(RateLimit limit, String key) {
    var probe = bucket(limit, key).tryConsumeAndReturnRemaining(1);
    return CompletableFuture.completedFuture(Buckets.consumed(limit, probe, clock.instant()));
  }

  @Override
  public CompletionStage<RateDecision> peek(RateLimit limit, String key) {
    var probe = bucket(limit, key).estimateAbilityToConsume(1);
    return CompletableFuture.completedFuture(Buckets.estimated(limit, probe, clock.instant()));
  }

  private Bucket bucket(RateLimit limit, String key) {
    return buckets.get(
        new BucketKey(limit, Buckets.storageKey(limit, key)),
        ignored ->
            Bucket.builder()
                .withCustomTimePrecision(time)
                .addLimit(Buckets.configuration(limit).getBandwidths()[0])
                .build());
  }
}
