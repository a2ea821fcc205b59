package dev.smo1.projection;

import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEvent;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;

/**
 * Runs a projection of the link events as one instance per tag ({@link LinkEntity#TAGS}), in a
 * sharded daemon process, so the instances spread over the cluster and move when a member leaves.
 * Each instance reads {@code eventsByTag} from the JDBC read journal.
 */
public final class TaggedProjections {
  private TaggedProjections() {}

  /**
   * @param projection builds the instance of one tag from its id and its source of events
   */
  public static void run(
      ActorSystem<?> system,
      String name,
      BiFunction<ProjectionId, SourceProvider<Offset, EventEnvelope<LinkEvent>>, Projection<?>>
          projection) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            name,
            LinkEntity.TAG_COUNT,
            index -> {
              String tag = LinkEntity.TAGS.get(index);
              return ProjectionBehavior.create(
                  projection.apply(
                      ProjectionId.of(name, tag),
                      EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag)));
            },
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }
}
