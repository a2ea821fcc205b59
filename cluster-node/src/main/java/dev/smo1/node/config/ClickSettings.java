package dev.smo1.node.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Optional;

/**
 * Click settings, read once from {@code smo1.clicks}: ClickHouse (optional: without it clicks wait
 * in the Redis buffer and analytics is off), the consumer's batching and claiming, and origin
 * clicks.
 */
public record ClickSettings(
    Duration dedupeWindow,
    Optional<String> clickHouseUrl,
    String clickHouseUser,
    String clickHousePassword,
    String clickHouseDatabase,
    Duration clickHouseTimeout,
    int batchSize,
    Duration batchWindow,
    Duration claimIdle,
    Duration claimEvery,
    boolean originClicks,
    Optional<String> countryHeader,
    Optional<String> clientAddressHeader,
    Duration originMaxWait) {

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
        batchSize,
        ingest.getDuration("batch-window"),
        ingest.getDuration("claim-idle"),
        ingest.getDuration("claim-every"),
        origin.getBoolean("enabled"),
        optional(origin, "country-header"),
        optional(origin, "client-address-header"),
        origin.getDuration("max-wait"));
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
        + ", batchSize="
        + batchSize
        + ", batchWindow="
        + batchWindow
        + ", originClicks="
        + originClicks
        + ", password redacted]";
  }
}
