package dev.smo1.projection;

import org.apache.pekko.Done;
import org.apache.pekko.stream.testkit.TestSubscriber;

/** Reading a projection run through {@code ProjectionTestKit.runWithTestSink}. */
public final class ProjectionProbe {
  private ProjectionProbe() {}

  /**
   * Waits for the projection to fail and returns why; fails if it handles more than {@code handled}
   * elements first. Their {@code Done}s may or may not reach the probe: the failure can overtake
   * them on the way although their offsets were saved.
   */
  public static Throwable failure(TestSubscriber.Probe<Done> probe, int handled) {
    int done = 0;
    while (true) {
      var event = probe.expectEvent();
      if (event instanceof TestSubscriber.OnError error) {
        return error.cause();
      }
      if (!(event instanceof TestSubscriber.OnNext<?>) || ++done > handled) {
        throw new AssertionError(
            "expected the projection to fail after " + handled + " elements, got " + event);
      }
    }
  }
}
