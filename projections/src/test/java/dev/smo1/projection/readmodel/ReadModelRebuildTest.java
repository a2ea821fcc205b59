package dev.smo1.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkDeleted;
import dev.smo1.link.LinkEvent.LinkDisabled;
import dev.smo1.link.LinkEvent.LinkUpdated;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.RedirectType;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.projection.JdbcSessions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read model rebuilt in place on the real schema, from a journal of events serialized as the
 * entities write them: every row becomes what its events give, rows of no link go, readers see
 * every row throughout, and a projection running meanwhile loses nothing.
 */
class ReadModelRebuildTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private static ActorTestKit testKit;
  private static Serialization serialization;
  private HikariDataSource dataSource;
  private final Map<String, Long> sequenceNumbers = new HashMap<>();
  private long ordering;

  @BeforeAll
  static void serialization() {
    testKit = ActorTestKit.create();
    serialization = SerializationExtension.get(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void database() throws SQLException {
    var config = new HikariConfig();
    config.setJdbcUrl(TestPostgres.newDatabase());
    config.setUsername("postgres");
    config.setMaximumPoolSize(6);
    dataSource = new HikariDataSource(config);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/projections")
        .table("flyway_schema_history_projections")
        .load()
        .migrate();
    // the columns of pekko-persistence-jdbc's event_journal (cluster-node's V1__journal.sql) that
    // the rebuild reads
    sql(
        "CREATE TABLE event_journal (ordering BIGINT NOT NULL UNIQUE,"
            + " persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,"
            + " deleted BOOLEAN DEFAULT FALSE NOT NULL, event_ser_id INTEGER NOT NULL,"
            + " event_ser_manifest VARCHAR(255) NOT NULL, event_payload BYTEA NOT NULL,"
            + " PRIMARY KEY (persistence_id, sequence_number))");
  }

  @AfterEach
  void closePool() {
    dataSource.close();
  }

  @Test
  void everyRowBecomesWhatItsEventsGiveAndRowsOfNoLinkAreDeleted() throws Exception {
    projected(250);
    String expected = rows();
    // damage of every kind: a changed row, a row at a version above its events, a missing row, a
    // row of a link that never existed
    sql("UPDATE links SET target = 'https://damaged.example/' WHERE code = 'c1'");
    sql("UPDATE links SET title = 'damaged', owner = 'mallory', version = 99 WHERE code = 'c4'");
    sql("DELETE FROM links WHERE code = 'c8'");
    sql(
        "INSERT INTO links SELECT domain, 'ghost', owner, target, redirect_type, expires_at,"
            + " title, tags, status, created_at, updated_at, version, forward_query FROM links"
            + " WHERE code = 'c2'");
    assertThat(rows()).isNotEqualTo(expected);
    var rebuild = new ReadModelRebuild(dataSource, serialization, 7);
    List<Long> progress = new ArrayList<>();

    assertThat(rebuild.links()).isEqualTo(250);
    assertThat(rebuild.run(progress::add)).isEqualTo(250);

    assertThat(rows()).isEqualTo(expected);
    assertThat(progress).hasSize(36).startsWith(7L, 14L).endsWith(245L, 250L);
  }

  @Test
  void readersSeeEveryRowWhileTheRebuildRuns() throws Exception {
    int links = 300;
    projected(links);
    String expected = rows();
    var rebuild = new ReadModelRebuild(dataSource, serialization, 10);
    var running = CompletableFuture.supplyAsync(() -> run(rebuild));
    long reads = 0;
    long fewest = Long.MAX_VALUE;
    try (Connection reader = dataSource.getConnection();
        var count =
            reader.prepareStatement(
                "SELECT count(*) FROM links WHERE owner IN ('alice', 'bob')"
                    + " AND target LIKE 'https://example.com/%'")) {
      while (!running.isDone()) {
        try (var result = count.executeQuery()) {
          result.next();
          fewest = Math.min(fewest, result.getLong(1));
          reads++;
        }
      }
    }
    assertThat(running.get(1, TimeUnit.MINUTES)).isEqualTo(links);

    assertThat(reads).as("reads while the rebuild ran").isGreaterThan(10);
    assertThat(fewest).as("fewest rows a reader saw").isEqualTo(links);
    assertThat(rows()).isEqualTo(expected);
  }

  @Test
  void aPageWaitsForAProjectionTransactionInFlightAndKeepsItsEvent() throws Exception {
    projected(2);
    var change =
        new LinkUpdated(
            "s.test", "c1", settings("https://example.com/changed", "changed"), T0.plusSeconds(60));
    long version = journal(change);
    // the projection has the event in a transaction not committed yet
    var sessions = new JdbcSessions(dataSource);
    var session = sessions.open();
    new LinkReadModelHandler().process(session, List.of(envelope(change, version)));
    var running =
        CompletableFuture.supplyAsync(() -> run(new ReadModelRebuild(dataSource, serialization)));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (waitingForTheLock() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(waitingForTheLock()).as("pages waiting for the projection").isEqualTo(1);
      assertThat(running).isNotDone();
      assertThat(column("c1", "title")).as("what readers see meanwhile").isEqualTo("title 1");
    } finally {
      session.commit();
      session.close();
    }
    assertThat(running.get(1, TimeUnit.MINUTES)).isEqualTo(2);

    assertThat(column("c1", "title")).isEqualTo("changed");
    assertThat(column("c1", "version")).isEqualTo(Long.toString(version));
  }

  @Test
  void aProjectionRunningDuringRebuildsLosesNothing() throws Exception {
    int links = 40;
    projected(links);
    var stop = new AtomicBoolean();
    var changes = new AtomicLong();
    // the projection: each change is committed to the journal first, then applied in a group
    var projection =
        CompletableFuture.runAsync(
            () -> {
              var sessions = new JdbcSessions(dataSource);
              int round = 0;
              while (!stop.get()) {
                List<EventEnvelope<LinkEvent>> group = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                  int link = (round * 7 + i * 3) % links;
                  var change =
                      new LinkUpdated(
                          "s.test",
                          "c" + link,
                          settings("https://example.com/round-" + round, "round " + round),
                          T0.plusSeconds(round));
                  group.add(envelope(change, journal(change)));
                }
                var session = sessions.open();
                try {
                  new LinkReadModelHandler().process(session, group);
                  session.commit();
                  session.close();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                changes.addAndGet(group.size());
                round++;
              }
            });
    try {
      for (int rebuilds = 0; rebuilds < 5; rebuilds++) {
        new ReadModelRebuild(dataSource, serialization, 3).run(done -> {});
      }
    } finally {
      stop.set(true);
    }
    projection.get(1, TimeUnit.MINUTES);
    assertThat(changes.get()).as("changes applied during the rebuilds").isGreaterThan(0);

    // the table equals a replay of the whole journal into an empty one
    String actual = rows();
    sql("DELETE FROM links");
    new ReadModelRebuild(dataSource, serialization).run(done -> {});
    assertThat(actual).isEqualTo(rows());
  }

  private static long run(ReadModelRebuild rebuild) {
    try {
      return rebuild.run(done -> {});
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Link {@code i}: created by alice or bob, some changed, disabled, deleted. */
  private static List<LinkEvent> history(int i) {
    String code = "c" + i;
    var events = new ArrayList<LinkEvent>();
    events.add(
        new LinkCreated(
            "s.test",
            code,
            i % 2 == 0 ? "alice" : "bob",
            settings("https://example.com/" + i, "title " + i),
            T0.plusSeconds(i)));
    if (i % 3 == 0) {
      events.add(
          new LinkUpdated(
              "s.test",
              code,
              settings("https://example.com/" + i + "/changed", "changed " + i),
              T0.plusSeconds(i + 1)));
    }
    if (i % 5 == 0) {
      events.add(new LinkDisabled("s.test", code, T0.plusSeconds(i + 2)));
    }
    if (i % 7 == 0) {
      events.add(new LinkDeleted("s.test", code, T0.plusSeconds(i + 3)));
    }
    return events;
  }

  private static LinkSettings settings(String target, String title) {
    return new LinkSettings(target, RedirectType.FOUND, null, title, List.of("t"));
  }

  /**
   * Writes the histories of links 0 to {@code links - 1} to the journal and applies their events to
   * the read model, as the projection does.
   */
  private void projected(int links) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      for (int i = 0; i < links; i++) {
        for (LinkEvent event : history(i)) {
          LinksTable.apply(connection, event, journal(connection, event));
        }
      }
    }
  }

  private long journal(LinkEvent event) {
    try (Connection connection = dataSource.getConnection()) {
      return journal(connection, event);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends the event to its link's journal, serialized as its entity does; its version. */
  private synchronized long journal(Connection connection, LinkEvent event) throws SQLException {
    String persistenceId = "Link|" + event.domain() + "/" + event.code();
    long version = sequenceNumbers.merge(persistenceId, 1L, Long::sum);
    var serializer = serialization.findSerializerFor(event);
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO event_journal (ordering, persistence_id, sequence_number,"
                + " event_ser_id, event_ser_manifest, event_payload)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, ++ordering);
      insert.setString(2, persistenceId);
      insert.setLong(3, version);
      insert.setInt(4, serializer.identifier());
      insert.setString(5, Serializers.manifestFor(serializer, event));
      insert.setBytes(6, serializer.toBinary(event));
      insert.executeUpdate();
    }
    return version;
  }

  private static EventEnvelope<LinkEvent> envelope(LinkEvent event, long version) {
    return EventEnvelope.create(
        Offset.noOffset(),
        "Link|" + event.domain() + "/" + event.code(),
        version,
        event,
        event.at().toEpochMilli());
  }

  /** Pages of a rebuild waiting for the advisory lock. */
  private long waitingForTheLock() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        var waiting =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    + " AND mode = 'ExclusiveLock' AND (classid::bigint << 32 | objid::bigint) = ?")) {
      waiting.setLong(1, ReadModelRebuild.LOCK);
      try (var result = waiting.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private String column(String code, String column) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        var query =
            connection.prepareStatement("SELECT " + column + " FROM links WHERE code = ?")) {
      query.setString(1, code);
      try (var result = query.executeQuery()) {
        result.next();
        return result.getString(1);
      }
    }
  }

  /** Every row, every column, in key order. */
  private String rows() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT domain, code, owner, target, redirect_type, expires_at, title, tags,"
                        + " forward_query, status, created_at, updated_at, version FROM links"
                        + " ORDER BY domain, code")) {
      var text = new StringBuilder();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int column = 1; column <= columns; column++) {
          text.append(rows.getString(column)).append(column == columns ? "\n" : "|");
        }
      }
      return text.toString();
    }
  }

  private void sql(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.createStatement().execute(sql);
    }
  }
}
