package dev.smo1.node.db;

import dev.smo1.node.config.RedisEndpoint;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The Redis clients of a node: fail fast while Redis is unreachable, reconnect by themselves. Over
 * TLS ({@code rediss://}) the server's certificate and host name are always verified, against the
 * endpoint's CA file when it has one.
 */
public final class Redis {
  private Redis() {}

  public static RedisClient client(RedisEndpoint endpoint, ActorSystem<?> system) {
    return client(endpoint, system.settings().config().getDuration("smo1.redis.command-timeout"));
  }

  /** A client whose commands time out after {@code timeout} (blocking reads need longer). */
  public static RedisClient client(RedisEndpoint endpoint, Duration timeout) {
    RedisURI uri = RedisURI.create(endpoint.url());
    if (!endpoint.password().isEmpty()
        && java.net.URI.create(endpoint.url()).getUserInfo() == null) {
      uri.setAuthentication(endpoint.password());
    }
    if (uri.isSsl()) {
      // a URL's verifyPeer=false must not switch verification off in production
      uri.setVerifyPeer(SslVerifyMode.FULL);
    }
    RedisClient client = RedisClient.create(uri);
    var options =
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout));
    endpoint
        .caFile()
        .ifPresent(
            ca ->
                options.sslOptions(
                    SslOptions.builder().jdkSslProvider().trustManager(ca.toFile()).build()));
    client.setOptions(options.build());
    return client;
  }
}
