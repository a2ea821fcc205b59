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

  ClickBatchStore(
      ClickHouseAccess clickHouse,
      LinkOwners owners,
      RollupRepair rollups,
      ClickRows rows,
      ClickSettings.Ingest settings,
      IngestMetrics metrics,
      ClassicActorSystemProvider system,
      Executor writer,
      BooleanSupplier stopping) {
    this.clickHouse = clickHouse;
    this.owners = owners;
    this.rollups = rollups;
    this.rows = rows;
    this.settings = settings;
    this.metrics = metrics;
    this.system = system;
    this.writer = writer;
    this.stopping = stopping;
  }

  /**
   * Completes with the number of clicks inserted now once every click is in ClickHouse; fails only
   * when the node stops with the batch not stored (its entries then stay pending in the buffer).
   */
  CompletionStage<Integer> store(List<Click> clicks, boolean maybeStored, String queryId) {
    if (clicks.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    var attempt = new Attempt(clicks, maybeStored, queryId);
    return Patterns.retry(
        attempt::run,
        (stored, failure) -> failure != null && !stopping.getAsBoolean(),
        Integer.MAX_VALUE,
        settings.retryMin(),
        settings.retryMax(),
        0.2,
        system);
  }

  /** How many clicks an attempt inserted, and the rows it found stored before. */
  private record Inserted(int count, List<ClickRow> storedBefore) {}

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
          .thenApplyAsync(this::insertMissing, writer)
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

    private Inserted insertMissing(List<ClickRow> rowsOfBatch) {
      try {
        List<ClickRow> toInsert = rowsOfBatch;
        List<ClickRow> storedBefore = List.of();
        if (maybeStored) {
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
          metrics.inserted.inc(toInsert.size());
          metrics.withoutLink.inc(
              toInsert.stream().filter(row -> row.owner().equals(LinkOwners.NO_LINK)).count());
        }
        return new Inserted(toInsert.size(), storedBefore);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
