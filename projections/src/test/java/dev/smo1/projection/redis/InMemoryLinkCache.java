package dev.smo1.projection.redis;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.LinkStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The redirect cache in memory, keeping {@link RedisLinkCache}'s documented contract (its Lua
 * script is tested against a real Redis in cluster-node): a write applies only above the stored
 * version, a delete leaves a tombstone, and settings or status changes of a link it does not hold
 * are skipped. It records every write it applied, and can hold writes back or fail one.
 */
final class InMemoryLinkCache implements LinkCacheUpdates {
  /** One write the cache answered: the link's code, the version asked for, whether it changed. */
  record Write(String code, long version, boolean changed) {}

  private final Map<LinkId, CachedLink> links = new HashMap<>();
  private final List<Write> writes = new ArrayList<>();
  private final List<Runnable> held = new ArrayList<>();
  private boolean holding;
  private long failingVersion = -1;

  @Override
  public synchronized CompletionStage<Boolean> apply(LinkEvent event, long version) {
    if (version == failingVersion) {
      failingVersion = -1;
      return CompletableFuture.failedFuture(new IllegalStateException("Redis is unreachable"));
    }
    var answer = new CompletableFuture<Boolean>();
    Runnable write = () -> answer.complete(write(event, version));
    if (holding) {
      held.add(write);
    } else {
      write.run();
    }
    return answer;
  }

  /** Leaves the following writes unanswered until {@link #release()}. */
  synchronized void hold() {
    holding = true;
  }

  /** Applies and answers the writes held back, and stops holding. */
  void release() {
    List<Runnable> answering;
    synchronized (this) {
      holding = false;
      answering = List.copyOf(held);
      held.clear();
    }
    answering.forEach(Runnable::run);
  }

  /** The next write at {@code version} fails as when Redis is down, and changes nothing. */
  synchronized void failOnce(long version) {
    failingVersion = version;
  }

  synchronized int heldWrites() {
    return held.size();
  }

  synchronized List<Write> writes() {
    return List.copyOf(writes);
  }

  synchronized Optional<CachedLink> read(LinkId id) {
    return Optional.ofNullable(links.get(id));
  }

  private synchronized boolean write(LinkEvent event, long version) {
    var id = new LinkId(event.domain(), event.code());
    CachedLink current = links.get(id);
    boolean changed = current == null || current.version() < version;
    if (changed) {
      CachedLink next =
          switch (event) {
            case LinkEvent.LinkCreated created ->
                settings(version, LinkStatus.ACTIVE, created.settings());
            case LinkEvent.LinkDeleted ignored ->
                new CachedLink(version, LinkStatus.DELETED, null, null, null, false);
            case LinkEvent.LinkUpdated updated ->
                current == null ? null : settings(version, current.status(), updated.settings());
            case LinkEvent.LinkDisabled ignored -> status(current, version, LinkStatus.DISABLED);
            case LinkEvent.LinkBlocked ignored -> status(current, version, LinkStatus.BLOCKED);
            case LinkEvent.LinkUnblocked ignored -> status(current, version, LinkStatus.DISABLED);
            case LinkEvent.LinkEnabled ignored -> status(current, version, LinkStatus.ACTIVE);
            case LinkEvent.LinkVisitCounted ignored -> null;
          };
      changed = next != null;
      if (changed) {
        links.put(id, next);
      }
    }
    writes.add(new Write(event.code(), version, changed));
    return changed;
  }

  private static CachedLink settings(long version, LinkStatus status, LinkSettings settings) {
    return new CachedLink(
        version,
        status,
        settings.target(),
        settings.redirectType(),
        settings.expiresAt(),
        settings.forwardQuery(),
        !settings.routing().isEmpty() || !settings.options().isEmpty());
  }

  private static CachedLink status(CachedLink current, long version, LinkStatus status) {
    return current == null
        ? null
        : new CachedLink(
            version,
            status,
            current.target(),
            current.redirectType(),
            current.expiresAt(),
            current.forwardQuery(),
            current.routed());
  }
}
