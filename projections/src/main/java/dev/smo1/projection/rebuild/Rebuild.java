package dev.smo1.projection.rebuild;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** A rebuild of the projections from the journal, as the admin route starts it. */
public interface Rebuild {
  /** Runs the rebuild; the source emits one progress line at a time and completes when done. */
  Source<String, NotUsed> run();
}
