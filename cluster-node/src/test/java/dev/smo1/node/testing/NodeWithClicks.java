package dev.smo1.node.testing;

import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A node recording clicks into its own ClickHouse (batches of 200 ms), with its own Redis, behind
 * the trusted proxy 10.0.0.1 ({@link Visitors}), rate limits off: what tests of clicks, usage and
 * exports start. Closes what it started, whatever of it did.
 */
public final class NodeWithClicks implements AutoCloseable {
  private LocalRedis redis;
  private LocalClickHouse clickHouseServer;
  private ClickHouseAccess clickHouse;
  private Node node;
  private ApiClient api;

  private NodeWithClicks() {}

  /** On {@code database} (a JDBC URL), with {@code settings} over the defaults above. */
  public static NodeWithClicks start(String database, Map<String, Object> settings) {
    var started = new NodeWithClicks();
    try {
      started.redis = TestRedis.start();
      started.clickHouseServer = TestClickHouse.start();
      started.clickHouse = TestClickHouse.access(started.clickHouseServer);
      Map<String, Object> all = new HashMap<>();
      all.put("smo1.redis.url", started.redis.url());
      all.put("smo1.clicks.clickhouse.url", started.clickHouseServer.url());
      all.put("smo1.clicks.ingest.batch-window", "200ms");
      all.put("smo1.http.trusted-proxies", "127.0.0.1/32, 10.0.0.0/8");
      all.put("smo1.rate-limits.enabled", false);
      all.putAll(settings);
      started.node = TestNodes.start(database, Clock.systemUTC(), true, all);
      started.api = new ApiClient(started.node.httpAddress());
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  public Node node() {
    return node;
  }

  public ApiClient api() {
    return api;
  }

  /** The node's ClickHouse, for reading its raw rows. */
  public ClickHouseAccess clickHouse() {
    return clickHouse;
  }

  @Override
  public void close() {
    if (node != null) {
      node.close();
    }
    if (clickHouse != null) {
      clickHouse.close();
    }
    if (clickHouseServer != null) {
      clickHouseServer.close();
    }
    if (redis != null) {
      redis.close();
    }
  }
}
