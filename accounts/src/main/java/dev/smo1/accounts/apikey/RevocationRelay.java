package dev.smo1.accounts.apikey;

import java.time.Duration;
import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Publishes revocations to the cluster-wide topic, and publishes those of the last {@code window}
 * again whenever the topic learns of more topic instances. The topic reaches a member only once the
 * receptionist has gossiped that member's registration, a moment after it is Up (or after it joins,
 * for a node that served requests before): a revocation published before then would never reach
 * that member's cache, which would go on accepting the key until its cache entry expires. The
 * window is as long as a node may keep a key cached, so every node that could still hold the key
 * hears of the revocation. Publishing again is harmless: forgetting a key is idempotent.
 */
final class RevocationRelay {
  sealed interface Command {}

  record Publish(KeyRevoked revocation) implements Command {}

  private record Tick() implements Command {}

  private record Stats(Topic.TopicStats stats) implements Command {}

  private record Recent(long atNanos, KeyRevoked revocation) {}

  private RevocationRelay() {}

  static Behavior<Command> create(
      ActorRef<Topic.Command<KeyRevoked>> topic, Duration window, Duration checkEvery) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(new Tick(), checkEvery);
                  ActorRef<Topic.TopicStats> statsAdapter =
                      context.messageAdapter(Topic.TopicStats.class, Stats::new);
                  var recent = new ArrayDeque<Recent>();
                  int[] knownInstances = {0};
                  return Behaviors.receive(Command.class)
                      .onMessage(
                          Publish.class,
                          publish -> {
                            topic.tell(Topic.publish(publish.revocation()));
                            recent.addLast(new Recent(System.nanoTime(), publish.revocation()));
                            forget(recent, window);
                            return Behaviors.same();
                          })
                      .onMessage(
                          Tick.class,
                          tick -> {
                            forget(recent, window);
                            topic.tell(Topic.getTopicStats(statsAdapter));
                            return Behaviors.same();
                          })
                      .onMessage(
                          Stats.class,
                          stats -> {
                            int instances = stats.stats().topicInstanceCount();
                            if (instances > knownInstances[0] && !recent.isEmpty()) {
                              context
                                  .getLog()
                                  .info(
                                      "key-revocations topic now reaches instances={};"
                                          + " publishing recent revocations again count={}",
                                      instances,
                                      recent.size());
                              recent.forEach(r -> topic.tell(Topic.publish(r.revocation())));
                            }
                            knownInstances[0] = instances;
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  private static void forget(ArrayDeque<Recent> recent, Duration window) {
    long oldest = System.nanoTime() - window.toNanos();
    while (!recent.isEmpty() && recent.peekFirst().atNanos() < oldest) {
      recent.removeFirst();
    }
  }
}
