package dev.smo1.link;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Tuning of the link entity, read once from {@code smo1.links}.
 *
 * @param snapshotEvery events between snapshots; two snapshots are kept
 * @param askTimeout how long API and redirect calls wait for an entity
 */
public record LinkEntitySettings(
    String defaultDomain, int codeLength, int snapshotEvery, Duration askTimeout) {

  public static LinkEntitySettings from(Config config) {
    Config links = config.getConfig("smo1.links");
    return new LinkEntitySettings(
        links.getString("default-domain"),
        links.getInt("code-length"),
        links.getInt("snapshot-every"),
        links.getDuration("ask-timeout"));
  }
}
