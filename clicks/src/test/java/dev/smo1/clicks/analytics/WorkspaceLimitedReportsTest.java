package dev.smo1.clicks.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * One workspace's reports run at most {@code running} at once, the next {@code waiting} wait in
 * order, the rest are refused as busy; other workspaces are not held up.
 */
class WorkspaceLimitedReportsTest {
  /** Reports that finish when the test says so, in the order they were started. */
  static final class Held implements ClickReports {
    final List<AnalyticsQuery> started = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<AnalyticsReport>> running = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<AnalyticsReport> report(AnalyticsQuery query) {
      started.add(query);
      var report = new CompletableFuture<AnalyticsReport>();
      running.add(report);
      return report;
    }

    void finish(int index) {
      running.get(index).complete(null);
    }

    @Override
    public CompletionStage<java.io.InputStream> export(ClickExport query) {
      return CompletableFuture.completedFuture(new java.io.ByteArrayInputStream(new byte[0]));
    }
  }

  @Test
  void twoExportsOfAWorkspaceStreamAtOnceAThirdIsBusyUntilOneIsClosed() throws Exception {
    var limited = new WorkspaceLimitedReports(new Held(), 2, 4);
    var first = limited.export(export("acme")).toCompletableFuture().get();
    var second = limited.export(export("acme")).toCompletableFuture().get();
    var third = limited.export(export("acme")).toCompletableFuture();
    assertThat(third).isCompletedExceptionally();
    assertThat(limited.export(export("other")).toCompletableFuture().get()).isNotNull();
    first.close();
    first.close(); // closing twice frees one turn only
    var fourth = limited.export(export("acme")).toCompletableFuture().get();
    assertThat(limited.export(export("acme")).toCompletableFuture()).isCompletedExceptionally();
    second.close();
    fourth.close();
  }

  private static ClickExport export(String owner) {
    return new ClickExport(
        owner,
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        Instant.parse("2026-11-01T00:00:00Z"),
        Instant.parse("2026-12-01T00:00:00Z"),
        false);
  }

  private static AnalyticsQuery of(String owner, int top) {
    Instant to = Instant.parse("2026-12-01T00:00:00Z");
    return new AnalyticsQuery(
        owner,
        "s.example",
        Optional.empty(),
        to.minusSeconds(86_400),
        to,
        AnalyticsQuery.Interval.DAY,
        ZoneOffset.UTC,
        false,
        top);
  }

  @Test
  void aWorkspaceRunsTwoWaitsForOneMoreAndIsRefusedBeyondWhileOthersRun() {
    var held = new Held();
    var limited = new WorkspaceLimitedReports(held, 2, 1);

    var first = limited.report(of("busy", 1)).toCompletableFuture();
    var second = limited.report(of("busy", 2)).toCompletableFuture();
    var third = limited.report(of("busy", 3)).toCompletableFuture();
    var fourth = limited.report(of("busy", 4)).toCompletableFuture();
    var other = limited.report(of("calm", 5)).toCompletableFuture();

    assertThat(held.started).extracting(AnalyticsQuery::top).containsExactly(1, 2, 5);
    assertThat(fourth)
        .isCompletedExceptionally()
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(
            AnalyticsUnavailableException.class,
            busy -> assertThat(busy.reason()).isEqualTo(AnalyticsUnavailableException.Reason.BUSY));

    held.finish(0);
    assertThat(first).isCompleted();
    // the waiting one takes the freed place
    assertThat(held.started).extracting(AnalyticsQuery::top).containsExactly(1, 2, 5, 3);
    assertThat(third).isNotDone();

    held.running.get(1).completeExceptionally(new IllegalStateException("failed"));
    held.finish(2);
    held.finish(3);
    assertThat(second).isCompletedExceptionally();
    assertThat(other).isCompleted();
    assertThat(third).isCompleted();

    // all places are free again
    limited.report(of("busy", 6));
    limited.report(of("busy", 7));
    assertThat(held.started).extracting(AnalyticsQuery::top).endsWith(6, 7);
  }
}
