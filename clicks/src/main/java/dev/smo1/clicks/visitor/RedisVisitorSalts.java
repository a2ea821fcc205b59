package dev.smo1.clicks.visitor;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily salts in Redis, shared by every node: the first node to need a day's salt makes one ({@code
 * SET <key> <random> NX EXAT <day start + 26 h>}), and every node then reads the one that won
 * ({@code GET}). Redis drops it when it expires; nothing else holds it longer: this node remembers
 * a salt in memory only until the same instant, so the redirect path asks Redis once per day.
 *
 * <p>A day's salt exists from the first click of the day (or from when it is published to the edge
 * ahead of the day, {@link VisitorSaltPublisher}) until 02:00 UTC the next day. If Redis loses it
 * meanwhile (a restart without persistence), the next request makes another, and visitors of that
 * day are counted twice across the change.
 */
public final class RedisVisitorSalts implements VisitorSalts {
  private static final Logger log = LoggerFactory.getLogger(RedisVisitorSalts.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StatefulRedisConnection<String, String> redis;
  private final Clock clock;
  private final ConcurrentHashMap<LocalDate, CompletableFuture<VisitorSalt>> salts =
      new ConcurrentHashMap<>();

  public RedisVisitorSalts(StatefulRedisConnection<String, String> redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /**
   * The day's salt, made if no node made it yet. Fails for a day whose salt has expired, or that
   * starts more than a day from now (no salt exists before it could be published).
   */
  @Override
  public CompletionStage<VisitorSalt> forDay(LocalDate day) {
    Instant now = clock.instant();
    CompletableFuture<VisitorSalt> known = salts.get(day);
    if (known != null
        && known.isDone()
        && !known.isCompletedExceptionally()
        && known.join().expiresAt().isAfter(now)) {
      return known;
    }
    Instant expiresAt = VisitorSalt.expiry(day);
    if (!expiresAt.isAfter(now)) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("the visitor salt of " + day + " has expired"));
    }
    if (day.isAfter(VisitorSalt.dayOf(now).plusDays(1))) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("the visitor salt of " + day + " does not exist yet"));
    }
    salts.entrySet().removeIf(entry -> !VisitorSalt.expiry(entry.getKey()).isAfter(now));
    return salts.compute(
        day,
        (ignored, present) ->
            present == null || present.isCompletedExceptionally() ? load(day, expiresAt) : present);
  }

  /** SET NX, then GET: whichever node's SET won, all of them read the same salt. */
  private CompletableFuture<VisitorSalt> load(LocalDate day, Instant expiresAt) {
    String key = VisitorSalt.key(day);
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    var commands = redis.async();
    return commands
        .set(
            key,
            HexFormat.of().formatHex(random),
            SetArgs.Builder.nx().exAt(expiresAt.getEpochSecond()))
        .thenCompose(made -> commands.get(key).thenApply(hex -> salt(day, hex, made, expiresAt)))
        .toCompletableFuture();
  }

  private static VisitorSalt salt(LocalDate day, String hex, String made, Instant expiresAt) {
    if (hex == null) {
      throw new IllegalStateException("the visitor salt of " + day + " vanished from Redis");
    }
    if ("OK".equals(made)) {
      log.info("visitor salt made day={} expiresAt={}", day, expiresAt);
    }
    return new VisitorSalt(day, hex, expiresAt);
  }
}
