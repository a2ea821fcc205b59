package dev.smo1.clicks;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the consumer-group protocol on the click stream ({@value #GROUP}): reads its
 * own pending entries first (a restart), then claimed entries when due (another consumer held them
 * for over {@code claimIdle}: it died), then new ones; acknowledges, keeps what it holds claimed,
 * trims what every consumer acknowledged and reports the backlog. Blocking Redis calls: the caller
 * runs them on a thread of its own, never on a dispatcher.
 */
final class ClickStreamConsumer implements AutoCloseable {
  static final String GROUP = "smo1-clickhouse";

  /** Dead letters kept at most (about): the oldest go first. */
  static final long DEAD_LETTERS_KEPT = 100_000;

  private static final Logger log = LoggerFactory.getLogger(ClickStreamConsumer.class);
  private static final Duration READ_BLOCK = Duration.ofSeconds(1);
  private static final Duration TRIM_EVERY = Duration.ofSeconds(5);

  /** One stream entry as read: its id, its clicks (none if unreadable or trimmed), how it came. */
  record Entry(String id, List<Click> clicks, boolean redelivered) {}

  private final RedisClient redis;
  private final String consumer;
  private final int readCount;
  private final Duration claimIdle;
  private final Duration claimEvery;
  private final Clock clock;
  private final IngestMetrics metrics;
  private final Consumer<String> me;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final Object trimLock = new Object();

  private StatefulRedisConnection<String, String> readConnection;
  private StatefulRedisConnection<String, String> commandConnection;
  private volatile boolean ownPendingDone;
  private volatile String pendingCursor = "0";
  private volatile Instant nextClaim = Instant.EPOCH;
  private volatile String claimCursor = "0-0";
  private Instant nextTrim = Instant.EPOCH;

  ClickStreamConsumer(
      RedisClient redis,
      ClickSettings.Ingest settings,
      String consumer,
      Clock clock,
      IngestMetrics metrics) {
    this.redis = redis;
    this.consumer = consumer;
    this.readCount = settings.readCount();
    this.claimIdle = settings.claimIdle();
    this.claimEvery = settings.claimEvery();
    this.clock = clock;
    this.metrics = metrics;
    this.me = Consumer.from(GROUP, consumer);
  }

  String name() {
    return consumer;
  }

  /** Connects and makes the group (once for the whole cluster; later calls find it made). */
  synchronized void connect() {
    readConnection = redis.connect();
    commandConnection = redis.connect();
    try {
      commandConnection
          .sync()
          .xgroupCreate(
              XReadArgs.StreamOffset.from(RedisClickStream.STREAM, "0"),
              GROUP,
              XGroupCreateArgs.Builder.mkstream());
    } catch (RedisBusyException exists) {
      // BUSYGROUP: made before, by this node or another
    }
  }

  /** Reads this consumer's own pending entries again from the start (after a restart). */
  void rewind() {
    ownPendingDone = false;
    pendingCursor = "0";
  }

  /** The next entries: own pending first, claimed ones when due, else new (blocking a moment). */
  List<Entry> read() {
    RedisCommands<String, String> commands = readConnection.sync();
    List<Entry> entries = new ArrayList<>();
    if (!ownPendingDone) {
      var pending =
          commands.xreadgroup(
              me,
              XReadArgs.Builder.count(readCount),
              XReadArgs.StreamOffset.from(RedisClickStream.STREAM, pendingCursor));
      pending.forEach(message -> entries.add(entry(message, true)));
      if (!pending.isEmpty()) {
        pendingCursor = pending.getLast().getId();
      }
      ownPendingDone = pending.size() < readCount;
      if (!entries.isEmpty() || !ownPendingDone) {
        return hold(entries);
      }
    }
    Instant now = clock.instant();
    if (!now.isBefore(nextClaim)) {
      var claimed =
          commands.xautoclaim(
              RedisClickStream.STREAM,
              XAutoClaimArgs.Builder.xautoclaim(me, claimIdle, claimCursor).count(readCount));
      claimCursor = claimed.getId();
      if ("0-0".equals(claimCursor)) {
        nextClaim = now.plus(claimEvery);
      }
      if (!claimed.getMessages().isEmpty()) {
        log.info(
            "claimed {} clicks another consumer held for over {}",
            claimed.getMessages().size(),
            claimIdle);
        claimed.getMessages().forEach(message -> entries.add(entry(message, true)));
        return hold(entries);
      }
    }
    commands
        .xreadgroup(
            me,
            XReadArgs.Builder.count(readCount).block(READ_BLOCK),
            XReadArgs.StreamOffset.lastConsumed(RedisClickStream.STREAM))
        .forEach(message -> entries.add(entry(message, false)));
    if (entries.isEmpty()) {
      // idle: what the last acknowledgements left is trimmed, and the backlog gauge stays fresh
      maybeTrim(commands);
    }
    return hold(entries);
  }

  private List<Entry> hold(List<Entry> entries) {
    entries.forEach(entry -> held.add(entry.id()));
    return entries;
  }

  private Entry entry(StreamMessage<String, String> message, boolean redelivered) {
    Map<String, String> body = message.getBody();
    if (body == null || body.isEmpty()) {
      return new Entry(message.getId(), List.of(), redelivered);
    }
    try {
      return new Entry(
          message.getId(),
          RedisClickStream.clicksOf(body),
          redelivered || body.containsKey(RedisClickStream.MAY_BE_STORED_FIELD));
    } catch (RuntimeException unreadable) {
      setAside(message, unreadable);
      return new Entry(message.getId(), List.of(), redelivered);
    }
  }

  /**
   * Copies an entry that cannot be read to the dead-letter stream before it is acknowledged with
   * its batch: it stops no ingest, and nothing of it is lost. Fails the read when Redis refuses
   * (the entry is then read again).
   */
  private void setAside(StreamMessage<String, String> message, RuntimeException unreadable) {
    var fields = new java.util.LinkedHashMap<String, String>(body(message));
    fields.put("dead-letter-entry", message.getId());
    deadLetter(fields, String.valueOf(unreadable.getMessage()));
    metrics.deadLettered.labelValues(IngestMetrics.UNREADABLE).inc();
    log.error(
        "click entry {} cannot be read ({}); set aside in {}",
        message.getId(),
        unreadable.getMessage(),
        RedisClickStream.DEAD_LETTERS);
  }

  /**
   * Sets aside clicks ClickHouse refused for their values: one dead letter in the click stream's
   * own entry format (field {@value RedisClickStream#BATCH_FIELD}, and {@value
   * RedisClickStream#MAY_BE_STORED_FIELD} so that its clicks are looked up first), so that once the
   * cause is fixed it can be added to the stream again as it is. Throws when Redis refuses (the
   * batch is then tried again, its entries still pending).
   */
  void setAsideRefused(List<Click> clicks, String reason) {
    var fields = new java.util.LinkedHashMap<String, String>();
    fields.put(RedisClickStream.BATCH_FIELD, String.join("\n", RedisClickStream.json(clicks)));
    // added to the stream again as it is, its clicks are looked up before they are inserted
    fields.put(RedisClickStream.MAY_BE_STORED_FIELD, "1");
    deadLetter(fields, "refused by ClickHouse: " + reason);
    metrics.deadLettered.labelValues(IngestMetrics.REFUSED).inc(clicks.size());
  }

  private void deadLetter(Map<String, String> fields, String reason) {
    fields.put("dead-letter-reason", reason);
    fields.put("dead-letter-at", clock.instant().toString());
    commandConnection
        .sync()
        .xadd(
            RedisClickStream.DEAD_LETTERS,
            io.lettuce.core.XAddArgs.Builder.maxlen(DEAD_LETTERS_KEPT).approximateTrimming(),
            fields);
  }

  private static Map<String, String> body(StreamMessage<String, String> message) {
    return message.getBody() == null ? Map.of() : message.getBody();
  }

  /** Acknowledges the entries (their clicks are stored) and trims when due. */
  void acknowledge(List<Entry> batch) {
    String[] ids = batch.stream().map(Entry::id).toArray(String[]::new);
    RedisCommands<String, String> commands = commandConnection.sync();
    commands.xack(RedisClickStream.STREAM, GROUP, ids);
    for (String id : ids) {
      held.remove(id);
    }
    maybeTrim(commands);
  }

  /** Trims at most every {@link #TRIM_EVERY}, from whichever thread comes first. */
  private void maybeTrim(RedisCommands<String, String> commands) {
    Instant now = clock.instant();
    synchronized (trimLock) {
      if (now.isBefore(nextTrim)) {
        return;
      }
      nextTrim = now.plus(TRIM_EVERY);
    }
    trim(commands);
  }

  /**
   * Drops entries every consumer has acknowledged: those below the oldest pending one (or up to the
   * last delivered one when none is pending). Entries not delivered yet are above both.
   */
  private void trim(RedisCommands<String, String> commands) {
    try {
      // the group's position first, the pending entries second: whatever is delivered between
      // the two calls lies above the position or is pending, so it is never trimmed
      GroupState group = GroupState.of(commands.xinfoGroups(RedisClickStream.STREAM), GROUP);
      var pending = commands.xpending(RedisClickStream.STREAM, GROUP);
      String below =
          trimBound(
              group.lastId(),
              pending.getCount() > 0 ? pending.getMessageIds().getLower().getValue() : null);
      if (below != null && !"0-0".equals(below)) {
        commands.xtrim(RedisClickStream.STREAM, XTrimArgs.Builder.minId(below));
      }
      metrics.backlog.set(pending.getCount() + group.lag());
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

  /**
   * Keeps entries this consumer holds (read, not yet acknowledged) from looking abandoned: called
   * every {@code claimIdle / 4}, so no other node takes over a batch a live one still inserts.
   */
  void keepHeldClaimed() {
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

  /** Closes the connections and shuts the client down: it was made for this consumer alone. */
  @Override
  public synchronized void close() {
    if (readConnection != null) {
      readConnection.close();
      commandConnection.close();
    }
    redis.shutdown();
  }
}
