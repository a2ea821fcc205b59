package dev.smo1.projection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkDeleted;
import dev.smo1.link.LinkEvent.LinkDisabled;
import dev.smo1.link.LinkEvent.LinkEnabled;
import dev.smo1.link.LinkEvent.LinkUpdated;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.RedirectType;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import io.lettuce.core.RedisClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis cache's writes against a real Redis: idempotent, never backwards, tombstones stay. */
class RedisLinkCacheTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final LinkId ID = new LinkId("s.test", "cached");
  private static final LinkSettings FIRST =
      new LinkSettings("https://example.com/1", RedirectType.FOUND, null, null, List.of());
  private static final LinkSettings SECOND =
      new LinkSettings(
          "https://example.com/2",
          RedirectType.PERMANENT_REDIRECT,
          Instant.parse("2031-01-01T00:00:00.123Z"),
          "t",
          List.of("a"),
          true);
  private static final List<LinkEvent> HISTORY =
      List.of(
          new LinkCreated("s.test", "cached", "alice", FIRST, T0),
          new LinkDisabled("s.test", "cached", T0.plusSeconds(1)),
          new LinkUpdated("s.test", "cached", SECOND, T0.plusSeconds(2)),
          new LinkEnabled("s.test", "cached", T0.plusSeconds(3)));

  private static LocalRedis redis;
  private static RedisLinkCache cache;
  private static RedisClient admin;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
    cache = new RedisLinkCache(RedisClient.create(redis.url()));
    admin = RedisClient.create(redis.url());
  }

  @AfterAll
  static void stopRedis() throws InterruptedException {
    cache.close();
    admin.shutdown();
    redis.close();
  }

  @BeforeEach
  void flush() {
    try (var connection = admin.connect()) {
      connection.sync().flushall();
    }
  }

  @Test
  void applyingTheSameEventsTwiceChangesNothing() {
    List<Boolean> first = applyAll();
    Optional<CachedLink> once = read();

    List<Boolean> second = applyAll();

    assertThat(first).containsOnly(true);
    assertThat(second).containsOnly(false);
    assertThat(read()).isEqualTo(once);
    assertThat(once)
        .contains(
            new CachedLink(
                4,
                LinkStatus.ACTIVE,
                "https://example.com/2",
                RedirectType.PERMANENT_REDIRECT,
                SECOND.expiresAt(),
                true));
  }

  @Test
  void anOlderEventNeverOverwritesANewerOne() {
    applyAll();

    assertThat(apply(HISTORY.get(1), 2)).isFalse();
    assertThat(apply(HISTORY.get(0), 1)).isFalse();

    assertThat(read().orElseThrow().status()).isEqualTo(LinkStatus.ACTIVE);
    assertThat(read().orElseThrow().target()).isEqualTo("https://example.com/2");
  }

  @Test
  void aDeletedLinkLeavesATombstoneThatOlderEventsCannotRevive() {
    applyAll();
    assertThat(apply(new LinkDeleted("s.test", "cached", T0.plusSeconds(9)), 5)).isTrue();

    assertThat(apply(HISTORY.get(0), 1)).isFalse();
    assertThat(apply(HISTORY.get(3), 4)).isFalse();

    assertThat(read()).contains(new CachedLink(5, LinkStatus.DELETED, null, null, null, false));
  }

  /** A routed link is only marked: its rules are the entity's to give, and readers ask it. */
  @Test
  void aLinkWithTargetingRulesIsMarkedRoutedUntilAnUpdateRemovesThem() {
    var routing =
        new dev.smo1.link.rules.Routing(
            List.of(),
            List.of(
                new dev.smo1.link.rules.Routing.Variant("https://example.com/a", 1),
                new dev.smo1.link.rules.Routing.Variant("https://example.com/b", 1)),
            null);
    var routed =
        new LinkSettings(
            "https://example.com/1", RedirectType.FOUND, null, null, List.of(), false, routing);

    apply(new LinkCreated("s.test", "cached", "alice", routed, T0), 1);
    assertThat(read().orElseThrow().routed()).isTrue();

    apply(new LinkUpdated("s.test", "cached", FIRST, T0.plusSeconds(1)), 2);
    assertThat(read().orElseThrow().routed()).isFalse();
  }

  @Test
  void changesToALinkRedisDoesNotHoldAreLeftToTheEntityPath() {
    assertThat(apply(HISTORY.get(2), 3)).isFalse();
    assertThat(read()).isEmpty();
  }

  private List<Boolean> applyAll() {
    List<Boolean> changed = new ArrayList<>();
    for (int i = 0; i < HISTORY.size(); i++) {
      changed.add(apply(HISTORY.get(i), i + 1));
    }
    return changed;
  }

  private boolean apply(LinkEvent event, long version) {
    return cache.apply(event, version).toCompletableFuture().join();
  }

  private Optional<CachedLink> read() {
    return cache.read(ID).toCompletableFuture().join();
  }
}
