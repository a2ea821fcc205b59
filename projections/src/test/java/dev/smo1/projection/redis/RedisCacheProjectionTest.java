package dev.smo1.projection.redis;

import static dev.smo1.projection.TestLinks.DOMAIN;
import static dev.smo1.projection.TestLinks.FIRST;
import static dev.smo1.projection.TestLinks.SECOND;
import static dev.smo1.projection.TestLinks.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkDeleted;
import dev.smo1.link.LinkEvent.LinkDisabled;
import dev.smo1.link.LinkEvent.LinkEnabled;
import dev.smo1.link.LinkEvent.LinkUpdated;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.RedirectType;
import dev.smo1.projection.ProjectionProbe;
import dev.smo1.projection.TagJournal;
import dev.smo1.projection.redis.InMemoryLinkCache.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.testkit.javadsl.ProjectionTestKit;
import org.apache.pekko.projection.testkit.javadsl.TestProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis cache projection's handler through Pekko's {@link TestProjection}, with the cache in
 * memory ({@link InMemoryLinkCache}): what it hands the cache, and when it lets the offset be
 * saved. The cache's own guard runs against a real Redis in cluster-node's {@code
 * RedisLinkCacheTest}.
 */
class RedisCacheProjectionTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final ProjectionTestKit projectionTestKit =
      ProjectionTestKit.create(testKit.system());

  private final TagJournal journal = new TagJournal("link-3");
  private final List<String> codes = journal.codes(DOMAIN, "c", 2);
  private final String first = codes.get(0);
  private final String second = codes.get(1);
  private final InMemoryLinkCache cache = new InMemoryLinkCache();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void eachEventReachesTheCacheInTagOrderWithItsLinksSequenceNumberAsVersion() {
    // two links interleaved on one tag: offsets 1 to 5, sequence numbers 1-2 and 1-3
    journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0));
    journal.append(new LinkCreated(DOMAIN, second, "bob", FIRST, T0.plusSeconds(1)));
    journal.append(new LinkUpdated(DOMAIN, first, SECOND, T0.plusSeconds(2)));
    journal.append(new LinkDisabled(DOMAIN, second, T0.plusSeconds(3)));
    journal.append(new LinkEnabled(DOMAIN, second, T0.plusSeconds(4)));

    projectionTestKit.run(
        projection(journal.envelopes()),
        () -> {
          assertThat(cache.writes())
              .containsExactly(
                  new Write(first, 1, true),
                  new Write(second, 1, true),
                  new Write(first, 2, true),
                  new Write(second, 2, true),
                  new Write(second, 3, true));
          assertThat(cache.read(new LinkId(DOMAIN, first)))
              .contains(
                  new CachedLink(
                      2,
                      LinkStatus.ACTIVE,
                      "https://example.com/2",
                      RedirectType.PERMANENT_REDIRECT,
                      SECOND.expiresAt(),
                      true));
          assertThat(cache.read(new LinkId(DOMAIN, second)))
              .contains(
                  new CachedLink(
                      3,
                      LinkStatus.ACTIVE,
                      "https://example.com/1",
                      RedirectType.FOUND,
                      null,
                      false));
        });
  }

  @Test
  void redeliveredEnvelopesKeepTheirVersionsSoADeletedLinkStaysATombstone() {
    var created = journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0));
    var updated = journal.append(new LinkUpdated(DOMAIN, first, SECOND, T0.plusSeconds(1)));
    journal.append(new LinkDeleted(DOMAIN, first, T0.plusSeconds(2)));
    // at-least-once: after a restart from an older offset, earlier envelopes come again
    var delivered = new ArrayList<>(journal.envelopes());
    delivered.add(updated);
    delivered.add(created);

    projectionTestKit.run(
        projection(delivered),
        () -> {
          assertThat(cache.writes())
              .containsExactly(
                  new Write(first, 1, true),
                  new Write(first, 2, true),
                  new Write(first, 3, true),
                  new Write(first, 2, false),
                  new Write(first, 1, false));
          assertThat(cache.read(new LinkId(DOMAIN, first)))
              .contains(new CachedLink(3, LinkStatus.DELETED, null, null, null, false));
        });
  }

  @Test
  void anEventsOffsetIsSavedOnlyOnceTheCacheAnsweredItsWrite() {
    journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0));
    cache.hold();

    projectionTestKit.runWithTestSink(
        projection(journal.envelopes()),
        probe -> {
          probe.request(1);
          testKit.createTestProbe().awaitAssert(() -> assertThat(cache.heldWrites()).isEqualTo(1));
          probe.expectNoMessage(Duration.ofMillis(200));

          cache.release();

          probe.expectNext(Done.getInstance());
          assertThat(cache.writes()).containsExactly(new Write(first, 1, true));
        });
  }

  @Test
  void aFailedCacheWriteStopsTheProjectionAndTheRestartResumesAtThatEvent() {
    journal.append(new LinkCreated(DOMAIN, first, "alice", FIRST, T0));
    journal.append(new LinkUpdated(DOMAIN, first, SECOND, T0.plusSeconds(1)));
    journal.append(new LinkDisabled(DOMAIN, first, T0.plusSeconds(2)));
    cache.failOnce(2);
    // one projection instance: its offset store outlives the failed run, as the offsets table does
    var projection = projection(journal.envelopes());

    projectionTestKit.runWithTestSink(
        projection,
        probe -> {
          probe.request(3);
          assertThat(ProjectionProbe.failure(probe, 1)).hasRootCauseMessage("Redis is unreachable");
        });
    assertThat(cache.writes()).containsExactly(new Write(first, 1, true));

    projectionTestKit.runWithTestSink(
        projection,
        probe -> {
          probe.request(3);
          probe.expectNext(Done.getInstance(), Done.getInstance());
          probe.expectNoMessage(Duration.ofMillis(200));
        });
    assertThat(cache.writes())
        .containsExactly(
            new Write(first, 1, true), new Write(first, 2, true), new Write(first, 3, true));
    assertThat(cache.read(new LinkId(DOMAIN, first)).orElseThrow().status())
        .isEqualTo(LinkStatus.DISABLED);
  }

  private TestProjection<Offset, EventEnvelope<LinkEvent>> projection(
      List<EventEnvelope<LinkEvent>> delivered) {
    return TestProjection.create(
        journal.projectionId(RedisCacheProjection.NAME),
        TagJournal.source(delivered, EventEnvelope::offset),
        () -> new RedisCacheProjection.CacheWriter(cache));
  }
}
