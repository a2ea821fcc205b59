package dev.smo1.node.testing;

import dev.smo1.accounts.Secrets;
import dev.smo1.http.testing.contract.ContractCheck;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.config.NodeConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts real nodes in this JVM on free ports against a test database, every answer of their HTTP
 * port checked against the API's contract ({@link ContractCheck}: a test whose answers break it
 * fails).
 */
public final class TestNodes {
  public static final String SHORT_DOMAIN = "s.test";
  public static final String PUBLIC_BASE_URL = "http://s.test";
  public static final String OWNER = "alice";
  public static final String OWNER_KEY = "smo1_testKeyOfAliceAAAAAAAAAAAAAAAAAAAAAAAAAA";
  public static final String OTHER_OWNER = "bob";
  public static final String OTHER_OWNER_KEY = "smo1_testKeyOfBobBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

  private TestNodes() {}

  /** Configuration overrides of a test node; {@code smo1.profile=test} requires every value. */
  public static Map<String, Object> overrides(String jdbcUrl) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("smo1.profile", "test");
    overrides.put("smo1.db.url", jdbcUrl);
    overrides.put("smo1.db.user", "postgres");
    overrides.put("smo1.db.password", "");
    overrides.put("smo1.http.host", "127.0.0.1");
    overrides.put("smo1.http.port", 0);
    overrides.put("smo1.http.public-base-url", PUBLIC_BASE_URL);
    overrides.put("smo1.links.default-domain", SHORT_DOMAIN);
    // slack for a test node's first create (it allocates shards and opens the journal's
    // connections) on a loaded machine; tests of timeouts set their own. (MetricsIT's 503 beside
    // a second test JVM was not this timeout: it came back with 15 s; see cluster-node's pom)
    overrides.put("smo1.links.ask-timeout", "15s");
    overrides.put("smo1.accounts.ask-timeout", "15s");
    overrides.put("smo1.links.access-secret", LocalEdge.ACCESS_SECRET);
    overrides.put("smo1.bootstrap.api-key", OWNER_KEY);
    overrides.put("smo1.bootstrap.workspace", OWNER);
    // no example link in the owner's workspace: tests count and list its links (the browser tests
    // follow it)
    overrides.put("smo1.bootstrap.example-link.alias", "");
    // tests of other features measure the platform, not the limiter (as the local profile does);
    // the rate limit tests use workspaces of their own
    overrides.put("smo1.rate-limits.exempt-workspaces", OWNER + "," + OTHER_OWNER);
    // nor by the plans: the quota tests use workspaces of their own
    overrides.put("smo1.billing.enterprise-workspaces", OWNER);
    overrides.put("pekko.remote.artery.canonical.port", 0);
    overrides.put("pekko.remote.artery.canonical.hostname", "127.0.0.1");
    overrides.put("pekko.management.http.port", 0);
    overrides.put("smo1.shutdown.drain-delay", "0s");
    overrides.put("pekko.coordinated-shutdown.exit-jvm", "off");
    overrides.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    overrides.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    return overrides;
  }

  public static Node start(String jdbcUrl, Clock clock) {
    return start(jdbcUrl, clock, true, Map.of());
  }

  public static Node start(
      String jdbcUrl, Clock clock, boolean joinCluster, Map<String, Object> extra) {
    var overrides = overrides(jdbcUrl);
    overrides.putAll(extra);
    try {
      Node node = Node.start(NodeConfig.load(overrides), joinCluster, clock, ContractCheck::around);
      TestPostgres.execute(
          jdbcUrl,
          "INSERT INTO api_keys (key_hash, workspace_id, id, name, prefix, scopes)"
              + " VALUES (?, ?, gen_random_uuid(), 'test key', 'smo1_tes',"
              + " ARRAY['links:read', 'links:write', 'analytics:read', 'workspace:read',"
              + " 'workspace:admin']) ON CONFLICT DO NOTHING",
          Secrets.sha256(OTHER_OWNER_KEY),
          OTHER_OWNER);
      return node;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code count} nodes in this JVM on one database, joined into one cluster through the first,
   * returned once every one sees all of them Up.
   */
  public static java.util.List<Node> cluster(String jdbcUrl, int count, Map<String, Object> extra) {
    var members = new java.util.ArrayList<Node>();
    for (int i = 0; i < count; i++) {
      members.add(start(jdbcUrl, Clock.systemUTC(), false, extra));
    }
    var seed =
        org.apache.pekko.cluster.typed.Cluster.get(members.get(0).system()).selfMember().address();
    members.forEach(
        member ->
            org.apache.pekko.cluster.typed.Cluster.get(member.system())
                .manager()
                .tell(new org.apache.pekko.cluster.typed.Join(seed)));
    for (Node member : members) {
      org.apache.pekko.actor.testkit.typed.javadsl.TestProbe.create(member.system())
          .awaitAssert(
              java.time.Duration.ofSeconds(30),
              () -> {
                org.assertj.core.api.Assertions.assertThat(
                        org.apache.pekko.cluster.typed.Cluster.get(member.system())
                            .state()
                            .getMembers())
                    .hasSize(count)
                    .allMatch(m -> m.status() == org.apache.pekko.cluster.MemberStatus.up());
                return null;
              });
    }
    return members;
  }

  /** The environment of a node in a JVM of its own ({@link NodeProcess}) on a test database. */
  public static Map<String, String> processEnvironment(String databaseUrl) {
    return Map.ofEntries(
        Map.entry("SMO1_PROFILE", "test"),
        Map.entry("SMO1_EXAMPLE_LINK_ALIAS", ""),
        Map.entry("SMO1_DB_URL", databaseUrl),
        Map.entry("SMO1_DB_USER", "postgres"),
        Map.entry("SMO1_DB_PASSWORD", ""),
        Map.entry("SMO1_HTTP_HOST", "127.0.0.1"),
        Map.entry("SMO1_HTTP_PORT", "0"),
        Map.entry("SMO1_REMOTE_PORT", "0"),
        Map.entry("SMO1_MANAGEMENT_PORT", "0"),
        Map.entry("SMO1_SHUTDOWN_DRAIN_DELAY", "0s"),
        Map.entry("SMO1_PUBLIC_BASE_URL", PUBLIC_BASE_URL),
        Map.entry("SMO1_SHORT_DOMAIN", SHORT_DOMAIN),
        Map.entry("SMO1_BOOTSTRAP_API_KEY", OWNER_KEY),
        Map.entry("SMO1_BOOTSTRAP_WORKSPACE", OWNER),
        Map.entry("SMO1_RATE_LIMIT_EXEMPT_WORKSPACES", OWNER + "," + OTHER_OWNER),
        Map.entry("SMO1_BILLING_ENTERPRISE_WORKSPACES", OWNER),
        Map.entry("SMO1_LOG_FORMAT", "text"),
        Map.entry("SMO1_LOG_LEVEL", "WARN"));
  }
}
