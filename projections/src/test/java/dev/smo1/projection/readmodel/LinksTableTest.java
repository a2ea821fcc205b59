package dev.smo1.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkDeleted;
import dev.smo1.link.LinkEvent.LinkDisabled;
import dev.smo1.link.LinkEvent.LinkEnabled;
import dev.smo1.link.LinkEvent.LinkUpdated;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.LinkView;
import dev.smo1.link.RedirectType;
import dev.smo1.localstores.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The read model's writes on the real schema: applying events is idempotent, and the version guard
 * keeps an older event from overwriting a newer one, whatever order they arrive in.
 */
class LinksTableTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final LinkSettings FIRST =
      new LinkSettings("https://example.com/1", RedirectType.FOUND, null, "first", List.of("a"));
  private static final LinkSettings SECOND =
      new LinkSettings(
          "https://example.com/2",
          RedirectType.MOVED_PERMANENTLY,
          T0.plus(Duration.ofDays(30)),
          null,
          List.of("b", "c"));
  private static final LinkSettings THIRD =
      new LinkSettings(
          "https://example.com/3", RedirectType.TEMPORARY_REDIRECT, null, "third", List.of());

  private static PGSimpleDataSource dataSource;

  private static final List<LinkEvent> HISTORY =
      List.of(
          new LinkCreated("s.test", "docs", "alice", FIRST, T0),
          new LinkUpdated("s.test", "docs", SECOND, T0.plusSeconds(1)),
          new LinkDisabled("s.test", "docs", T0.plusSeconds(2)),
          new LinkUpdated("s.test", "docs", THIRD, T0.plusSeconds(3)),
          new LinkEnabled("s.test", "docs", T0.plusSeconds(4)));

  @BeforeAll
  static void migrate() {
    dataSource = new PGSimpleDataSource();
    dataSource.setURL(TestPostgres.newDatabase());
    // the projections module's own migrations, as the node applies them
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/projections")
        .table("flyway_schema_history_projections")
        .load()
        .migrate();
  }

  @BeforeEach
  void empty() throws SQLException {
    try (var connection = dataSource.getConnection()) {
      connection.createStatement().execute("DELETE FROM links");
    }
  }

  @Test
  void applyingTheSameEventsTwiceChangesNothing() throws SQLException {
    applyAll(HISTORY);
    String once = rows();

    List<Boolean> changed = applyAll(HISTORY);

    assertThat(rows()).isEqualTo(once);
    assertThat(changed).containsOnly(false);
    assertThat(once)
        .isEqualTo(
            "s.test|docs|alice|https://example.com/3|307|null|third|{}|active|"
                + "2030-01-01 00:00:00+00|2030-01-01 00:00:04+00|5");
  }

  @Test
  void anOlderEventNeverOverwritesANewerOne() throws SQLException {
    applyAll(HISTORY);
    String latest = rows();

    // redelivered out of order: the update to SECOND (version 2) and the disable (version 3)
    assertThat(apply(HISTORY.get(1), 2)).isFalse();
    assertThat(apply(HISTORY.get(2), 3)).isFalse();
    assertThat(apply(HISTORY.get(0), 1)).isFalse();

    assertThat(rows()).isEqualTo(latest);
  }

  @Test
  void eventsAppliedInReverseOrderEndWhereTheNewestSays() throws SQLException {
    apply(HISTORY.get(0), 1);
    apply(new LinkDeleted("s.test", "docs", T0.plusSeconds(9)), 6);

    for (int version = 5; version >= 2; version--) {
      apply(HISTORY.get(version - 1), version);
    }

    assertThat(rows()).contains("|deleted|").endsWith("|6");
  }

  @Test
  void countedVisitsExhaustALinkWithMaxVisitsAndListsShowItSo() throws Exception {
    var options =
        new LinkOptions(
            new LinkOptions.Utm("news", null, null, null, null),
            "https://example.com/over",
            null,
            2);
    var limited =
        new LinkSettings(
            "https://example.com/1",
            RedirectType.FOUND,
            null,
            null,
            List.of(),
            false,
            null,
            options);
    apply(new LinkCreated("s.test", "few", "alice", limited, T0), 1);
    apply(new LinkEvent.LinkVisitCounted("s.test", "few", 1, T0.plusSeconds(1)), 2);
    var queries =
        new LinkQueries(
            dataSource, Runnable::run, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));

    var before = only(queries, null);
    assertThat(before.options()).isEqualTo(options);
    assertThat(before.visits()).isEqualTo(1);
    assertThat(before.status()).isEqualTo(LinkStatus.ACTIVE);

    apply(new LinkEvent.LinkVisitCounted("s.test", "few", 2, T0.plusSeconds(2)), 3);

    var after = only(queries, null);
    assertThat(after.status()).isEqualTo(LinkStatus.EXHAUSTED);
    assertThat(after.visits()).isEqualTo(2);
    assertThat(after.updatedAt()).as("a visit is not a change of the link").isEqualTo(T0);
    assertThat(only(queries, LinkStatus.EXHAUSTED).code()).isEqualTo("few");
    assertThat(
            queries
                .list(
                    "alice",
                    "s.test",
                    new LinkListing.Filter(null, LinkStatus.ACTIVE, null),
                    Optional.empty(),
                    10)
                .toCompletableFuture()
                .get()
                .items())
        .isEmpty();
  }

  private static LinkView only(LinkQueries queries, LinkStatus status) throws Exception {
    var items =
        queries
            .list(
                "alice", "s.test", new LinkListing.Filter(null, status, null), Optional.empty(), 10)
            .toCompletableFuture()
            .get()
            .items();
    assertThat(items).hasSize(1);
    return items.getFirst();
  }

  private List<Boolean> applyAll(List<LinkEvent> events) throws SQLException {
    List<Boolean> changed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      changed.add(apply(events.get(i), i + 1));
    }
    return changed;
  }

  private boolean apply(LinkEvent event, long version) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      return LinksTable.apply(connection, event, version);
    }
  }

  private String rows() throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var result =
            statement.executeQuery(
                "SELECT domain, code, owner, target, redirect_type, expires_at, title, tags, status,"
                    + " created_at, updated_at, version FROM links ORDER BY domain, code")) {
      var rows = new StringBuilder();
      while (result.next()) {
        for (int column = 1; column <= 12; column++) {
          rows.append(column == 1 ? "" : "|").append(result.getString(column));
        }
      }
      return rows.toString();
    }
  }
}
