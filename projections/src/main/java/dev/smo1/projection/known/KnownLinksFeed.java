package dev.smo1.projection.known;

import dev.smo1.link.known.KnownLinks;
import dev.smo1.link.known.LinkBloomFilter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link KnownLinks} filled from the journal, on one thread of its own: loads
 * every link once at start (retried until the database answers), then polls the events written
 * since, so a link whose change never reached this node over the cluster's topic is known within a
 * poll interval. A filter fuller than its capacity is loaded again at twice the size.
 *
 * <p>Orderings are allocated before their transactions commit, so a lower one can appear after a
 * higher one: the poll keeps a mark below which every ordering has been seen, and re-reads what
 * lies above it. A hole in the orderings older than {@link KnownLinksSettings#gapTimeout} is a
 * write that rolled back and is stepped over.
 */
public final class KnownLinksFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KnownLinksFeed.class);

  /** Orderings re-read after a load: writes in flight while it read cannot be missed. */
  static final long LOAD_OVERLAP = 10_000;

  private static final int PAGE = 10_000;
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private final KnownLinks known;
  private final JournalLinkIds journal;
  private final KnownLinksSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService thread;

  /** Every ordering at or below it has been read (touched by the feed's thread only). */
  private long settled;

  /** First ordering of each hole above the mark, and when it was first seen. */
  private final Map<Long, Long> holesSeenAt = new TreeMap<>();

  private long capacity;
  private int failures;

  public KnownLinksFeed(
      KnownLinks known, JournalLinkIds journal, KnownLinksSettings settings, Clock clock) {
    this.known = known;
    this.journal = journal;
    this.settings = settings;
    this.clock = clock;
    this.capacity = settings.capacity();
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("smo1-known-links").unstarted(runnable));
  }

  /** Registers gauges of the filter's size and capacity. */
  public KnownLinksFeed withMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("smo1_known_links")
        .help(
            "Links this node knows exist (estimated from its membership filter; -1 before loaded)")
        .callback(callback -> callback.call(known.estimatedSize()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("smo1_known_links_capacity")
        .help("Links the membership filter is sized for at its false-positive rate")
        .callback(callback -> callback.call(known.capacity()))
        .register(registry);
    return this;
  }

  public void start() {
    thread.execute(this::load);
  }

  private void load() {
    try {
      loadOnce();
      failures = 0;
      schedulePoll(settings.pollInterval());
    } catch (SQLException | RuntimeException e) {
      Duration retry = backoff();
      log.warn("loading the known links failed; retrying in {}: {}", retry, e.toString());
      thread.schedule(this::load, retry.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Fills a new filter with every link in the journal and makes it the one that answers. */
  void loadOnce() throws SQLException {
    LinkBloomFilter filling = known.beginLoad(capacity, settings.falsePositiveRate());
    try {
      long started = System.nanoTime();
      long mark = journal.lastOrdering();
      long links = journal.eachLink(filling::add);
      known.completeLoad(filling);
      settled = Math.max(0, mark - LOAD_OVERLAP);
      holesSeenAt.clear();
      log.info(
          "known links loaded links={} capacity={} bytes={} in {} ms",
          links,
          capacity,
          filling.sizeInBytes(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException | RuntimeException e) {
      known.abandonLoad(filling);
      throw e;
    }
  }

  /** A filter holding more links than it was sized for is loaded again at twice the size. */
  boolean grewIfFull() throws SQLException {
    if (!known.overCapacity()) {
      return false;
    }
    capacity *= 2;
    log.info("known links exceed the filter's capacity; loading again with capacity={}", capacity);
    loadOnce();
    return true;
  }

  private void schedulePoll(Duration delay) {
    if (!thread.isShutdown()) {
      thread.schedule(this::poll, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void poll() {
    try {
      pollOnce();
      grewIfFull();
      failures = 0;
      schedulePoll(settings.pollInterval());
    } catch (SQLException | RuntimeException e) {
      Duration retry = backoff();
      log.warn("polling the journal for new links failed; retrying in {}: {}", retry, e.toString());
      schedulePoll(retry);
    }
  }

  /** Reads every event above the mark, adds the links, and moves the mark up as far as it can. */
  void pollOnce() throws SQLException {
    long cursor = settled;
    long next = settled + 1;
    boolean contiguous = true;
    long now = clock.millis();
    while (true) {
      var page = new ArrayList<JournalLinkIds.Written>(64);
      journal.writtenAfter(cursor, PAGE, page::add);
      for (var written : page) {
        if (written.linkEntityId() != null) {
          known.add(written.linkEntityId());
        }
        if (contiguous && written.ordering() > next) {
          long firstSeen = holesSeenAt.computeIfAbsent(next, hole -> now);
          if (now - firstSeen >= settings.gapTimeout().toMillis()) {
            holesSeenAt.remove(next); // rolled back: never to be written
            next = written.ordering();
          } else {
            contiguous = false;
          }
        }
        if (contiguous && written.ordering() == next) {
          next++;
        }
        cursor = written.ordering();
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    settled = next - 1;
    holesSeenAt.keySet().removeIf(hole -> hole <= settled);
  }

  long settled() {
    return settled;
  }

  List<Long> holes() {
    return List.copyOf(holesSeenAt.keySet());
  }

  private Duration backoff() {
    failures = Math.min(failures + 1, 10);
    Duration delay = settings.pollInterval().multipliedBy(1L << Math.min(failures, 5));
    return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
