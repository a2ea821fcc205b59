package dev.smo1.projection.readmodel;

import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEvent;
import dev.smo1.projection.JdbcSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.ExactlyOnceProjection;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The {@code links} read model: one exactly-once JDBC projection per tag, run as a sharded daemon
 * process so the instances spread over the cluster and move when a member leaves.
 */
public final class ReadModelProjection {
  public static final String NAME = "links-read-model";

  private ReadModelProjection() {}

  public static void init(ActorSystem<?> system, JdbcSessions sessions) {
    List<String> tags = tags();
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            tags.size(),
            index -> ProjectionBehavior.create(projection(system, sessions, tags.get(index))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  static ExactlyOnceProjection<Offset, EventEnvelope<LinkEvent>> projection(
      ActorSystem<?> system, JdbcSessions sessions, String tag) {
    SourceProvider<Offset, EventEnvelope<LinkEvent>> source =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
    return JdbcProjection.exactlyOnce(
            ProjectionId.of(NAME, tag), source, sessions::open, LinkReadModelHandler::new, system)
        .withRestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);
  }

  static List<String> tags() {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < LinkEntity.TAG_COUNT; i++) {
      tags.add("link-" + i);
    }
    return tags;
  }
}
