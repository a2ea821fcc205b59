package dev.smo1.node.config;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where and how the node keeps Workers KV in sync: the Cloudflare API (or the local edge's stand-in
 * for it), the account, the namespace, the API token, and how many bulk requests per second this
 * node may start: its even share of the cluster's budget (Cloudflare allows 1,200 per 5 minutes per
 * user), or a fixed rate when one is set.
 */
public record EdgeKvSettings(
    URI apiUrl,
    String accountId,
    String namespaceId,
    String apiToken,
    double clusterRequestsPerSecond,
    OptionalDouble fixedRequestsPerSecond,
    Duration requestTimeout) {

  /** This node's rate with {@code membersUp} members up (itself included, so at least 1). */
  public double requestsPerSecond(int membersUp) {
    return fixedRequestsPerSecond.orElse(clusterRequestsPerSecond / Math.max(1, membersUp));
  }

  /** Empty when no namespace is configured (KV sync off); otherwise every value is required. */
  static Optional<EdgeKvSettings> from(Config smo1) {
    Config kv = smo1.getConfig("edge.kv");
    if (!kv.hasPath("namespace-id") || kv.getString("namespace-id").isBlank()) {
      return Optional.empty();
    }
    for (var required :
        List.of(
            List.of("account-id", "SMO1_CLOUDFLARE_ACCOUNT_ID"),
            List.of("api-token", "SMO1_CLOUDFLARE_API_TOKEN"))) {
      if (!kv.hasPath(required.get(0)) || kv.getString(required.get(0)).isBlank()) {
        throw new IllegalStateException(
            required.get(1)
                + " is required when SMO1_EDGE_KV_NAMESPACE_ID is set (smo1.edge.kv."
                + required.get(0)
                + "); see the configuration table in README.md");
      }
    }
    double cluster =
        positive(kv, "cluster-requests-per-second", "SMO1_EDGE_KV_CLUSTER_REQUESTS_PER_SECOND");
    OptionalDouble fixed =
        kv.hasPath("max-requests-per-second")
            ? OptionalDouble.of(
                positive(kv, "max-requests-per-second", "SMO1_EDGE_KV_MAX_REQUESTS_PER_SECOND"))
            : OptionalDouble.empty();
    return Optional.of(
        new EdgeKvSettings(
            URI.create(kv.getString("api-url")),
            kv.getString("account-id"),
            kv.getString("namespace-id"),
            kv.getString("api-token"),
            cluster,
            fixed,
            kv.getDuration("request-timeout")));
  }

  private static double positive(Config kv, String path, String variable) {
    double rate = kv.getDouble(path);
    if (!(rate > 0)) {
      throw new IllegalStateException(variable + " must be positive");
    }
    return rate;
  }

  @Override
  public String toString() {
    return "EdgeKvSettings[apiUrl="
        + apiUrl
        + ", accountId="
        + accountId
        + ", namespaceId="
        + namespaceId
        + ", apiToken=<redacted>, clusterRequestsPerSecond="
        + clusterRequestsPerSecond
        + ", fixedRequestsPerSecond="
        + fixedRequestsPerSecond
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }
}
