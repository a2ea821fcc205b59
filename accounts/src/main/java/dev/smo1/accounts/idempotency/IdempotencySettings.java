package dev.smo1.accounts.idempotency;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The settings of {@code smo1.idempotency} (idempotency.conf), read once.
 *
 * @param retention how long a key is kept after its first request
 * @param inFlightLease how long an attempt holds its key unless it ends first
 * @param purgeInterval how often expired keys are deleted
 */
public record IdempotencySettings(
    Duration retention, Duration inFlightLease, Duration purgeInterval) {

  public IdempotencySettings {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("smo1.idempotency.retention must be positive");
    }
    if (inFlightLease.isNegative() || inFlightLease.isZero()) {
      throw new IllegalArgumentException("smo1.idempotency.in-flight-lease must be positive");
    }
    if (purgeInterval.isNegative() || purgeInterval.isZero()) {
      throw new IllegalArgumentException("smo1.idempotency.purge-interval must be positive");
    }
  }

  public static IdempotencySettings from(Config config) {
    Config idempotency = config.getConfig("smo1.idempotency");
    return new IdempotencySettings(
        idempotency.getDuration("retention"),
        idempotency.getDuration("in-flight-lease"),
        idempotency.getDuration("purge-interval"));
  }
}
