package dev.smo1.node.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The node's own settings, read once from {@code smo1}. Production values are required: a missing
 * one stops start-up with a message that names its environment variable.
 */
public record NodeSettings(
    String profile,
    Path dataDir,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    Duration dbConnectionTimeout,
    Optional<RedisEndpoint> redis,
    Optional<RedisEndpoint> clickStreamRedis,
    List<String> seedNodes,
    Optional<String> discoveryMethod,
    Optional<EdgeKvSettings> edgeKv,
    Optional<String> edgeClickSecret,
    Duration edgeClickWindow) {

  public static NodeSettings from(Config config) {
    Config smo1 = config.getConfig("smo1");
    String profile = smo1.getString("profile");
    Optional<String> dbUrl = optional(smo1, "db.url");
    if (dbUrl.isEmpty() && !isLocal(profile)) {
      throw new IllegalStateException(
          "SMO1_DB_URL is required (a jdbc:postgresql:// URL); "
              + "or run with SMO1_PROFILE=local for an embedded PostgreSQL");
    }
    require(smo1, "links.default-domain", "SMO1_SHORT_DOMAIN");
    require(smo1, "http.public-base-url", "SMO1_PUBLIC_BASE_URL");
    List<String> seeds =
        Arrays.stream(smo1.getString("cluster.seed-nodes").split(","))
            .map(String::trim)
            .filter(seed -> !seed.isEmpty())
            .toList();
    Optional<String> discovery = optional(smo1, "cluster.discovery-method");
    if (discovery.isPresent() && !seeds.isEmpty()) {
      throw new IllegalStateException(
          "set either SMO1_SEED_NODES or SMO1_DISCOVERY_METHOD (Cluster Bootstrap), not both");
    }
    return new NodeSettings(
        profile,
        Path.of(smo1.getString("data-dir")),
        dbUrl,
        smo1.getString("db.user"),
        smo1.getString("db.password"),
        smo1.getInt("db.pool-size"),
        smo1.getDuration("db.connection-timeout"),
        RedisEndpoint.from(smo1, "redis", "SMO1_REDIS_URL"),
        RedisEndpoint.from(smo1, "redis.click-stream", "SMO1_CLICK_STREAM_REDIS_URL"),
        seeds,
        discovery,
        EdgeKvSettings.from(smo1),
        optional(smo1, "edge.click-secret"),
        smo1.getDuration("edge.click-window"));
  }

  @Override
  public String toString() {
    return "NodeSettings[profile="
        + profile
        + ", dataDir="
        + dataDir
        + ", dbUrl="
        + dbUrl
        + ", redis="
        + redis
        + ", clickStreamRedis="
        + clickStreamRedis
        + ", seedNodes="
        + seedNodes
        + ", discoveryMethod="
        + discoveryMethod
        + ", edgeKv="
        + edgeKv
        + ", secrets redacted]";
  }

  public boolean local() {
    return isLocal(profile);
  }

  private static boolean isLocal(String profile) {
    return NodeConfig.LOCAL_PROFILE.equals(profile);
  }

  private static Optional<String> optional(Config config, String path) {
    return config.hasPath(path) && !config.getString(path).isBlank()
        ? Optional.of(config.getString(path))
        : Optional.empty();
  }

  private static void require(Config config, String path, String variable) {
    if (optional(config, path).isEmpty()) {
      throw new IllegalStateException(
          variable + " is required (smo1." + path + "); see the configuration table in README.md");
    }
  }
}
