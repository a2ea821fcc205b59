package dev.smo1.projection.readmodel;

import dev.smo1.projection.JdbcSessions;
import dev.smo1.projection.TaggedProjections;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The {@code links} read model: one exactly-once JDBC projection per tag ({@link
 * TaggedProjections}). Events are applied in groups (up to {@link #GROUP_SIZE} events or {@link
 * #GROUP_WAIT}), and each group's rows and its offset commit in one transaction: exactly-once, with
 * one commit per group instead of one per event under load.
 */
public final class ReadModelProjection {
  public static final String NAME = "links-read-model";
  static final int GROUP_SIZE = 100;
  static final Duration GROUP_WAIT = Duration.ofMillis(20);

  private ReadModelProjection() {}

  public static void init(ActorSystem<?> system, JdbcSessions sessions) {
    TaggedProjections.run(
        system,
        NAME,
        (id, source) ->
            JdbcProjection.groupedWithin(
                    id, source, sessions::open, LinkReadModelHandler::new, system)
                .withGroup(GROUP_SIZE, GROUP_WAIT)
                .withRestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2));
  }
}
