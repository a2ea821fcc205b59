package dev.smo1.projection.redis;

import dev.smo1.link.LinkEvent;
import dev.smo1.projection.JdbcSessions;
import dev.smo1.projection.TaggedProjections;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Keeps the Redis redirect cache in step with the link events: at-least-once (offsets in
 * PostgreSQL, saved after the Redis write), made safe by the version guard of {@link
 * RedisLinkCache}. When Redis is down the handler fails, and the projection restarts with backoff
 * from its last saved offset, so nothing is skipped and per-link order is kept.
 */
public final class RedisCacheProjection {
  public static final String NAME = "links-redis-cache";

  private RedisCacheProjection() {}

  public static void init(ActorSystem<?> system, JdbcSessions sessions, RedisLinkCache cache) {
    TaggedProjections.run(
        system,
        NAME,
        (id, source) ->
            JdbcProjection.atLeastOnceAsync(
                    id, source, sessions::open, () -> new CacheWriter(cache), system)
                .withSaveOffset(100, Duration.ofMillis(500))
                .withRestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
  }

  static final class CacheWriter extends Handler<EventEnvelope<LinkEvent>> {
    private final LinkCacheUpdates cache;

    CacheWriter(LinkCacheUpdates cache) {
      this.cache = cache;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<LinkEvent> envelope) {
      return cache
          .apply(envelope.event(), envelope.sequenceNr())
          .thenApply(changed -> Done.getInstance());
    }
  }
}
