package dev.smo1.projection.readmodel;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A check of every stored link target against today's target rules, as the admin route runs it
 * ({@link ReadModelTargetCheck} on the read model; a fake in route tests).
 */
public interface TargetCheck {
  /**
   * Runs the check; the source emits one line per link whose target the rules refuse, then one
   * summary line, and completes.
   */
  Source<String, NotUsed> run();
}
