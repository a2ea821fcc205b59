package dev.smo1.node.wiring;

import dev.smo1.http.HttpSettings;
import dev.smo1.http.redirect.CacheInvalidation;
import dev.smo1.http.redirect.RedirectCache;
import dev.smo1.http.redirect.RedirectCacheSettings;
import dev.smo1.link.LinkChanges;
import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEntitySettings;
import dev.smo1.link.LinkPolicy;
import dev.smo1.link.LinkService;
import dev.smo1.link.known.KnownLinks;
import dev.smo1.node.db.Redis;
import dev.smo1.projection.known.JournalLinkIds;
import dev.smo1.projection.known.KnownLinksFeed;
import dev.smo1.projection.known.KnownLinksSettings;
import dev.smo1.projection.redis.RedisLinkCache;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * The links of a node: the sharded link entity, the service that asks it, the membership filter
 * that keeps codes never created away from it (filled from the journal and the change topic), and
 * the redirect path in front of it (memory, then Redis, then the entity), whose entries every
 * change invalidates cluster-wide at once.
 */
public record LinkFeature(
    LinkService links,
    LinkEntitySettings settings,
    RedirectCache redirectCache,
    Optional<RedisLinkCache> redis,
    LinkPolicy policy) {

  public static LinkFeature init(
      NodeContext node,
      HttpSettings http,
      dev.smo1.link.LinkSlots slots,
      dev.smo1.link.TargetScreen screen) {
    var config = node.system().settings().config();
    var settings = LinkEntitySettings.from(config);
    var known = new KnownLinks();
    var feed =
        new KnownLinksFeed(
                known,
                new JournalLinkIds(node.dataSource()),
                KnownLinksSettings.from(config),
                node.clock())
            .withMetrics(node.registry());
    node.closeOnShutdown("close-known-links", feed::close);
    var links = new LinkService(node.system(), settings, known, slots, screen);
    Optional<RedisLinkCache> redis =
        node.settings()
            .redis()
            .map(endpoint -> new RedisLinkCache(Redis.client(endpoint, node.system())));
    redis.ifPresent(cache -> node.closeOnShutdown("close-redis", cache::close));
    var redirectCache =
        new RedirectCache(
            links,
            redis,
            node.clock(),
            RedirectCacheSettings.from(node.system().settings().config()));
    LinkChanges changes = CacheInvalidation.start(node.system(), redirectCache, known);
    feed.start();
    // links may not point at the short domain itself, nor at the host visitors reach it on
    var shortDomains = new LinkedHashSet<String>();
    shortDomains.add(settings.defaultDomain());
    shortDomains.add(http.publicBaseUrl().getHost());
    var policy = new LinkPolicy(shortDomains);
    LinkEntity.init(node.system(), policy, node.clock(), settings, changes);
    return new LinkFeature(links, settings, redirectCache, redis, policy);
  }
}
