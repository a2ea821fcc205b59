package dev.smo1.node.db;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;

/** The Redis client of a node: fails fast while Redis is unreachable, reconnects by itself. */
public final class Redis {
  private Redis() {}

  public static RedisClient client(String url, ActorSystem<?> system) {
    return client(url, system.settings().config().getDuration("smo1.redis.command-timeout"));
  }

  /** A client whose commands time out after {@code timeout} (blocking reads need longer). */
  public static RedisClient client(String url, Duration timeout) {
    RedisClient client = RedisClient.create(url);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    return client;
  }
}
