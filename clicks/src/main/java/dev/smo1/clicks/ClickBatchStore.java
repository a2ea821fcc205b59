package dev.smo1.clicks;

import dev.smo1.clicks.LinkOwners.LinkKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a batch of clicks in ClickHouse exactly once, however often it is delivered: the clicks of
 * a batch that may have been stored before (delivered again, or whose insert failed and may still
 * have landed) are first looked up by event id and only the missing ones are inserted; the rollups
 * of those found stored are mended ({@link RollupRepair}). A failed attempt is tried again with
 * backoff on Pekko's scheduler, without end while the node runs: the stream holding the batch
 * back-pressures meanwhile. Blocking calls run on {@code writer}, a thread of the ingest's own.
 */
final class ClickBatchStore {
  static final String TABLE = "clicks";
  private static final Logger log = LoggerFactory.getLogger(ClickBatchStore.class);

  private final ClickHouseAccess clickHouse;
  private final LinkOwners owners;
  private final RollupRepair rollups;
  private final ClickRows rows;
  private final ClickSettings.Ingest settings;
  private final IngestMetrics metrics;
  private final ClassicActorSystemProvider system;
  private final Executor writer;
  private final BooleanSupplier stopping;
  private final DeadLetters deadLetters;

  /** Where clicks ClickHouse refuses for their values are set aside, with the server's reason. */
  interface DeadLetters {
    /** Writes them durably before it returns; throws when it cannot (the batch is retried). */
    void setAside(List<Click> clicks, String reason);
  }

  /**
   * ClickHouse refuses every click it is given: {@value #REFUSED_IN_A_ROW} in a row, across
   * batches, with none inserted since, and a probe of another click of the batch refused too. The
   * table refuses them all (a schema or view out of step with the rows), not a few poisoned ones:
   * they wait in the buffer, retried like an outage, rather than all go to the dead letters.
   */
  static final class AllRefused extends IllegalStateException {
    AllRefused(int clicks, String reason) {
      super("ClickHouse refused every one of " + clicks + " clicks: " + reason);
    }
  }

  /**
   * This many single clicks refused in a row (across batches), with none inserted in between, makes
   * the next refusal probe another click of the batch, and {@link AllRefused} if that is refused
   * too: a few poisoned clicks are set aside, a table that refuses every click is waited for.
   */
  static final int REFUSED_IN_A_ROW = 16;

  /** Clicks of the batch tried alone when ClickHouse seems to refuse every click. */
  static final int PROBES = 4;

  /** Single clicks refused since a click was last inserted (on the writer thread only). */
  private int refusedInARow;

  ClickBatchStore(
      ClickHouseAccess clickHouse,
      LinkOwners owners,
      RollupRepair rollups,
      ClickRows rows,
      ClickSettings.Ingest settings,
      IngestMetrics metrics,
      ClassicActorSystemProvider system,
      Executor writer,
      BooleanSupplier stopping,
      DeadLetters deadLetters) {
    this.clickHouse = clickHouse;
    this.owners = owners;
    this.rollups = rollups;
    this.rows = rows;
    this.settings = settings;
    this.metrics = metrics;
    this.system = system;
    this.writer = writer;
    this.stopping = stopping;
    this.deadLetters = deadLetters;
  }

  /**
   * Completes with the number of clicks inserted now once every click is in ClickHouse; fails only
   * when the node stops with the batch not stored (its entries then stay pending in the buffer).
   */
  CompletionStage<Integer> store(List<Click> clicks, boolean maybeStored, String queryId) {
    if (clicks.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    var attempt = new Attempt(onceEach(clicks), maybeStored, queryId);
    return Patterns.retry(
        attempt::run,
        (stored, failure) -> failure != null && !stopping.getAsBoolean(),
        Integer.MAX_VALUE,
        settings.retryMin(),
        settings.retryMax(),
        0.2,
        system);
  }

  /**
   * The clicks, each id once: the stream holds each click once (the buffer's append skips ids it
   * has seen), but an entry added again by hand (a replayed dead letter) may meet its twin in the
   * same batch, which no lookup of stored rows would catch.
   */
  static List<Click> onceEach(List<Click> clicks) {
    var seen = new java.util.HashSet<java.util.UUID>(clicks.size() * 2);
    List<Click> once = new java.util.ArrayList<>(clicks.size());
    for (Click click : clicks) {
      if (seen.add(click.id())) {
        once.add(click);
      }
    }
    return once.size() == clicks.size() ? clicks : once;
  }

  /**
   * What an attempt (or part of one) did: how many clicks it inserted, the rows it found stored
   * before, and the rows ClickHouse refused for their values, each with the server's reason.
   */
  private record Inserted(int count, List<ClickRow> storedBefore, List<Refused> refused) {
    Inserted plus(Inserted other) {
      return new Inserted(
          count + other.count,
          concat(storedBefore, other.storedBefore),
          concat(refused, other.refused));
    }

    int stored() {
      return count + storedBefore.size();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      return a.isEmpty()
          ? b
          : b.isEmpty() ? a : java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
  }

  private record Refused(ClickRow row, String reason) {}

  /** One batch's attempts; what they learn (rows built, maybe stored) carries over. */
  private final class Attempt {
    private final List<Click> clicks;
    private final String queryId;
    private volatile boolean maybeStored;
    private volatile List<ClickRow> built;

    Attempt(List<Click> clicks, boolean maybeStored, String queryId) {
      this.clicks = clicks;
      this.maybeStored = maybeStored;
      this.queryId = queryId;
    }

    CompletionStage<Integer> run() {
      CompletionStage<List<ClickRow>> ready =
          built != null ? CompletableFuture.completedFuture(built) : build();
      return ready
          .thenApplyAsync(this::insertSettingAside, writer)
          // rows stored before may have reached the raw table without their rollups
          .thenCompose(
              inserted ->
                  rollups
                      .mend(inserted.storedBefore())
                      .thenApply(
                          added -> {
                            metrics.skipped.inc(inserted.storedBefore().size());
                            return inserted.count();
                          }))
          .whenComplete(
              (stored, failure) -> {
                if (failure != null) {
                  metrics.failures.inc();
                  // the insert may have landed although it failed (a timeout): look first next time
                  maybeStored = true;
                  log.warn(
                      "inserting {} clicks into ClickHouse failed ({}); trying again",
                      clicks.size(),
                      failure.toString());
                }
              });
    }

    /**
     * Owners and user agents once per batch, not again on every retry of its insert. The owners
     * come from the journal ({@link LinkOwners}), which has every link a click can be of: no click
     * waits for the read model, and none is stored without its link's owner.
     */
    private CompletionStage<List<ClickRow>> build() {
      Set<LinkKey> links = ClickRows.linksOf(clicks);
      return CompletableFuture.supplyAsync(() -> lookUp(links), writer)
          .thenApply(
              found -> {
                if (found.size() < links.size()) {
                  log.warn(
                      "{} clicked codes are no link's; their clicks are stored under owner {}",
                      links.size() - found.size(),
                      LinkOwners.NO_LINK);
                }
                built = rows.of(clicks, found);
                return built;
              });
    }

    private Map<LinkKey, String> lookUp(Set<LinkKey> links) {
      try {
        return owners.owners(links);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("looking up the owners of clicked links failed", e);
      }
    }

    /**
     * Inserts the rows; when ClickHouse refuses them for their values, narrows the refusal down by
     * halves to the single clicks that cause it and sets those aside, so a few poisoned clicks
     * never hold up the rest. A batch refused whole waits instead ({@link AllRefused}).
     */
    private Inserted insertSettingAside(List<ClickRow> rowsOfBatch) {
      Inserted inserted =
          insertOrNarrow(rowsOfBatch, maybeStored, queryId, new Narrowing(rowsOfBatch));
      List<Refused> refused = inserted.refused();
      if (refused.isEmpty()) {
        return inserted;
      }
      var byReason = new java.util.LinkedHashMap<String, List<Click>>();
      refused.forEach(
          refusal ->
              byReason
                  .computeIfAbsent(refusal.reason(), reason -> new java.util.ArrayList<>())
                  .add(refusal.row().click()));
      byReason.forEach(
          (reason, clicks) -> {
            deadLetters.setAside(clicks, reason);
            log.error(
                "ClickHouse refused {} of {} clicks ({}); set aside as dead letters, the rest"
                    + " stored",
                clicks.size(),
                rowsOfBatch.size(),
                reason);
          });
      return new Inserted(inserted.count(), inserted.storedBefore(), List.of());
    }

    /**
     * One insert of {@code rows}; if ClickHouse refuses it for the rows' values, the two halves
     * each on their own (depth first), down to single clicks, which are then the refused ones.
     * Parts after a refusal look for rows stored before: a refused insert may have reached the
     * table before a view refused it.
     */
    private Inserted insertOrNarrow(
        List<ClickRow> rows, boolean lookFirst, String id, Narrowing narrowing) {
      try {
        return inserted(insertMissing(rows, lookFirst, id), narrowing);
      } catch (RuntimeException failure) {
        var reason = ClickHouseRefusals.rowsRefused(failure);
        if (reason.isEmpty()) {
          throw failure;
        }
        if (rows.size() == 1) {
          return refusedAlone(rows.getFirst(), reason.get(), id, narrowing);
        }
        int half = rows.size() / 2;
        return insertOrNarrow(rows.subList(0, half), true, id + "-a", narrowing)
            .plus(insertOrNarrow(rows.subList(half, rows.size()), true, id + "-b", narrowing));
      }
    }

    private Inserted inserted(Inserted inserted, Narrowing narrowing) {
      if (inserted.count() > 0) {
        refusedInARow = 0;
        narrowing.proven = true;
      }
      return inserted;
    }

    /**
     * A single click refused: stored all the same when a view refused it after the table took it
     * (then only its rollups are mended), else set aside, unless ClickHouse seems to refuse every
     * click ({@link #REFUSED_IN_A_ROW}): then another click of the batch, its last, is tried alone,
     * and if that is refused too, the batch waits ({@link AllRefused}).
     */
    private Inserted refusedAlone(ClickRow row, String reason, String id, Narrowing narrowing) {
      if (isStored(row)) {
        return new Inserted(0, List.of(row), List.of());
      }
      if (++refusedInARow >= REFUSED_IN_A_ROW && !narrowing.proven) {
        probe(row, reason, id, narrowing);
      }
      return new Inserted(0, List.of(), List.of(new Refused(row, reason)));
    }

    /**
     * Tries one of the batch's last clicks alone (not {@code refused}, not stored already; at most
     * {@value #PROBES}): inserted, the batch is proven and narrowing goes on; refused, or none to
     * try, ClickHouse refuses every click ({@link AllRefused}).
     */
    private void probe(ClickRow refused, String reason, String id, Narrowing narrowing) {
      int tried = 0;
      for (int k = narrowing.batch.size() - 1; k >= 0 && tried < PROBES; k--) {
        ClickRow candidate = narrowing.batch.get(k);
        if (candidate == refused) {
          continue;
        }
        tried++;
        try {
          if (inserted(insertMissing(List.of(candidate), true, id + "-probe" + tried), narrowing)
                  .count()
              > 0) {
            return;
          }
        } catch (RuntimeException failure) {
          if (ClickHouseRefusals.rowsRefused(failure).isPresent()) {
            throw new AllRefused(refusedInARow, reason);
          }
          throw failure;
        }
      }
      throw new AllRefused(refusedInARow, reason);
    }

    private boolean isStored(ClickRow row) {
      try {
        return !rows.alreadyStored(clickHouse, List.of(row)).isEmpty();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** What narrowing one batch down has shown: whether ClickHouse took any of its clicks. */
    private static final class Narrowing {
      final List<ClickRow> batch;
      boolean proven;

      Narrowing(List<ClickRow> batch) {
        this.batch = batch;
      }
    }

    private Inserted insertMissing(List<ClickRow> rowsOfBatch, boolean lookFirst, String id) {
      try {
        List<ClickRow> toInsert = rowsOfBatch;
        List<ClickRow> storedBefore = List.of();
        if (lookFirst) {
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
              () -> clickHouse.insertJsonRows(TABLE, lines, id).get(5, TimeUnit.MINUTES));
          metrics.inserted.inc(toInsert.size());
          metrics.withoutLink.inc(
              toInsert.stream().filter(row -> row.owner().equals(LinkOwners.NO_LINK)).count());
        }
        return new Inserted(toInsert.size(), storedBefore, List.of());
      } catch (RuntimeException e) {
        throw e;
      } catch (java.util.concurrent.ExecutionException e) {
        // the client's own exception, so that a refusal keeps its ClickHouse error code
        throw e.getCause() instanceof RuntimeException cause
            ? cause
            : new IllegalStateException(e.getCause());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
