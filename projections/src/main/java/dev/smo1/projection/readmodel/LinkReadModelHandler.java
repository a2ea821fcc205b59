package dev.smo1.projection.readmodel;

import dev.smo1.link.LinkEvent;
import dev.smo1.projection.JdbcSessions;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Applies a group of link events to the read model, in order, in the projection's transaction (the
 * group's offset commits in the same transaction). A page of a rebuild ({@link ReadModelRebuild})
 * does not run while the transaction does.
 */
public final class LinkReadModelHandler
    extends JdbcHandler<List<EventEnvelope<LinkEvent>>, JdbcSessions.Session> {

  @Override
  public void process(JdbcSessions.Session session, List<EventEnvelope<LinkEvent>> envelopes)
      throws Exception {
    session.withConnection(
        connection -> {
          ReadModelRebuild.awaitNoRebuild(connection);
          for (EventEnvelope<LinkEvent> envelope : envelopes) {
            LinksTable.apply(connection, envelope.event(), envelope.sequenceNr());
          }
          return null;
        });
  }
}
