package dev.smo1.webhooks.delivery;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * The {@code smo1.webhooks} settings (see {@code webhooks.conf}).
 *
 * @param retryDelays the waits after each failed attempt; the last repeats
 * @param retryFor how long after it was queued a message is tried; then it has failed
 * @param disableAfter how long an endpoint may fail every attempt before it is disabled
 * @param timeout one attempt, connecting to the last byte of the answer
 * @param pollEvery how often each node looks for messages due
 * @param httpAllowed whether endpoints may be {@code http} (the local profile)
 * @param privateAddressesAllowed whether endpoints may be on private addresses (tests only)
 */
public record WebhookSettings(
    List<Duration> retryDelays,
    Duration retryFor,
    Duration disableAfter,
    Duration timeout,
    Duration pollEvery,
    boolean httpAllowed,
    boolean privateAddressesAllowed) {

  public WebhookSettings {
    retryDelays = List.copyOf(retryDelays);
    if (retryDelays.isEmpty()) {
      throw new IllegalArgumentException("smo1.webhooks.retry-delays needs at least one delay");
    }
  }

  public static WebhookSettings from(Config config) {
    var webhooks = config.getConfig("smo1.webhooks");
    return new WebhookSettings(
        webhooks.getDurationList("retry-delays"),
        webhooks.getDuration("retry-for"),
        webhooks.getDuration("disable-after"),
        webhooks.getDuration("timeout"),
        webhooks.getDuration("poll-every"),
        webhooks.getBoolean("http-allowed"),
        webhooks.getBoolean("private-addresses-allowed"));
  }

  /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
  public Duration delayAfter(int attempts) {
    return retryDelays.get(Math.min(attempts, retryDelays.size()) - 1);
  }
}
