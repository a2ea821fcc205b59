package dev.smo1.clicks.analytics;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the analytics reports one workspace has under way on this node: at most {@code running}
 * query ClickHouse at once, up to {@code waiting} more wait their turn in order, and any beyond
 * that fail at once with {@link AnalyticsUnavailableException.Reason#BUSY} (the API answers 429).
 * So one workspace's burst of reports cannot take all of the analytics user's ClickHouse
 * concurrency ({@code max_concurrent_queries_for_user}, cluster-wide) from the others; ingest runs
 * as another user and is never queued here.
 */
public final class WorkspaceLimitedReports implements ClickReports {
  private final ClickReports reports;
  private final int running;
  private final int waiting;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  public WorkspaceLimitedReports(ClickReports reports, int running, int waiting) {
    if (running < 1 || waiting < 0) {
      throw new IllegalArgumentException("running must be at least 1 and waiting at least 0");
    }
    this.reports = reports;
    this.running = running;
    this.waiting = waiting;
  }

  /** Exports one workspace may have streaming on this node at once. */
  static final int EXPORTS = 2;

  private final Map<String, java.util.concurrent.atomic.AtomicInteger> exports =
      new ConcurrentHashMap<>();

  /**
   * At most {@value #EXPORTS} exports of a workspace stream at once on this node (each holds a
   * ClickHouse query until its stream is closed); more fail at once as {@code BUSY}.
   */
  @Override
  public CompletionStage<java.io.InputStream> export(ClickExport query) {
    var count =
        exports.computeIfAbsent(
            query.owner(), owner -> new java.util.concurrent.atomic.AtomicInteger());
    if (count.incrementAndGet() > EXPORTS) {
      count.decrementAndGet();
      return CompletableFuture.failedFuture(
          new AnalyticsUnavailableException(
              AnalyticsUnavailableException.Reason.BUSY,
              "this workspace has "
                  + EXPORTS
                  + " click exports under way on this node; retry once one ends",
              null));
    }
    var released = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            count.decrementAndGet();
          }
        };
    CompletionStage<java.io.InputStream> stream;
    try {
      stream = reports.export(query);
    } catch (RuntimeException e) {
      stream = CompletableFuture.failedFuture(e);
    }
    return stream.handle(
        (opened, error) -> {
          if (error != null) {
            release.run();
            throw error instanceof java.util.concurrent.CompletionException completion
                ? completion
                : new java.util.concurrent.CompletionException(error);
          }
          return new java.io.FilterInputStream(opened) {
            @Override
            public void close() throws java.io.IOException {
              try {
                super.close();
              } finally {
                release.run();
              }
            }
          };
        });
  }

  @Override
  public CompletionStage<AnalyticsReport> report(AnalyticsQuery query) {
    var turn = new Turn(query);
    Lane lane;
    boolean now;
    while (true) {
      lane = lanes.computeIfAbsent(query.owner(), owner -> new Lane());
      synchronized (lane) {
        if (lane.retired) {
          continue; // emptied and removed meanwhile: take the owner's new lane
        }
        if (lane.running < running) {
          lane.running++;
          now = true;
        } else if (lane.waiting.size() < waiting) {
          lane.waiting.add(turn);
          now = false;
        } else {
          return CompletableFuture.failedFuture(
              new AnalyticsUnavailableException(
                  AnalyticsUnavailableException.Reason.BUSY,
                  "this workspace has "
                      + (running + waiting)
                      + " analytics reports under way on this node; retry in a moment",
                  null));
        }
      }
      break;
    }
    if (now) {
      start(query.owner(), lane, turn);
    }
    return turn.result;
  }

  /** Runs a report whose turn it is; when it ends, the next waiting one of its lane starts. */
  private void start(String owner, Lane lane, Turn turn) {
    CompletionStage<AnalyticsReport> report;
    try {
      report = reports.report(turn.query);
    } catch (RuntimeException e) {
      report = CompletableFuture.failedFuture(e);
    }
    report.whenComplete(
        (done, failure) -> {
          Turn next;
          synchronized (lane) {
            next = lane.waiting.poll();
            if (next == null) {
              lane.running--;
              if (lane.running == 0) {
                lane.retired = true;
                lanes.remove(owner, lane);
              }
            }
          }
          if (failure != null) {
            turn.result.completeExceptionally(failure);
          } else {
            turn.result.complete(done);
          }
          if (next != null) {
            start(owner, lane, next);
          }
        });
  }

  /** Reports of one workspace under way here: how many run, and those waiting in order. */
  private static final class Lane {
    int running;
    boolean retired;
    final Queue<Turn> waiting = new ArrayDeque<>();
  }

  private static final class Turn {
    final AnalyticsQuery query;
    final CompletableFuture<AnalyticsReport> result = new CompletableFuture<>();

    Turn(AnalyticsQuery query) {
      this.query = query;
    }
  }
}
