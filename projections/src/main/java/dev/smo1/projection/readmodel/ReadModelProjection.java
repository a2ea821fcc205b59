package dev.smo1.projection.readmodel;

import dev.smo1.projection.JdbcSessions;
import dev.smo1.projection.TaggedProjections;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The {@code links} read model: one exactly-once JDBC projection per tag ({@link
 * TaggedProjections}); each row and its offset commit in one transaction.
 */
public final class ReadModelProjection {
  public static final String NAME = "links-read-model";

  private ReadModelProjection() {}

  public static void init(ActorSystem<?> system, JdbcSessions sessions) {
    TaggedProjections.run(
        system,
        NAME,
        (id, source) ->
            JdbcProjection.exactlyOnce(
                    id, source, sessions::open, LinkReadModelHandler::new, system)
                .withRestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2));
  }
}
