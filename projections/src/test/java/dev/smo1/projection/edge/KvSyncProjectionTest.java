package dev.smo1.projection.edge;

import static dev.smo1.projection.TestLinks.DOMAIN;
import static dev.smo1.projection.TestLinks.FIRST;
import static dev.smo1.projection.TestLinks.SECOND;
import static dev.smo1.projection.TestLinks.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkDeleted;
import dev.smo1.link.LinkEvent.LinkDisabled;
import dev.smo1.link.LinkEvent.LinkUpdated;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.LinkStatus;
import dev.smo1.projection.ProjectionProbe;
import dev.smo1.projection.TagJournal;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.testkit.javadsl.ProjectionTestKit;
import org.apache.pekko.projection.testkit.javadsl.TestProjection;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The KV sync projection's handler through Pekko's {@link TestProjection}, with the mirror and
 * Workers KV in memory ({@link InMemoryMirror}, {@link InMemoryKv}): what it hands KV, and when it
 * lets the offset be saved. The TestProjection does not group, so the source hands the handler
 * groups as {@code groupedWithin} would; the mirror's SQL and the real writer run in cluster-node
 * ({@code EdgeSyncIT}).
 */
class KvSyncProjectionTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final ProjectionTestKit projectionTestKit =
      ProjectionTestKit.create(testKit.system());
  private static final ExecutorService blocking = Executors.newSingleThreadExecutor();

  private final TagJournal journal = new TagJournal("link-5");
  private final List<String> codes = journal.codes(DOMAIN, "k", 2);
  private final String first = codes.get(0);
  private final String second = codes.get(1);
  private final InMemoryMirror mirror = new InMemoryMirror();
  private final InMemoryKv kv = new InMemoryKv();
  private final Histogram lag =
      Histogram.builder()
          .name("smo1_edge_kv_sync_lag_seconds")
          .help("test copy of the KV sync lag")
          .classicOnly()
          .build();
  private final Clock clock = Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    blocking.shutdownNow();
  }

  @Test
  void eachGroupHandsKvTheMirrorsCurrentRecordsOfItsLinksInOneBatch() {
    var group1 =
        List.of(
            journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0)),
            journal.append(new LinkUpdated(DOMAIN, first, SECOND, T0.plusSeconds(1))),
            journal.append(new LinkCreated(DOMAIN, second, "bob", FIRST, T0.plusSeconds(2))));
    var group2 =
        List.of(
            journal.append(new LinkDeleted(DOMAIN, second, T0.plusSeconds(3))),
            journal.append(new LinkDisabled(DOMAIN, first, T0.plusSeconds(4))));

    projectionTestKit.run(
        projection(List.of(group1, group2)),
        () -> {
          assertThat(kv.accepted())
              .containsExactly(
                  List.of(
                      edge(first, 2, LinkStatus.ACTIVE, SECOND),
                      edge(second, 1, LinkStatus.ACTIVE, FIRST)),
                  List.of(
                      edge(second, 2, LinkStatus.DELETED, FIRST),
                      edge(first, 3, LinkStatus.DISABLED, SECOND)));
          assertThat(kv.read(KvLinkRecord.key(DOMAIN, first)))
              .contains("{\"format\":1,\"version\":3,\"status\":\"disabled\"}");
          assertThat(kv.read(KvLinkRecord.key(DOMAIN, second))).isEmpty();
        });
  }

  @Test
  void aGroupsOffsetIsSavedOnlyOnceKvAcceptedItsRecords() {
    var group = List.of(journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0)));
    kv.hold();

    projectionTestKit.runWithTestSink(
        projection(List.of(group)),
        probe -> {
          probe.request(1);
          testKit.createTestProbe().awaitAssert(() -> assertThat(kv.heldBatches()).isEqualTo(1));
          probe.expectNoMessage(Duration.ofMillis(200));
          assertThat(kv.accepted()).isEmpty();

          kv.release();

          probe.expectNext(Done.getInstance());
          assertThat(kv.accepted())
              .containsExactly(List.of(edge(first, 1, LinkStatus.ACTIVE, FIRST)));
        });
  }

  @Test
  void theNextGroupIsHandedToKvWhileTheOneBeforeWaitsAndOffsetsPassOnInOrderOnceAccepted()
      throws Exception {
    var group1 =
        List.of(
            journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0)),
            journal.append(new LinkCreated(DOMAIN, second, "bob", FIRST, T0)));
    var group2 = List.of(journal.append(new LinkUpdated(DOMAIN, first, SECOND, T0)));
    kv.hold();

    // contexts 1, 2 (first group), then 3 after a pause longer than the grouping window
    CompletionStage<List<Pair<Done, Integer>>> passedOn =
        Source.from(List.of(Pair.create(group1.get(0), 1), Pair.create(group1.get(1), 2)))
            .concat(
                Source.single(Pair.create(group2.get(0), 3))
                    .initialDelay(KvSyncProjection.GROUP_WAIT.multipliedBy(6)))
            .via(
                KvSyncProjection.<Integer>pipelined(
                    new KvSyncProjection.Sync(mirror, blocking, kv, clock, lag)))
            .runWith(Sink.seq(), testKit.system());

    // the second group went to KV while the first had no answer yet
    testKit.createTestProbe().awaitAssert(() -> assertThat(kv.heldBatches()).isEqualTo(2));
    Thread.sleep(200);
    assertThat(passedOn.toCompletableFuture().isDone())
        .as("no offset before KV accepted")
        .isFalse();

    kv.release();

    assertThat(passedOn.toCompletableFuture().get(5, TimeUnit.SECONDS))
        .extracting(Pair::second)
        .containsExactly(1, 2, 3);
    // folded in order: the second batch has the update
    assertThat(kv.accepted())
        .containsExactly(
            List.of(
                edge(first, 1, LinkStatus.ACTIVE, FIRST),
                edge(second, 1, LinkStatus.ACTIVE, FIRST)),
            List.of(edge(first, 2, LinkStatus.ACTIVE, SECOND)));
  }

  @Test
  void aFailedKvWriteStopsTheProjectionAndTheRestartSendsTheGroupsCurrentRecordAgain() {
    var group1 = List.of(journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0)));
    var group2 =
        List.of(
            journal.append(new LinkUpdated(DOMAIN, first, SECOND, T0.plusSeconds(1))),
            journal.append(new LinkDisabled(DOMAIN, first, T0.plusSeconds(2))));
    kv.failBatch(2);
    // one projection instance: its offset store outlives the failed run, as the offsets table does
    var projection = projection(List.of(group1, group2));

    projectionTestKit.runWithTestSink(
        projection,
        probe -> {
          probe.request(2);
          assertThat(ProjectionProbe.failure(probe, 1))
              .hasRootCauseMessage("the KV writer stopped");
        });
    // the mirror took the second group; KV did not
    assertThat(kv.accepted()).containsExactly(List.of(edge(first, 1, LinkStatus.ACTIVE, FIRST)));

    projectionTestKit.runWithTestSink(
        projection,
        probe -> {
          probe.request(2);
          probe.expectNext(Done.getInstance());
          probe.expectNoMessage(Duration.ofMillis(200));
        });
    assertThat(kv.accepted())
        .containsExactly(
            List.of(edge(first, 1, LinkStatus.ACTIVE, FIRST)),
            List.of(edge(first, 3, LinkStatus.DISABLED, SECOND)));
  }

  @Test
  void lagIsObservedForEveryEventOnceKvAcceptedItsGroup() {
    var group =
        List.of(
            journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0.plusSeconds(7))),
            journal.append(new LinkUpdated(DOMAIN, first, SECOND, T0.plusSeconds(9))));
    kv.hold();

    projectionTestKit.runWithTestSink(
        projection(List.of(group)),
        probe -> {
          probe.request(1);
          testKit.createTestProbe().awaitAssert(() -> assertThat(kv.heldBatches()).isEqualTo(1));
          assertThat(lag().getCount()).isZero();

          kv.release();

          probe.expectNext(Done.getInstance());
          assertThat(lag().getCount()).isEqualTo(2);
          assertThat(lag().getSum()).isEqualTo(3.0 + 1.0);
        });
  }

  private TestProjection<Offset, List<EventEnvelope<LinkEvent>>> projection(
      List<List<EventEnvelope<LinkEvent>>> groups) {
    return TestProjection.create(
        journal.projectionId(KvSyncProjection.NAME),
        TagJournal.source(groups, group -> group.getLast().offset()),
        () -> new KvSyncProjection.Sync(mirror, blocking, kv, clock, lag));
  }

  private HistogramDataPointSnapshot lag() {
    return lag.collect().getDataPoints().getFirst();
  }

  private EdgeLink edge(String code, long version, LinkStatus status, LinkSettings settings) {
    return new EdgeLink(
        DOMAIN,
        code,
        version,
        status,
        settings.target(),
        settings.redirectType(),
        settings.expiresAt(),
        settings.forwardQuery());
  }
}
