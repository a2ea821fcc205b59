package dev.smo1.projection.readmodel;

import dev.smo1.link.LinkEvent;
import dev.smo1.projection.JdbcSessions;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/** Applies one link event to the read model, in the projection's transaction. */
public final class LinkReadModelHandler
    extends JdbcHandler<EventEnvelope<LinkEvent>, JdbcSessions.Session> {

  @Override
  public void process(JdbcSessions.Session session, EventEnvelope<LinkEvent> envelope)
      throws Exception {
    session.withConnection(
        connection -> LinksTable.apply(connection, envelope.event(), envelope.sequenceNr()));
  }
}
