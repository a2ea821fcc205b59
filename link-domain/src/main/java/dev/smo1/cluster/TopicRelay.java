package dev.smo1.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Publishes messages to a cluster-wide topic, and publishes those of the last {@code window} again
 * whenever the topic learns of more topic instances. The topic reaches a member only once the
 * receptionist has gossiped that member's registration, a moment after it is Up (or after it joins,
 * for a node that served requests before): a message published before then would never reach it. So
 * only idempotent messages go through a relay (cache invalidations, key revocations), and the
 * window is as long as a receiver may act on what the message corrects. Node-local: only the
 * topic's messages cross the wire.
 */
public final class TopicRelay {
  /** What the relay is told; {@link Publish} is the only message for its users. */
  public sealed interface Command<T> {}

  public record Publish<T>(T message) implements Command<T> {}

  private record Tick<T>() implements Command<T> {}

  private record Stats<T>(Topic.TopicStats stats) implements Command<T> {}

  private record Recent<T>(long atNanos, T message) {}

  private TopicRelay() {}

  /**
   * @param name the topic's name, for the log line when recent messages are published again
   * @param checkEvery how often the topic's instances are counted
   */
  public static <T> Behavior<Command<T>> create(
      ActorRef<Topic.Command<T>> topic, String name, Duration window, Duration checkEvery) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(new Tick<T>(), checkEvery);
                  ActorRef<Topic.TopicStats> statsAdapter =
                      context.messageAdapter(Topic.TopicStats.class, stats -> new Stats<T>(stats));
                  var recent = new ArrayDeque<Recent<T>>();
                  int[] knownInstances = {0};
                  return Behaviors.<Command<T>>receiveMessage(
                      command -> {
                        switch (command) {
                          case Publish<T> publish -> {
                            topic.tell(Topic.publish(publish.message()));
                            recent.addLast(new Recent<>(System.nanoTime(), publish.message()));
                            forget(recent, window);
                          }
                          case Tick<T> tick -> {
                            forget(recent, window);
                            topic.tell(Topic.getTopicStats(statsAdapter));
                          }
                          case Stats<T> stats -> {
                            int instances = stats.stats().topicInstanceCount();
                            if (instances > knownInstances[0] && !recent.isEmpty()) {
                              context
                                  .getLog()
                                  .info(
                                      "topic={} now reaches instances={}; publishing recent"
                                          + " messages again count={}",
                                      name,
                                      instances,
                                      recent.size());
                              recent.forEach(r -> topic.tell(Topic.publish(r.message())));
                            }
                            knownInstances[0] = instances;
                          }
                        }
                        return Behaviors.same();
                      });
                }));
  }

  private static <T> void forget(ArrayDeque<Recent<T>> recent, Duration window) {
    long oldest = System.nanoTime() - window.toNanos();
    while (!recent.isEmpty() && recent.peekFirst().atNanos() < oldest) {
      recent.removeFirst();
    }
  }
}
