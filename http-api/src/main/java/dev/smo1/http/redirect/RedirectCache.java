package dev.smo1.http.redirect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkService;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.RedirectType;
import dev.smo1.link.Resolution;
import dev.smo1.link.ShortCodes;
import dev.smo1.projection.redis.CachedLink;
import dev.smo1.projection.redis.RedisLinkCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The origin redirect path: an in-process bounded cache, then Redis, then the link entity. Every
 * step is asynchronous; a Redis failure or timeout falls through to the entity, never to an error.
 *
 * <p>Changes reach every node through {@link #invalidate}: the entry is dropped and a fence
 * remembers the new version for a while, so a Redis value older than the change (the Redis
 * projection may lag) is not accepted, and an entity answer that raced with the change is served
 * but not cached.
 */
public final class RedirectCache implements LinkResolver {
  private static final Duration FENCE_TTL = Duration.ofMinutes(1);

  private final LinkService links;
  private final Optional<RedisLinkCache> redis;
  private final Clock clock;
  private final RedirectCacheSettings settings;
  private final Cache<String, Entry> entries;
  private final Cache<String, Long> fences;

  /** What is cached per link: enough to answer without asking anyone. */
  sealed interface Entry {
    record Found(String target, RedirectType redirectType, Instant expiresAt) implements Entry {}

    record Gone(LinkStatus status) implements Entry {}

    record Unknown() implements Entry {}
  }

  public RedirectCache(
      LinkService links,
      Optional<RedisLinkCache> redis,
      Clock clock,
      RedirectCacheSettings settings) {
    this.links = links;
    this.redis = redis;
    this.clock = clock;
    this.settings = settings;
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(settings.maxSize())
            .expireAfter(
                Expiry.creating(
                    (String key, Entry entry) ->
                        entry instanceof Entry.Unknown ? settings.negativeTtl() : settings.ttl()))
            .build();
    this.fences = Caffeine.newBuilder().expireAfterWrite(FENCE_TTL).build();
  }

  @Override
  public CompletionStage<Resolution> resolve(String code) {
    if (ShortCodes.checkAlias(code).isPresent()) {
      return CompletableFuture.completedFuture(new Resolution.NotFound());
    }
    String key = new LinkId(links.defaultDomain(), code).entityId();
    Entry cached = entries.getIfPresent(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(answer(cached));
    }
    long fence = fenceOf(key);
    return fromRedis(key, fence)
        .thenCompose(
            fromRedis ->
                fromRedis.isPresent()
                    ? CompletableFuture.completedFuture(fromRedis.get())
                    : fromEntity(code))
        .thenApply(
            entry -> {
              if (fenceOf(key) == fence) {
                entries.put(key, entry);
              }
              return answer(entry);
            });
  }

  /** A link changed somewhere in the cluster: forget it here, and refuse older Redis values. */
  public void invalidate(String entityId, long version) {
    fences.asMap().merge(entityId, version, Math::max);
    entries.invalidate(entityId);
  }

  private long fenceOf(String key) {
    Long fence = fences.getIfPresent(key);
    return fence == null ? 0 : fence;
  }

  private CompletionStage<Optional<Entry>> fromRedis(String key, long fence) {
    if (redis.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return redis
        .get()
        .read(LinkId.fromEntityId(key))
        .toCompletableFuture()
        .orTimeout(settings.redisTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (link, error) ->
                error != null || link == null
                    ? Optional.<Entry>empty()
                    : link.filter(cached -> cached.version() >= fence).map(RedirectCache::entry));
  }

  private CompletionStage<Entry> fromEntity(String code) {
    return links
        .resolve(code)
        .thenApply(
            resolution ->
                switch (resolution) {
                  case Resolution.Redirect redirect ->
                      new Entry.Found(
                          redirect.target(), redirect.redirectType(), redirect.expiresAt());
                  case Resolution.Gone gone -> new Entry.Gone(gone.status());
                  case Resolution.NotFound ignored -> new Entry.Unknown();
                });
  }

  private static Entry entry(CachedLink link) {
    return switch (link.status()) {
      case "active" -> new Entry.Found(link.target(), link.redirectType(), link.expiresAt());
      case "disabled" -> new Entry.Gone(LinkStatus.DISABLED);
      default -> new Entry.Gone(LinkStatus.DELETED);
    };
  }

  private Resolution answer(Entry entry) {
    return switch (entry) {
      case Entry.Found found ->
          found.expiresAt() != null && !clock.instant().isBefore(found.expiresAt())
              ? new Resolution.Gone(LinkStatus.EXPIRED)
              : new Resolution.Redirect(found.target(), found.redirectType(), found.expiresAt());
      case Entry.Gone gone -> new Resolution.Gone(gone.status());
      case Entry.Unknown ignored -> new Resolution.NotFound();
    };
  }
}
