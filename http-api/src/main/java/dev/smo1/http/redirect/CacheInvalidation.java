package dev.smo1.http.redirect;

import dev.smo1.cluster.TopicRelay;
import dev.smo1.link.LinkChanges;
import dev.smo1.link.known.KnownLinks;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Cluster-wide invalidation of the in-process redirect caches over Pekko's distributed pub-sub: a
 * link entity publishes {@link LinkChanged} after persisting, and every node's subscriber drops the
 * entry from its {@link RedirectCache} and adds the link to its {@link KnownLinks} (a new link is
 * known cluster-wide as soon as the change arrives). Publication goes through a {@link TopicRelay},
 * which repeats recent changes when the topic reaches a member it did not reach before.
 */
public final class CacheInvalidation {
  private static final String TOPIC = "smo1-link-changes";

  /** Changes published again when a member joins: longer than the receptionist's gossip takes. */
  static final Duration REPUBLISH_WINDOW = Duration.ofSeconds(30);

  private CacheInvalidation() {}

  /** Subscribes this node's cache and returns what the link entities publish through. */
  public static LinkChanges start(ActorSystem<?> system, RedirectCache cache, KnownLinks known) {
    ActorRef<Topic.Command<LinkChanged>> topic =
        system.systemActorOf(Topic.create(LinkChanged.class, TOPIC), "link-changes", Props.empty());
    ActorRef<LinkChanged> subscriber =
        system.systemActorOf(
            Behaviors.receive(LinkChanged.class)
                .onMessage(
                    LinkChanged.class,
                    changed -> {
                      known.add(changed.entityId());
                      cache.invalidate(changed.entityId(), changed.version());
                      return Behaviors.same();
                    })
                .build(),
            "redirect-cache-invalidation",
            Props.empty());
    topic.tell(Topic.subscribe(subscriber));
    ActorRef<TopicRelay.Command<LinkChanged>> relay =
        system.systemActorOf(
            TopicRelay.create(topic, TOPIC, REPUBLISH_WINDOW, Duration.ofMillis(250)),
            "link-changes-relay",
            Props.empty());
    return (id, version) ->
        relay.tell(new TopicRelay.Publish<>(new LinkChanged(id.entityId(), version)));
  }
}
