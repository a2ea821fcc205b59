package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.clicks.LinkOwners.LinkKey;
import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkUpdated;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.RedirectType;
import dev.smo1.localstores.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Link owners from a real PostgreSQL journal of events serialized as the entities write them, with
 * no links read model at all: the first event names the owner; a code never created has none.
 */
class LinkOwnersTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static ActorSystem<Void> system;
  private static Serialization serialization;
  private PGSimpleDataSource dataSource;
  private LinkOwners owners;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(Behaviors.empty(), "link-owners-test");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @BeforeEach
  void journal() throws SQLException {
    dataSource = new PGSimpleDataSource();
    dataSource.setURL(TestPostgres.newDatabase());
    // the columns of pekko-persistence-jdbc's event_journal (cluster-node's V1__journal.sql) read
    try (var connection = dataSource.getConnection()) {
      connection
          .createStatement()
          .execute(
              "CREATE TABLE event_journal (persistence_id VARCHAR(255) NOT NULL,"
                  + " sequence_number BIGINT NOT NULL, event_ser_id INTEGER NOT NULL,"
                  + " event_ser_manifest VARCHAR(255) NOT NULL, event_payload BYTEA NOT NULL,"
                  + " PRIMARY KEY (persistence_id, sequence_number))");
    }
    owners = new LinkOwners(dataSource, serialization, 1_000);
  }

  @Test
  void eachLinksOwnerIsInItsFirstEventAndACodeNeverCreatedHasNone() throws SQLException {
    write(1, new LinkCreated("s.test", "a", "alice", settings(), T0));
    write(2, new LinkUpdated("s.test", "a", settings(), T0.plusSeconds(1)));
    write(1, new LinkCreated("s.test", "b", "bob", settings(), T0));
    write(1, new LinkCreated("other.test", "a", "carol", settings(), T0));

    Map<LinkKey, String> found =
        owners.owners(
            List.of(
                new LinkKey("s.test", "a"),
                new LinkKey("s.test", "b"),
                new LinkKey("other.test", "a"),
                new LinkKey("s.test", "never"),
                new LinkKey("other.test", "b"),
                // whatever an edge batch held: no link can be these, and they fail nothing
                new LinkKey("", "a"),
                new LinkKey("s.test/a", ""),
                new LinkKey("s.test", "a/../b")));

    assertThat(found)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new LinkKey("s.test", "a"), "alice",
                new LinkKey("s.test", "b"), "bob",
                new LinkKey("other.test", "a"), "carol"));
  }

  @Test
  void ownersAreKeptAndACodeCreatedAfterItsFirstLookUpIsFoundThen() throws SQLException {
    write(1, new LinkCreated("s.test", "kept", "alice", settings(), T0));
    assertThat(owners.owners(List.of(new LinkKey("s.test", "kept"))))
        .containsEntry(new LinkKey("s.test", "kept"), "alice");
    assertThat(owners.owners(List.of(new LinkKey("s.test", "later")))).isEmpty();

    try (var connection = dataSource.getConnection()) {
      connection.createStatement().execute("DELETE FROM event_journal");
    }
    write(1, new LinkCreated("s.test", "later", "bob", settings(), T0.plusSeconds(5)));

    assertThat(
            owners.owners(List.of(new LinkKey("s.test", "kept"), new LinkKey("s.test", "later"))))
        .as("an owner kept needs no journal; a code with no link then is asked again")
        .isEqualTo(
            Map.of(new LinkKey("s.test", "kept"), "alice", new LinkKey("s.test", "later"), "bob"));
  }

  private static LinkSettings settings() {
    return new LinkSettings("https://example.com/", RedirectType.FOUND, null, null, List.of());
  }

  private void write(long sequenceNumber, LinkEvent event) throws SQLException {
    var serializer = serialization.findSerializerFor(event);
    try (var connection = dataSource.getConnection();
        var insert =
            connection.prepareStatement(
                "INSERT INTO event_journal (persistence_id, sequence_number, event_ser_id,"
                    + " event_ser_manifest, event_payload) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, "Link|" + event.domain() + "/" + event.code());
      insert.setLong(2, sequenceNumber);
      insert.setInt(3, serializer.identifier());
      insert.setString(4, Serializers.manifestFor(serializer, event));
      insert.setBytes(5, serializer.toBinary(event));
      insert.executeUpdate();
    }
  }
}
