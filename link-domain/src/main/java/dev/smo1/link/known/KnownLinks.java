package dev.smo1.link.known;

import dev.smo1.link.LinkId;

/**
 * The links that may exist, as this node knows them: a {@link LinkBloomFilter} of every link entity
 * id ever created, so a code that never existed is answered "not found" without starting its entity
 * (no journal query, no actor held in memory). A "no" is certain; a "maybe" goes on to the entity.
 * See src-docs/decisions/0018-unknown-codes-decided-by-a-membership-filter.md.
 *
 * <p>Until the first load from the journal completes, every code may exist (the entity decides, as
 * it always did). Ids are added as links are created: by the node that created one before it
 * answers, by every node when the change reaches it over the cluster's link-change topic, and by a
 * poll of the journal that catches what the topic missed. A load builds a new filter beside the
 * current one (ids added meanwhile go to both) and swaps it in; a filter fuller than its capacity
 * is replaced by one twice as large the same way.
 */
public final class KnownLinks {
  private volatile LinkBloomFilter current;
  private volatile LinkBloomFilter loading;
  private volatile long distrustedUntil = System.nanoTime();

  /** False only when the link has certainly never been created. */
  public boolean mayExist(LinkId id) {
    LinkBloomFilter filter = current;
    return filter == null || distrusted() || filter.mightContain(id.entityId());
  }

  /**
   * Lets every code through to the entity for {@code period} (from now, or longer if already so):
   * after a cluster membership change, the link-change topic may not reach this node until the
   * receptionist's gossip settles, so a link created elsewhere meanwhile may be missing here until
   * the journal poll finds it. See decision 0018.
   */
  /** Whether the filter is distrusted now ({@link #distrustFor}). */
  public boolean distrusted() {
    return System.nanoTime() - distrustedUntil < 0;
  }

  public void distrustFor(java.time.Duration period) {
    long until = System.nanoTime() + period.toNanos();
    if (until - distrustedUntil > 0) {
      distrustedUntil = until;
    }
  }

  /** Whether a load has completed (until then every code may exist). */
  public boolean ready() {
    return current != null;
  }

  public void add(LinkId id) {
    add(id.entityId());
  }

  /** Adds an entity id ({@code domain/code}). */
  public void add(String entityId) {
    // loading before current: a load completing in between sets current before clearing loading,
    // so the id reaches the filter that stays either way
    LinkBloomFilter next = loading;
    LinkBloomFilter filter = current;
    if (filter != null) {
      filter.add(entityId);
    }
    if (next != null && next != filter) {
      next.add(entityId);
    }
  }

  /**
   * Starts filling a new filter for {@code capacity} ids; from now on, ids added go to it as well.
   * The caller adds every existing id to it, then calls {@link #completeLoad}.
   */
  public LinkBloomFilter beginLoad(long capacity, double falsePositiveRate) {
    var next = new LinkBloomFilter(capacity, falsePositiveRate);
    loading = next;
    return next;
  }

  /** The filter begun by {@link #beginLoad} holds every id: it answers from now on. */
  public void completeLoad(LinkBloomFilter filled) {
    if (loading != filled) {
      throw new IllegalStateException("not the filter being loaded");
    }
    current = filled;
    loading = null;
  }

  /** A load that failed: ids stop going to its filter, the current one stays. */
  public void abandonLoad(LinkBloomFilter failed) {
    if (loading == failed) {
      loading = null;
    }
  }

  /** Whether the current filter holds more ids than it was sized for (its error rate is rising). */
  public boolean overCapacity() {
    LinkBloomFilter filter = current;
    return filter != null && filter.estimatedSize() > filter.capacity();
  }

  /** Estimated number of links known, or -1 before the first load. */
  public long estimatedSize() {
    LinkBloomFilter filter = current;
    return filter == null ? -1 : filter.estimatedSize();
  }

  /** The capacity of the current filter, or 0 before the first load. */
  public long capacity() {
    LinkBloomFilter filter = current;
    return filter == null ? 0 : filter.capacity();
  }

  /** Memory held by the current filter's bits, in bytes. */
  public long sizeInBytes() {
    LinkBloomFilter filter = current;
    return filter == null ? 0 : filter.sizeInBytes();
  }
}
