package dev.smo1.projection.known;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The membership filter of {@code smo1.links.known}.
 *
 * @param capacity links the first filter is sized for (it doubles when outgrown)
 * @param falsePositiveRate the share of unknown codes let through to their entity at capacity
 * @param pollInterval how often the journal is read for links the cluster's topic did not bring
 * @param gapTimeout how long a hole in the journal's orderings is waited for before it is taken for
 *     a rolled-back write
 */
public record KnownLinksSettings(
    long capacity, double falsePositiveRate, Duration pollInterval, Duration gapTimeout) {

  public KnownLinksSettings {
    if (capacity < 1_000) {
      throw new IllegalArgumentException("smo1.links.known.capacity must be at least 1000");
    }
    if (!(falsePositiveRate > 0 && falsePositiveRate <= 0.1)) {
      throw new IllegalArgumentException(
          "smo1.links.known.false-positive-rate must be in (0, 0.1]");
    }
  }

  public static KnownLinksSettings from(Config config) {
    Config known = config.getConfig("smo1.links.known");
    return new KnownLinksSettings(
        known.getLong("capacity"),
        known.getDouble("false-positive-rate"),
        known.getDuration("poll-interval"),
        known.getDuration("gap-timeout"));
  }
}
