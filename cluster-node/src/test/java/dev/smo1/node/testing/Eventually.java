package dev.smo1.node.testing;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;

/** Checks that come true within a while: asked again every 100 ms until they pass or time is up. */
public final class Eventually {
  private Eventually() {}

  /** A check that may throw anything; its last failure is the test's. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  public static void within(ActorSystem<?> system, Duration max, Check check) {
    TestProbe.create(system)
        .awaitAssert(
            max,
            Duration.ofMillis(100),
            () -> {
              try {
                check.run();
              } catch (Exception e) {
                throw new AssertionError(e);
              }
              return null;
            });
  }
}
