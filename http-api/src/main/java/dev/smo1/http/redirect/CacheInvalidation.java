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
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Cluster-wide invalidation of the in-process redirect caches over Pekko's distributed pub-sub: a
 * link entity publishes {@link LinkChanged} after persisting, and every node's subscriber drops the
 * entry from its {@link RedirectCache} and adds the link to its {@link KnownLinks} (a new link is
 * known cluster-wide as soon as the change arrives). Publication goes through a {@link TopicRelay},
 * which repeats recent changes when the topic reaches a member it did not reach before; for a while
 * after another member comes or goes, this node lets every code through to the entity ({@link
 * KnownLinks#distrustFor}), as a change published meanwhile may not have reached it.
 */
public final class CacheInvalidation {
  private static final String TOPIC = "smo1-link-changes";

  /** Changes published again when a member joins: longer than the receptionist's gossip takes. */
  static final Duration REPUBLISH_WINDOW = Duration.ofSeconds(30);

  /**
   * After a membership change seen here, this node's filter of known links is not trusted to say
   * "never created" for this long: the topic may not reach it (or its publishers may not reach the
   * others) until the receptionist's gossip settles, a few seconds at most.
   */
  static final Duration SETTLE_AFTER_MEMBERSHIP_CHANGE = Duration.ofSeconds(10);

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
    // another member coming or going: the topic's reach changes until the gossip settles
    var self = Cluster.get(system).selfMember().uniqueAddress();
    ActorRef<ClusterEvent.MemberEvent> membership =
        system.systemActorOf(
            Behaviors.receive(ClusterEvent.MemberEvent.class)
                .onAnyMessage(
                    event -> {
                      if (!event.member().uniqueAddress().equals(self)) {
                        known.distrustFor(SETTLE_AFTER_MEMBERSHIP_CHANGE);
                      }
                      return Behaviors.same();
                    })
                .build(),
            "known-links-membership",
            Props.empty());
    Cluster.get(system)
        .subscriptions()
        .tell(Subscribe.create(membership, ClusterEvent.MemberEvent.class));
    ActorRef<TopicRelay.Command<LinkChanged>> relay =
        system.systemActorOf(
            TopicRelay.create(topic, TOPIC, REPUBLISH_WINDOW, Duration.ofMillis(250)),
            "link-changes-relay",
            Props.empty());
    return (id, version) ->
        relay.tell(new TopicRelay.Publish<>(new LinkChanged(id.entityId(), version)));
  }
}
