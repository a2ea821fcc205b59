package dev.smo1.http.redirect;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The origin redirect path's caches, read once from {@code smo1.redirect-cache}.
 *
 * @param maxSize links held in memory per node
 * @param ttl how long a known link is kept without a change notification (changes invalidate it at
 *     once; this only bounds the damage of a lost notification)
 * @param negativeTtl how long "no such code" is remembered, so scans of random codes cannot hammer
 *     the entities
 * @param redisTimeout how long a Redis read may take before the entity is asked instead
 */
public record RedirectCacheSettings(
    long maxSize, Duration ttl, Duration negativeTtl, Duration redisTimeout) {

  public static RedirectCacheSettings from(Config config) {
    Config cache = config.getConfig("smo1.redirect-cache");
    return new RedirectCacheSettings(
        cache.getLong("max-size"),
        cache.getDuration("ttl"),
        cache.getDuration("negative-ttl"),
        cache.getDuration("redis-timeout"));
  }
}
