package dev.smo1.accounts.workspace;

import dev.smo1.projection.JdbcSessions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The workspace read model ({@code workspaces}, {@code workspace_members}): which workspaces a user
 * belongs to, for listings. Exactly once (rows and offset in one transaction), one instance (one
 * tag). Roles for authorization are asked of the entity, never read here: a removed member loses
 * access at once, not after the projection catches up.
 */
public final class WorkspaceProjection {
  public static final String NAME = "workspaces-read-model";

  private WorkspaceProjection() {}

  public static void init(ActorSystem<?> system, JdbcSessions sessions) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            1,
            index ->
                ProjectionBehavior.create(
                    JdbcProjection.groupedWithin(
                            ProjectionId.of(NAME, WorkspaceEntity.TAG),
                            EventSourcedProvider.<WorkspaceEvent>eventsByTag(
                                system, JdbcReadJournal.Identifier(), WorkspaceEntity.TAG),
                            sessions::open,
                            Handler::new,
                            system)
                        .withGroup(50, Duration.ofMillis(20))
                        .withRestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  /** Applies a group of workspace events in the projection's transaction. */
  static final class Handler
      extends JdbcHandler<List<EventEnvelope<WorkspaceEvent>>, JdbcSessions.Session> {
    @Override
    public void process(JdbcSessions.Session session, List<EventEnvelope<WorkspaceEvent>> envelopes)
        throws Exception {
      session.withConnection(
          connection -> {
            try {
              for (var envelope : envelopes) {
                WorkspaceTables.apply(connection, envelope.event(), envelope.sequenceNr());
              }
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException("workspace projection write failed", e);
            }
            return null;
          });
    }
  }
}
