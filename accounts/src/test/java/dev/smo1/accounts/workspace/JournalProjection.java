package dev.smo1.accounts.workspace;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The workspace read model for tests whose entities persist to the persistence testkit's journal:
 * applies every tagged workspace event so far, as the projection would (idempotent, so catching up
 * again from the start changes only what is new).
 */
public final class JournalProjection {
  private JournalProjection() {}

  public static void catchUp(ActorSystem<?> system, DataSource dataSource) throws Exception {
    List<EventEnvelope> envelopes =
        PersistenceQuery.get(Adapter.toClassic(system))
            .getReadJournalFor(
                PersistenceTestKitReadJournal.class, PersistenceTestKitReadJournal.Identifier())
            .currentEventsByTag(WorkspaceEntity.TAG, Offset.noOffset())
            .runWith(Sink.seq(), system)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      for (var envelope : envelopes) {
        WorkspaceTables.apply(connection, (WorkspaceEvent) envelope.event(), envelope.sequenceNr());
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("read model not caught up", e);
    }
  }

  /** Every workspace event so far, oldest first. */
  public static List<WorkspaceEvent> events(ActorSystem<?> system) throws Exception {
    return PersistenceQuery.get(Adapter.toClassic(system))
        .getReadJournalFor(
            PersistenceTestKitReadJournal.class, PersistenceTestKitReadJournal.Identifier())
        .currentEventsByTag(WorkspaceEntity.TAG, Offset.noOffset())
        .map(envelope -> (WorkspaceEvent) envelope.event())
        .runWith(Sink.seq(), system)
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }
}
