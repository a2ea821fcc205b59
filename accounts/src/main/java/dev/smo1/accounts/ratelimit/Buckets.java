package dev.smo1.accounts.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/** What both limiters share: the Bucket4j form of a {@link RateLimit}, its clock, its keys. */
final class Buckets {
  static final String KEY_PREFIX = "smo1:rl:";

  private Buckets() {}

  /**
   * A bucket of {@code capacity} tokens, full at creation, refilled to full at every window
   * boundary of the epoch (the first refill "at" the epoch puts every later one on a multiple of
   * the window): a fixed window counter.
   */
  static BucketConfiguration configuration(RateLimit limit) {
    return BucketConfiguration.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limit.capacity())
                .refillIntervallyAligned(limit.capacity(), limit.window(), Instant.EPOCH)
                .build())
        .build();
  }

  /**
   * {@code smo1:rl:<name>:<hash>}: the caller's key as the first 128 bits of its SHA-256, so an
   * email or an address neither sets the key's length nor is stored as such.
   */
  static String storageKey(RateLimit limit, String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return KEY_PREFIX + limit.name() + ":" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Bucket4j's time from the limiter's clock: wall-clock time, as aligned refills need. */
  static TimeMeter timeMeter(Clock clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }

  static RateDecision consumed(RateLimit limit, ConsumptionProbe probe, Instant now) {
    return new RateDecision(
        probe.isConsumed(),
        limit.capacity(),
        Math.min(limit.capacity(), Math.max(0, probe.getRemainingTokens())),
        limit.resetAfter(now));
  }

  static RateDecision estimated(RateLimit limit, EstimationProbe probe, Instant now) {
    return new RateDecision(
        probe.canBeConsumed(),
        limit.capacity(),
        Math.min(limit.capacity(), Math.max(0, probe.getRemainingTokens())),
        limit.resetAfter(now));
  }
}
