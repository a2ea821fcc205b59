package dev.smo1.node.wiring;

import dev.smo1.accounts.ratelimit.LocalRateLimiter;
import dev.smo1.accounts.ratelimit.RateLimitSettings;
import dev.smo1.accounts.ratelimit.RateLimiter;
import dev.smo1.accounts.ratelimit.RedisRateLimiter;
import dev.smo1.accounts.ratelimit.SyncedRateLimiter;
import dev.smo1.http.ratelimit.RateLimits;
import dev.smo1.node.db.Redis;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's rate limits: counted in Redis and so shared by every node when Redis is configured;
 * without Redis, per node (in memory), which the log says at start.
 */
public final class RateLimitsFeature {
  private static final Logger log = LoggerFactory.getLogger(RateLimitsFeature.class);

  /** How often a node adds its counts of unknown codes to the cluster's. */
  static final Duration UNKNOWN_CODES_SYNC = Duration.ofMillis(250);

  private RateLimitsFeature() {}

  public static RateLimits init(NodeContext node) {
    var settings = RateLimitSettings.from(node.system().settings().config());
    RateLimiter limiter;
    RateLimiter unknownCodes;
    if (node.settings().redis().isPresent()) {
      var client = Redis.client(node.settings().redis().get(), node.system());
      var redis = new RedisRateLimiter(client, settings.storeTimeout());
      // unknown codes are decided in memory and shared through Redis every sync interval: a 404
      // costs no Redis round trip (decision 0018)
      var synced =
          new SyncedRateLimiter(
              client, UNKNOWN_CODES_SYNC, node.clock(), LocalRateLimiter.DEFAULT_MAXIMUM_KEYS);
      node.closeOnShutdown(
          "close-rate-limiter",
          () -> {
            synced.close();
            redis.close();
            client.shutdown();
          });
      limiter = redis;
      unknownCodes = synced;
    } else {
      log.warn("no Redis: rate limits are counted per node, not across the cluster");
      limiter = new LocalRateLimiter();
      unknownCodes = limiter;
    }
    log.info(
        "rate limits enabled={} exemptWorkspaces={} store={}",
        settings.enabled(),
        settings.exemptWorkspaces(),
        node.settings().redis().isPresent() ? "redis" : "memory");
    return new RateLimits(limiter, unknownCodes, settings);
  }
}
