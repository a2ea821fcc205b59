package dev.smo1.clicks.live;

import dev.smo1.clicks.Click;
import dev.smo1.clicks.RedisClickStream;
import dev.smo1.clicks.UserAgents;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live clicks, per link, for the dashboard's live view: each node reads the click stream once (one
 * {@code XREAD} loop on a connection of its own, only while someone on this node watches), and
 * hands each click of a watched link to that link's viewers. No ClickHouse query and no Redis read
 * per viewer: a hundred viewers cost what one does.
 *
 * <p>A viewer's queue holds {@value #VIEWER_BUFFER} clicks; a viewer that reads slower loses the
 * oldest (a live view, not a record: the analytics have every click). At most {@code maxViewers}
 * watch on a node at once.
 */
public final class LiveClicks implements LiveClickFeed, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveClicks.class);
  static final int VIEWER_BUFFER = 256;
  private static final Duration READ_BLOCK = Duration.ofSeconds(1);
  private static final int READ_COUNT = 500;

  private final ActorSystem<?> system;
  private final RedisClient client;
  private final Supplier<UserAgents> agents;
  private final int maxViewers;
  private final Map<String, Set<SourceQueueWithComplete<LiveClick>>> viewers =
      new ConcurrentHashMap<>();
  private final AtomicInteger watching = new AtomicInteger();
  private final Object readerLock = new Object();
  private Thread reader;
  private volatile boolean closed;

  public LiveClicks(
      ActorSystem<?> system, RedisClient client, Supplier<UserAgents> agents, int maxViewers) {
    this.system = system;
    this.client = client;
    this.agents = agents;
    this.maxViewers = maxViewers;
  }

  /**
   * The clicks of the link from now on, until the returned source is cancelled; empty when this
   * node has {@code maxViewers} watching already.
   */
  @Override
  public Optional<Source<LiveClick, NotUsed>> watch(String domain, String code) {
    if (watching.incrementAndGet() > maxViewers) {
      watching.decrementAndGet();
      return Optional.empty();
    }
    String key = domain + "/" + code;
    Pair<SourceQueueWithComplete<LiveClick>, Source<LiveClick, NotUsed>> queue =
        Source.<LiveClick>queue(VIEWER_BUFFER, OverflowStrategy.dropHead()).preMaterialize(system);
    viewers.computeIfAbsent(key, ignored -> ConcurrentHashMap.newKeySet()).add(queue.first());
    queue
        .first()
        .watchCompletion()
        .whenComplete(
            (done, error) -> {
              viewers.computeIfPresent(
                  key,
                  (ignored, set) -> {
                    set.remove(queue.first());
                    return set.isEmpty() ? null : set;
                  });
              watching.decrementAndGet();
            });
    startReading();
    return Optional.of(queue.second());
  }

  /** How many watch on this node now. */
  public int viewers() {
    return watching.get();
  }

  /**
   * Starts the reader unless it runs; returns once it knows where the stream ends (a second at
   * most), so every click appended after {@link #watch} returned reaches the new viewer.
   */
  private void startReading() {
    java.util.concurrent.CountDownLatch positioned;
    synchronized (readerLock) {
      if (reader != null && reader.isAlive()) {
        return;
      }
      positioned = new java.util.concurrent.CountDownLatch(1);
      var latch = positioned;
      reader = Thread.ofPlatform().daemon().name("smo1-live-clicks").start(() -> read(latch));
    }
    try {
      positioned.await(READ_BLOCK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the stream from its end while anyone watches; then the thread ends. */
  private void read(java.util.concurrent.CountDownLatch positioned) {
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      var commands = connection.sync();
      // the newest entry's id now: what comes after it is news ('$' would be taken per read)
      var newest =
          commands.xrevrange(
              RedisClickStream.STREAM,
              io.lettuce.core.Range.unbounded(),
              io.lettuce.core.Limit.from(1));
      String last = newest.isEmpty() ? "0-0" : newest.getFirst().getId();
      positioned.countDown();
      while (!closed) {
        synchronized (readerLock) {
          if (watching.get() == 0) {
            reader = null;
            return;
          }
        }
        List<StreamMessage<String, String>> messages =
            commands.xread(
                XReadArgs.Builder.count(READ_COUNT).block(READ_BLOCK),
                XReadArgs.StreamOffset.from(RedisClickStream.STREAM, last));
        if (messages == null) {
          continue;
        }
        for (StreamMessage<String, String> message : messages) {
          last = message.getId();
          hand(message.getBody());
        }
      }
    } catch (RuntimeException e) {
      positioned.countDown();
      log.warn("live clicks stopped reading the click stream: {}", e.toString());
      synchronized (readerLock) {
        reader = null;
      }
      // the next viewer starts it again; the ones watching now see no more clicks
      viewers.values().forEach(set -> set.forEach(SourceQueueWithComplete::complete));
    }
  }

  private void hand(Map<String, String> entry) {
    List<Click> clicks;
    try {
      clicks = RedisClickStream.clicksOf(entry);
    } catch (IllegalArgumentException unreadable) {
      return;
    }
    for (Click click : clicks) {
      var watchers = viewers.get(click.domain() + "/" + click.code());
      if (watchers == null || watchers.isEmpty()) {
        continue;
      }
      var live = LiveClick.of(click, agents.get().read(click.userAgent()));
      watchers.forEach(queue -> queue.offer(live));
    }
  }

  @Override
  public void close() {
    closed = true;
    viewers.values().forEach(set -> set.forEach(SourceQueueWithComplete::complete));
  }
}
