package dev.smo1.clicks;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Click settings, read once from {@code smo1.clicks}: the buffer's dedupe window, ClickHouse
 * (optional: without it clicks wait in the Redis buffer and analytics is off; analytics may query
 * as a user of its own, whose ClickHouse profile bounds it), the consumer's batching, claiming and
 * retries, the caches it enriches clicks from, and origin clicks.
 */
public record ClickSettings(
    Duration dedupeWindow,
    Optional<String> clickHouseUrl,
    String clickHouseUser,
    String clickHousePassword,
    String clickHouseDatabase,
    Duration clickHouseTimeout,
    Duration analyticsQueryTimeout,
    Optional<Path> clickHouseCaFile,
    Optional<String> analyticsUser,
    String analyticsPassword,
    Ingest ingest,
    Origin origin,
    Duration streamMetricsInterval,
    Retention retention,
    PerWorkspace analyticsPerWorkspace,
    int liveViewersPerNode) {

  /**
   * Analytics reports of one workspace under way on one node: {@code running} at once, {@code
   * waiting} more in order, the rest refused ({@link
   * dev.smo1.clicks.analytics.WorkspaceLimitedReports}).
   */
  public record PerWorkspace(int running, int waiting) {}

  /**
   * How long raw clicks are kept ({@link ClickRetention}): {@code months} whole months past the
   * current one, checked every {@code checkEvery}; the rollups are kept.
   */
  public record Retention(int months, Duration checkEvery) {}

  /** The consumer every node runs (Redis stream → ClickHouse). */
  public record Ingest(
      int readCount,
      int batchSize,
      Duration batchWindow,
      Duration claimIdle,
      Duration claimEvery,
      Duration retryMin,
      Duration retryMax,
      Duration schemaRetryMax,
      int ownerCacheSize,
      int userAgentCacheSize) {}

  /** Clicks of the redirects this node answers. */
  public record Origin(
      boolean enabled, Duration maxWait, int maxBatch, int maxWritesInFlight, int maxQueued) {}

  public static ClickSettings from(Config smo1) {
    Config clicks = smo1.getConfig("clicks");
    Config clickHouse = clicks.getConfig("clickhouse");
    Config ingest = clicks.getConfig("ingest");
    Config origin = clicks.getConfig("origin");
    int batchSize = ingest.getInt("batch-size");
    if (batchSize < 1 || batchSize > 1_000_000) {
      throw new IllegalStateException("smo1.clicks.ingest.batch-size must be 1 to 1,000,000");
    }
    String database = clickHouse.getString("database");
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalStateException(
          "SMO1_CLICKHOUSE_DATABASE must be a plain identifier, was: " + database);
    }
    return new ClickSettings(
        clicks.getDuration("dedupe-window"),
        optional(clickHouse, "url"),
        clickHouse.getString("user"),
        clickHouse.getString("password"),
        database,
        clickHouse.getDuration("timeout"),
        clicks.getDuration("analytics-query-timeout"),
        optional(clickHouse, "ca-file").map(Path::of),
        optional(clickHouse, "analytics-user"),
        clickHouse.getString("analytics-password"),
        new Ingest(
            positive(ingest, "read-count"),
            batchSize,
            ingest.getDuration("batch-window"),
            ingest.getDuration("claim-idle"),
            ingest.getDuration("claim-every"),
            ingest.getDuration("retry-min"),
            ingest.getDuration("retry-max"),
            ingest.getDuration("schema-retry-max"),
            positive(ingest, "owner-cache-size"),
            positive(ingest, "user-agent-cache-size")),
        new Origin(
            origin.getBoolean("enabled"),
            origin.getDuration("max-wait"),
            positive(origin, "max-batch"),
            positive(origin, "max-writes-in-flight"),
            positive(origin, "max-queued")),
        clicks.getDuration("stream-metrics-interval"),
        new Retention(retentionMonths(clicks), clicks.getDuration("retention.check-every")),
        new PerWorkspace(
            positive(clicks, "analytics-per-workspace.running"),
            clicks.getInt("analytics-per-workspace.waiting")),
        positive(clicks, "live-viewers-per-node"));
  }

  private static int retentionMonths(Config clicks) {
    int months = clicks.getInt("retention.months");
    if (months < 1 || months > 1200) {
      throw new IllegalStateException(
          "smo1.clicks.retention.months (SMO1_CLICKS_RETENTION_MONTHS) must be 1 to 1200, was "
              + months);
    }
    return months;
  }

  private static int positive(Config config, String path) {
    int value = config.getInt(path);
    if (value < 1) {
      throw new IllegalStateException(path + " must be at least 1, was " + value);
    }
    return value;
  }

  private static Optional<String> optional(Config config, String path) {
    return config.hasPath(path) && !config.getString(path).isBlank()
        ? Optional.of(config.getString(path).strip())
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "ClickSettings[clickHouseUrl="
        + clickHouseUrl
        + ", database="
        + clickHouseDatabase
        + ", analyticsUser="
        + analyticsUser
        + ", ingest="
        + ingest
        + ", origin="
        + origin
        + ", retention="
        + retention
        + ", passwords redacted]";
  }
}
