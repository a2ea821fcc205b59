package dev.smo1.http.redirect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.smo1.link.LinkId;
import dev.smo1.link.Links;
import dev.smo1.link.Resolution;
import dev.smo1.projection.redis.CachedLink;
import dev.smo1.projection.redis.RedisLinkCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The origin redirect path: an in-process bounded cache, then Redis, then the link entity. Every
 * step is asynchronous; a Redis failure or timeout falls through to the entity, never to an error.
 * A code that certainly names no link ({@link Links#mayExist}: the node's membership filter) is
 * answered "not found" from memory, before Redis or any entity is asked.
 *
 * <p>Changes reach every node through {@link #invalidate}: the entry is dropped and a fence
 * remembers the new version for a while, so a Redis value older than the change (the Redis
 * projection may lag) is not accepted, and an entity answer that raced with the change is served
 * but not cached.
 */
public final class RedirectCache implements LinkResolver {
  private static final Duration FENCE_TTL = Duration.ofMinutes(1);
  private static final Entry UNKNOWN = new Entry.Unknown();
  private static final Resolution NOT_FOUND_ANSWER = new Resolution.NotFound();
  private static final CompletionStage<Resolution> NOT_FOUND =
      CompletableFuture.completedStage(NOT_FOUND_ANSWER);

  private final Links links;
  private final Optional<RedisLinkCache> redis;
  private final Clock clock;
  private final RedirectCacheSettings settings;
  private final Cache<String, Entry> entries;
  private final Cache<String, Long> fences;

  /** The entity id of a code on the default domain is this prefix and the code. */
  private final String keyPrefix;

  /**
   * What is cached per link: enough to answer without asking anyone. Entries hold the answer
   * itself, so a hit hands out the same instance every time (the routes cache its rendering).
   */
  sealed interface Entry {
    record Found(Resolution.Redirect redirect) implements Entry {}

    record Gone(Resolution.Gone gone) implements Entry {}

    record Unknown() implements Entry {}
  }

  public RedirectCache(
      Links links, Optional<RedisLinkCache> redis, Clock clock, RedirectCacheSettings settings) {
    this.links = links;
    this.redis = redis;
    this.clock = clock;
    this.keyPrefix = new LinkId(links.defaultDomain(), "").entityId();
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
    return resolve(keyPrefix + code, code, null);
  }

  /** A link on any domain (a custom domain's too), through the same caches. */
  @Override
  public CompletionStage<Resolution> resolve(LinkId id) {
    return resolve(id.entityId(), id.code(), id);
  }

  /**
   * @param id null for the default domain (its codes' existence is known without building an id)
   */
  private CompletionStage<Resolution> resolve(String key, String code, LinkId id) {
    // the cache first: only valid codes are ever put in it, so a hit needs no syntax check
    Entry cached = entries.getIfPresent(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(answer(cached));
    }
    if (id == null ? !links.mayExist(code) : !links.mayExist(id)) {
      // not cached: random codes would crowd the links visitors follow out of the cache
      return NOT_FOUND;
    }
    long fence = fenceOf(key);
    return fromRedis(key, fence)
        .thenCompose(
            fromRedis ->
                fromRedis.isPresent()
                    ? CompletableFuture.completedFuture(fromRedis.get())
                    : fromEntity(id == null ? links.resolve(code) : links.resolve(id)))
        .thenApply(
            entry -> {
              // "no such code" is not remembered while a link made elsewhere may not be known here
              // yet: the entity, asked again, knows at once
              if (fenceOf(key) == fence
                  && !(entry instanceof Entry.Unknown && links.mayBeBehind())) {
                entries.put(key, entry);
              }
              return answer(entry);
            });
  }

  /** Straight to the entity, which counts the visit: no cache may let one through. */
  @Override
  public CompletionStage<Resolution> visit(String code) {
    return links.visit(code);
  }

  @Override
  public CompletionStage<Resolution> visit(LinkId id) {
    return links.visit(id);
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
                    : link
                        // a routed link's rules are the entity's to give: a miss here
                        .filter(cached -> cached.version() >= fence && !cached.routed())
                        .map(RedirectCache::entry));
  }

  private CompletionStage<Entry> fromEntity(CompletionStage<Resolution> asked) {
    return asked.thenApply(
        resolution ->
            switch (resolution) {
              case Resolution.Redirect redirect -> new Entry.Found(redirect);
              case Resolution.Gone gone -> new Entry.Gone(gone);
              case Resolution.NotFound ignored -> UNKNOWN;
            });
  }

  private static Entry entry(CachedLink link) {
    return switch (link.status()) {
      case ACTIVE ->
          new Entry.Found(
              new Resolution.Redirect(
                  link.target(), link.redirectType(), link.expiresAt(), link.forwardQuery()));
      case DISABLED, DELETED, EXPIRED, EXHAUSTED, BLOCKED ->
          new Entry.Gone(new Resolution.Gone(link.status()));
    };
  }

  private Resolution answer(Entry entry) {
    return switch (entry) {
      case Entry.Found found ->
          found.redirect().expiresAt() != null
                  && !clock.instant().isBefore(found.redirect().expiresAt())
              ? found.redirect().expired()
              : found.redirect();
      case Entry.Gone gone -> gone.gone();
      case Entry.Unknown ignored -> NOT_FOUND_ANSWER;
    };
  }
}
