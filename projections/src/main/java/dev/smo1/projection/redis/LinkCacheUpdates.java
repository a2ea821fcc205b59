package dev.smo1.projection.redis;

import dev.smo1.link.LinkEvent;
import java.util.concurrent.CompletionStage;

/**
 * The write side of the redirect cache, which is all the cache projection needs of it ({@link
 * RedisLinkCache} in production). An implementation must guard every write by {@code version}, so
 * that redelivered and out-of-order events never move a link backwards.
 */
public interface LinkCacheUpdates {
  /**
   * Applies one event at {@code version} (its sequence number); completes with whether it changed.
   */
  CompletionStage<Boolean> apply(LinkEvent event, long version);
}
