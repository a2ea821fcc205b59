package dev.smo1.projection.known;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkId;
import dev.smo1.link.known.KnownLinks;
import dev.smo1.localstores.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The membership filter fed from a real PostgreSQL journal table: the load finds every link once,
 * polls find links written later — also those whose ordering was allocated before an earlier poll
 * but committed after it — and a hole that never fills is stepped over once it is old.
 */
class KnownLinksFeedTest {
  private static final KnownLinksSettings SETTINGS =
      new KnownLinksSettings(1_000, 0.001, Duration.ofMillis(100), Duration.ofSeconds(10));

  private PGSimpleDataSource dataSource;
  private final KnownLinks known = new KnownLinks();
  private final MovableClock clock = new MovableClock();
  private KnownLinksFeed feed;

  @BeforeEach
  void journal() throws SQLException {
    dataSource = new PGSimpleDataSource();
    dataSource.setURL(TestPostgres.newDatabase());
    // the columns of pekko-persistence-jdbc's event_journal that the feed reads
    sql(
        "CREATE TABLE event_journal (ordering BIGINT NOT NULL UNIQUE,"
            + " persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,"
            + " PRIMARY KEY (persistence_id, sequence_number))");
    feed = new KnownLinksFeed(known, new JournalLinkIds(dataSource), SETTINGS, clock);
  }

  @Test
  void theLoadKnowsEveryLinkInTheJournalAndNothingElse() throws SQLException {
    write(1, "Link|s.test/first", 1);
    write(2, "Link|s.test/first", 2);
    write(3, "Workspace|first", 1);
    write(4, "Link|other.test/second", 1);

    assertThat(known.mayExist(id("s.test", "never"))).as("before the load").isTrue();
    feed.loadOnce();

    assertThat(known.ready()).isTrue();
    assertThat(known.mayExist(id("s.test", "first"))).isTrue();
    assertThat(known.mayExist(id("other.test", "second"))).isTrue();
    assertThat(known.mayExist(id("s.test", "never"))).isFalse();
    assertThat(known.mayExist(id("s.test", "second"))).as("another domain's code").isFalse();
    assertThat(known.mayExist(id("Workspace", "first"))).isFalse();
  }

  @Test
  void pollsFindLinksCommittedOutOfOrder() throws SQLException {
    write(1, "Link|s.test/a", 1);
    feed.loadOnce();
    feed.pollOnce();
    assertThat(feed.settled()).isEqualTo(1);

    write(2, "Link|s.test/b", 1);
    write(4, "Link|s.test/d", 1); // ordering 3 allocated, its transaction not yet committed
    feed.pollOnce();
    assertThat(known.mayExist(id("s.test", "b"))).isTrue();
    assertThat(known.mayExist(id("s.test", "d"))).isTrue();
    assertThat(known.mayExist(id("s.test", "c"))).isFalse();
    assertThat(feed.settled()).as("held below the hole").isEqualTo(2);
    assertThat(feed.holes()).containsExactly(3L);

    write(3, "Link|s.test/c", 1); // commits late
    clock.advance(Duration.ofSeconds(2));
    feed.pollOnce();
    assertThat(known.mayExist(id("s.test", "c"))).isTrue();
    assertThat(feed.settled()).isEqualTo(4);
    assertThat(feed.holes()).isEmpty();
  }

  @Test
  void aHoleThatNeverFillsIsSteppedOverOnceOld() throws SQLException {
    feed.loadOnce();
    write(1, "Link|s.test/a", 1);
    write(3, "Link|s.test/c", 1); // 2 rolled back
    feed.pollOnce();
    assertThat(feed.settled()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(9));
    feed.pollOnce();
    assertThat(feed.settled()).as("still waited for").isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    write(4, "Link|s.test/d", 1);
    feed.pollOnce();
    assertThat(feed.settled()).isEqualTo(4);
    assertThat(known.mayExist(id("s.test", "d"))).isTrue();
  }

  @Test
  void aFullFilterIsLoadedAgainTwiceAsLarge() throws SQLException {
    feed.loadOnce();
    assertThat(known.capacity()).isEqualTo(1_000);
    sql(
        "INSERT INTO event_journal SELECT i, 'Link|s.test/code' || i, 1"
            + " FROM generate_series(1, 1500) AS i");
    feed.pollOnce();
    assertThat(feed.grewIfFull()).isTrue();

    assertThat(known.capacity()).isEqualTo(2_000);
    for (int i = 1; i <= 1_500; i++) {
      assertThat(known.mayExist(id("s.test", "code" + i))).isTrue();
    }
    assertThat(feed.grewIfFull()).isFalse();
  }

  @Test
  void startsOnItsOwnThreadAndKeepsPolling() throws Exception {
    write(1, "Link|s.test/early", 1);
    try (var running = new KnownLinksFeed(known, new JournalLinkIds(dataSource), SETTINGS, clock)) {
      running.start();
      await(() -> known.ready());
      assertThat(known.mayExist(id("s.test", "early"))).isTrue();
      write(2, "Link|s.test/later", 1);
      await(() -> known.mayExist(id("s.test", "later")));
    }
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static LinkId id(String domain, String code) {
    return new LinkId(domain, code);
  }

  private void write(long ordering, String persistenceId, long sequenceNumber) throws SQLException {
    sql(
        "INSERT INTO event_journal VALUES ("
            + ordering
            + ", '"
            + persistenceId
            + "', "
            + sequenceNumber
            + ")");
  }

  private void sql(String statement) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      connection.createStatement().execute(statement);
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
