package dev.smo1.projection.clicks;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves clicks from the durable buffer ({@link RedisClickStream}) into ClickHouse, on every node,
 * at least once and without duplicates (decision 0007). A Pekko stream per node:
 *
 * <ol>
 *   <li>reads entries as member of the consumer group {@value #GROUP}: first those this consumer
 *       was given before and never acknowledged (a restart), then new ones; every {@code
 *       claimEvery} it also claims entries another consumer has held for longer than {@code
 *       claimIdle} (that consumer died);
 *   <li>batches them by count and time (large, infrequent inserts, as ClickHouse recommends);
 *   <li>enriches each click (its link's owner, the parsed user agent, UTM, referrer host);
 *   <li>inserts the batch (JSONEachRow, one query id per batch) and only then acknowledges its
 *       entries; an insert that failed is retried with backoff, without end, holding the batch: the
 *       stream back-pressures, so memory stays bounded by about two batches while ClickHouse is
 *       down, and the backlog waits in Redis.
 * </ol>
 *
 * <p>Entries delivered again (read from this consumer's own pending list, claimed from another
 * consumer, or a batch whose insert failed and may still have landed) are first looked up by event
 * id in ClickHouse, and only the missing ones are inserted; the rollups of those found stored are
 * mended ({@link RollupRepair}: an insert cut between table and views stored them without their
 * rollup rows). Every insert runs under {@link RollupRepair#inserting}. While a batch waits, its
 * entries are claimed again by this consumer every {@code claimIdle / 4}, so no other node takes
 * them over from a live one. Acknowledged entries are trimmed from the stream.
 */
public final class ClickIngest implements AutoCloseable {
  public static final String GROUP = "smo1-clickhouse";
  static final String TABLE = "clicks";
  private static final Logger log = LoggerFactory.getLogger(ClickIngest.class);
  private static final Duration READ_BLOCK = Duration.ofSeconds(1);
  private static final Duration TRIM_EVERY = Duration.ofSeconds(5);

  /** How the consumer reads, batches, claims and retries. */
  public record Settings(
      String consumer,
      int readCount,
      int batchSize,
      Duration batchWindow,
      Duration claimIdle,
      Duration claimEvery,
      Duration retryMin,
      Duration retryMax) {}

  /** One stream entry as read: its id, its clicks (none if unreadable or trimmed), how it came. */
  record Entry(String id, List<Click> clicks, boolean redelivered) {}

  private final RedisClient redis;
  private final ClickHouseAccess clickHouse;
  private final LinkOwners owners;
  private final RollupRepair rollups;
  private final Supplier<UserAgents> userAgents;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<String> me;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final ExecutorService reader;
  private final ExecutorService writer;
  private final ScheduledExecutorService heartbeat;
  private final Counter inserted;
  private final Counter skipped;
  private final Counter failures;
  private final Gauge backlog;

  private StatefulRedisConnection<String, String> readConnection;
  private StatefulRedisConnection<String, String> commandConnection;
  private volatile boolean ownPendingDone;
  private volatile Instant nextClaim = Instant.EPOCH;
  private final Object trimLock = new Object();
  private Instant nextTrim = Instant.EPOCH;
  private volatile String claimCursor = "0-0";
  private volatile String pendingCursor = "0";
  private volatile boolean stopping;
  private UniqueKillSwitch killSwitch;
  private CompletableFuture<Done> done;

  public ClickIngest(
      RedisClient redis,
      ClickHouseAccess clickHouse,
      LinkOwners owners,
      RollupRepair rollups,
      Supplier<UserAgents> userAgents,
      Settings settings,
      Clock clock,
      PrometheusRegistry registry) {
    this.redis = redis;
    this.clickHouse = clickHouse;
    this.owners = owners;
    this.rollups = rollups;
    this.userAgents = userAgents;
    this.settings = settings;
    this.clock = clock;
    this.me = Consumer.from(GROUP, settings.consumer());
    this.reader =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("click-read").factory());
    this.writer =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("click-insert").factory());
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("click-claim").daemon().factory());
    this.inserted =
        Counter.builder()
            .name("smo1_clicks_inserted_total")
            .help("Clicks inserted into ClickHouse by this node")
            .register(registry);
    this.skipped =
        Counter.builder()
            .name("smo1_clicks_redelivered_skipped_total")
            .help("Clicks delivered again that ClickHouse already held, so not inserted again")
            .register(registry);
    this.failures =
        Counter.builder()
            .name("smo1_clicks_insert_failures_total")
            .help("Failed attempts to insert a batch of clicks (each is retried)")
            .register(registry);
    this.backlog =
        Gauge.builder()
            .name("smo1_clicks_backlog")
            .help("Clicks in the buffer not yet in ClickHouse (pending plus not yet read)")
            .register(registry);
  }

  /** Starts the stream; it runs until {@link #close()}, restarting with backoff after failures. */
  public synchronized void start(ActorSystem<?> system) {
    readConnection = redis.connect();
    commandConnection = redis.connect();
    createGroup(commandConnection.sync());
    long beat = Math.max(1_000, settings.claimIdle().toMillis() / 4);
    heartbeat.scheduleWithFixedDelay(this::keepHeldClaimed, beat, beat, TimeUnit.MILLISECONDS);
    var restart =
        RestartSettings.create(settings.retryMin(), settings.retryMax(), 0.2)
            .withMaxRestarts(Integer.MAX_VALUE, settings.retryMax());
    var running =
        RestartSource.onFailuresWithBackoff(restart, this::pipeline)
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .run(system);
    killSwitch = running.first();
    done = running.second().toCompletableFuture();
  }

  private static void createGroup(RedisCommands<String, String> redis) {
    try {
      redis.xgroupCreate(
          XReadArgs.StreamOffset.from(RedisClickStream.STREAM, "0"),
          GROUP,
          XGroupCreateArgs.Builder.mkstream());
    } catch (RedisBusyException exists) {
      // BUSYGROUP: made before, by this node or another
    }
  }

  /** One run of the stream; after a failure it starts again from this consumer's pending list. */
  private Source<Integer, NotUsed> pipeline() {
    if (stopping) {
      return Source.empty();
    }
    ownPendingDone = false;
    pendingCursor = "0";
    return Source.repeat(NotUsed.getInstance())
        .mapAsync(1, tick -> CompletableFuture.supplyAsync(this::read, reader))
        .takeWhile(entries -> !stopping)
        .mapConcat(entries -> entries)
        .groupedWeightedWithin(
            settings.batchSize(),
            entry -> (long) Math.max(1, entry.clicks().size()),
            settings.batchWindow())
        .mapAsync(1, batch -> CompletableFuture.supplyAsync(() -> store(batch), writer));
  }

  /** The next entries: own pending first, claimed ones when due, else new (blocking a moment). */
  private List<Entry> read() {
    RedisCommands<String, String> redis = readConnection.sync();
    List<Entry> entries = new ArrayList<>();
    if (!ownPendingDone) {
      var pending =
          redis.xreadgroup(
              me,
              XReadArgs.Builder.count(settings.readCount()),
              XReadArgs.StreamOffset.from(RedisClickStream.STREAM, pendingCursor));
      pending.forEach(message -> entries.add(entry(message, true)));
      if (!pending.isEmpty()) {
        pendingCursor = pending.getLast().getId();
      }
      ownPendingDone = pending.size() < settings.readCount();
      if (!entries.isEmpty() || !ownPendingDone) {
        return hold(entries);
      }
    }
    Instant now = clock.instant();
    if (!now.isBefore(nextClaim)) {
      var claimed =
          redis.xautoclaim(
              RedisClickStream.STREAM,
              XAutoClaimArgs.Builder.xautoclaim(me, settings.claimIdle(), claimCursor)
                  .count(settings.readCount()));
      claimCursor = claimed.getId();
      if ("0-0".equals(claimCursor)) {
        nextClaim = now.plus(settings.claimEvery());
      }
      if (!claimed.getMessages().isEmpty()) {
        log.info(
            "claimed {} clicks another consumer held for over {}",
            claimed.getMessages().size(),
            settings.claimIdle());
        claimed.getMessages().forEach(message -> entries.add(entry(message, true)));
        return hold(entries);
      }
    }
    redis
        .xreadgroup(
            me,
            XReadArgs.Builder.count(settings.readCount()).block(READ_BLOCK),
            XReadArgs.StreamOffset.lastConsumed(RedisClickStream.STREAM))
        .forEach(message -> entries.add(entry(message, false)));
    if (entries.isEmpty()) {
      // idle: what the last acknowledgements left is trimmed, and the backlog gauge stays fresh
      maybeTrim(redis);
    }
    return hold(entries);
  }

  private List<Entry> hold(List<Entry> entries) {
    entries.forEach(entry -> held.add(entry.id()));
    return entries;
  }

  private static Entry entry(StreamMessage<String, String> message, boolean redelivered) {
    Map<String, String> body = message.getBody();
    if (body == null || body.isEmpty()) {
      return new Entry(message.getId(), List.of(), redelivered);
    }
    try {
      return new Entry(message.getId(), RedisClickStream.clicksOf(body), redelivered);
    } catch (IllegalArgumentException unreadable) {
      log.error("dropping unreadable click entry {}: {}", message.getId(), unreadable.getMessage());
      return new Entry(message.getId(), List.of(), redelivered);
    }
  }

  /** Inserts what ClickHouse does not hold yet, then acknowledges every entry of the batch. */
  private int store(List<Entry> batch) {
    List<Click> clicks = batch.stream().flatMap(entry -> entry.clicks().stream()).toList();
    var rows = new ClickRows(owners, userAgents, clock);
    String queryId =
        RollupRepair.INSERT_QUERY_PREFIX + settings.consumer() + "-" + batch.getFirst().id();
    boolean maybeThere = batch.stream().anyMatch(Entry::redelivered);
    long backoff = settings.retryMin().toMillis();
    int stored = 0;
    List<ClickRow> built = null;
    while (!clicks.isEmpty()) {
      try {
        if (built == null) {
          // owners and user agents once per batch, not again on every retry of its insert
          built = rows.of(clicks);
        }
        List<ClickRow> toInsert = built;
        List<ClickRow> storedBefore = List.of();
        if (maybeThere) {
          Set<String> there = rows.alreadyStored(clickHouse, toInsert);
          if (!there.isEmpty()) {
            storedBefore =
                toInsert.stream()
                    .filter(row -> there.contains(row.click().id().toString()))
                    .toList();
            toInsert =
                toInsert.stream()
                    .filter(row -> !there.contains(row.click().id().toString()))
                    .toList();
          }
        }
        if (!toInsert.isEmpty()) {
          byte[] lines = ClickRows.jsonLines(toInsert);
          rollups.inserting(
              () -> clickHouse.insertJsonRows(TABLE, lines, queryId).get(5, TimeUnit.MINUTES));
          inserted.inc(toInsert.size());
        }
        // rows stored before may have reached the raw table without their rollups
        rollups.mend(storedBefore);
        skipped.inc(storedBefore.size());
        stored = toInsert.size();
        break;
      } catch (Exception e) {
        if (stopping) {
          throw new IllegalStateException("stopping with a batch not stored", e);
        }
        failures.inc();
        // the insert may have landed although it failed (a timeout): look before the next try
        maybeThere = true;
        log.warn(
            "inserting {} clicks into ClickHouse failed ({}); trying again in {} ms",
            clicks.size(),
            e.toString(),
            backoff);
        sleep(backoff);
        backoff = Math.min(settings.retryMax().toMillis(), backoff * 2);
      }
    }
    acknowledge(batch);
    return stored;
  }

  private void acknowledge(List<Entry> batch) {
    String[] ids = batch.stream().map(Entry::id).toArray(String[]::new);
    RedisCommands<String, String> redis = commandConnection.sync();
    redis.xack(RedisClickStream.STREAM, GROUP, ids);
    for (String id : ids) {
      held.remove(id);
    }
    maybeTrim(redis);
  }

  /** Trims at most every {@link #TRIM_EVERY}, from whichever thread comes first. */
  private void maybeTrim(RedisCommands<String, String> redis) {
    Instant now = clock.instant();
    synchronized (trimLock) {
      if (now.isBefore(nextTrim)) {
        return;
      }
      nextTrim = now.plus(TRIM_EVERY);
    }
    trim(redis);
  }

  /**
   * Drops entries every consumer has acknowledged: those below the oldest pending one (or up to the
   * last delivered one when none is pending). Entries not delivered yet are above both.
   */
  private void trim(RedisCommands<String, String> redis) {
    try {
      // the group's position first, the pending entries second: whatever is delivered between
      // the two calls lies above the position or is pending, so it is never trimmed
      GroupState group = GroupState.of(redis.xinfoGroups(RedisClickStream.STREAM), GROUP);
      var pending = redis.xpending(RedisClickStream.STREAM, GROUP);
      String below =
          trimBound(
              group.lastId(),
              pending.getCount() > 0 ? pending.getMessageIds().getLower().getValue() : null);
      if (below != null && !"0-0".equals(below)) {
        redis.xtrim(RedisClickStream.STREAM, XTrimArgs.Builder.minId(below));
      }
      backlog.set(pending.getCount() + group.lag());
    } catch (RuntimeException e) {
      log.warn("trimming the click stream failed: {}", e.toString());
    }
  }

  /**
   * The lowest id to keep: the group's last delivered id as read <em>before</em> the pending
   * entries, or the lowest pending id when that is lower. Every entry below it was delivered before
   * the position was read and was not pending afterwards, so it was acknowledged.
   */
  static String trimBound(String lastDelivered, String lowestPending) {
    if (lastDelivered == null || lowestPending == null) {
      return lowestPending == null ? lastDelivered : lowestPending;
    }
    return compareIds(lowestPending, lastDelivered) < 0 ? lowestPending : lastDelivered;
  }

  /** Orders stream ids ({@code <millis>-<sequence>}) as Redis does. */
  static int compareIds(String a, String b) {
    int dashA = a.indexOf('-');
    int dashB = b.indexOf('-');
    int byTime =
        Long.compareUnsigned(
            Long.parseUnsignedLong(a.substring(0, dashA)),
            Long.parseUnsignedLong(b.substring(0, dashB)));
    return byTime != 0
        ? byTime
        : Long.compareUnsigned(
            Long.parseUnsignedLong(a.substring(dashA + 1)),
            Long.parseUnsignedLong(b.substring(dashB + 1)));
  }

  /** Keeps entries this consumer holds (read, not yet acknowledged) from looking abandoned. */
  private void keepHeldClaimed() {
    try {
      List<String> ids = new ArrayList<>(held);
      for (int from = 0; from < ids.size(); from += 1_000) {
        commandConnection
            .sync()
            .xclaim(
                RedisClickStream.STREAM,
                me,
                XClaimArgs.Builder.justid(),
                ids.subList(from, Math.min(ids.size(), from + 1_000)).toArray(String[]::new));
      }
    } catch (RuntimeException e) {
      log.warn("renewing the claim on held clicks failed: {}", e.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The consumer group's last delivered id and lag, from {@code XINFO GROUPS}. */
  record GroupState(String lastId, long lag) {
    static GroupState of(List<Object> groups, String name) {
      for (Object group : groups) {
        if (group instanceof List<?> fields) {
          String lastId = null;
          long lag = 0;
          boolean ours = false;
          for (int i = 0; i + 1 < fields.size(); i += 2) {
            String key = String.valueOf(fields.get(i));
            Object value = fields.get(i + 1);
            switch (key) {
              case "name" -> ours = name.equals(String.valueOf(value));
              case "last-delivered-id" -> lastId = String.valueOf(value);
              case "lag" -> lag = value instanceof Long number ? number : 0;
              default -> {}
            }
          }
          if (ours) {
            return new GroupState(lastId, lag);
          }
        }
      }
      return new GroupState(null, 0);
    }
  }

  /** Stops reading, lets the batch under way finish (or stay pending), and closes. */
  @Override
  public synchronized void close() {
    stopping = true;
    if (killSwitch != null) {
      try {
        // reading stops within a second; the batch under way is inserted and acknowledged
        done.get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("click ingest did not stop in time ({}); its batch stays pending", e.toString());
        killSwitch.abort(e);
      }
    }
    heartbeat.shutdownNow();
    reader.shutdownNow();
    writer.shutdownNow();
    if (readConnection != null) {
      readConnection.close();
      commandConnection.close();
    }
  }
}
