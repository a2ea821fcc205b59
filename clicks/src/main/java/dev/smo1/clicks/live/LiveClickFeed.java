package dev.smo1.clicks.live;

import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** Each link's clicks as they reach the click stream, for live views ({@link LiveClicks}). */
public interface LiveClickFeed {
  /**
   * The clicks of the link from now on, until the returned source is cancelled; empty when no more
   * views may open on this node.
   */
  Optional<Source<LiveClick, NotUsed>> watch(String domain, String code);
}
