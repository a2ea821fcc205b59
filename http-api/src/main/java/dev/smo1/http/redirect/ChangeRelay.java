package dev.smo1.http.redirect;

import java.time.Duration;
import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Publishes link changes to the cluster-wide topic, and publishes the last {@code window} of them
 * again whenever the topic learns of more topic instances. A member that just joined is known to
 * the others only once the receptionist has gossiped its registration; changes published before
 * that would never reach its cache (nor would its own changes reach theirs). Publishing them again
 * is harmless: invalidation is idempotent and version-fenced.
 */
final class ChangeRelay {
  sealed interface Command {}

  record Publish(LinkChanged change) implements Command {}

  private record Tick() implements Command {}

  private record Stats(Topic.TopicStats stats) implements Command {}

  private record Recent(long atNanos, LinkChanged change) {}

  private ChangeRelay() {}

  static Behavior<Command> create(
      ActorRef<Topic.Command<LinkChanged>> topic, Duration window, Duration checkEvery) {
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
                            topic.tell(Topic.publish(publish.change()));
                            recent.addLast(new Recent(System.nanoTime(), publish.change()));
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
                                  .debug(
                                      "link-changes topic now reaches {} instances; publishing {}"
                                          + " recent changes again",
                                      instances,
                                      recent.size());
                              recent.forEach(r -> topic.tell(Topic.publish(r.change())));
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
