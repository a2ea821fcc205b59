package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The entity announces every persisted change, with its sequence number, and nothing else. */
class LinkChangesTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          EventSourcedBehaviorTestKit.config()
              .withFallback(com.typesafe.config.ConfigFactory.load()));

  record Change(LinkId id, long version) {}

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void everyPersistedEventIsAnnouncedWithItsSequenceNumber() {
    List<Change> changes = new CopyOnWriteArrayList<>();
    var id = new LinkId("s.test", "announced");
    EventSourcedBehaviorTestKit<LinkCommand, LinkEvent, LinkState> kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            LinkEntity.create(
                id,
                new LinkPolicy(Set.of("s.test")),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC),
                100,
                (changed, version) -> changes.add(new Change(changed, version))));
    var draft = new LinkDraft("https://example.com/", null, null, null, null);

    kit.<LinkReply>runCommand(replyTo -> new LinkCommand.Create("alice", draft, replyTo));
    kit.<LinkReply>runCommand(replyTo -> new LinkCommand.Create("alice", draft, replyTo));
    kit.<LinkReply>runCommand(replyTo -> new LinkCommand.Get("alice", replyTo));
    kit.<LinkReply>runCommand(replyTo -> new LinkCommand.Disable("alice", replyTo));
    kit.<LinkReply>runCommand(replyTo -> new LinkCommand.Disable("alice", replyTo));
    kit.<LinkReply>runCommand(replyTo -> new LinkCommand.Delete("bob", replyTo));
    kit.<LinkReply>runCommand(replyTo -> new LinkCommand.Delete("alice", replyTo));

    assertThat(changes).containsExactly(new Change(id, 1), new Change(id, 2), new Change(id, 3));
  }
}
