package dev.smo1.node.cluster;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.testing.NodeProcess;
import dev.smo1.node.testing.TestNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Nodes in JVMs of their own, one per loopback address (127.0.0.1, .2, …), each with a fixed
 * remoting port so that a node started again on the same address takes its predecessor's place;
 * every address is a seed node, so a replacement joins whichever members run. Split brain resolver
 * keep-majority, deciding after 5 s of stability (20 s in production), shards counted every second
 * for the metrics.
 */
final class TestCluster implements AutoCloseable {
  private final String name;
  private final String database = TestPostgres.newDatabase();
  private final LocalRedis redis = TestRedis.start();
  private final Map<Integer, Integer> remotePorts = new HashMap<>();
  private final Map<String, String> properties;
  private final List<NodeProcess> started = new ArrayList<>();
  private final String seeds;

  /** A cluster of up to {@code addresses} members; {@code properties} go to every node's JVM. */
  TestCluster(String name, int addresses, Map<String, String> properties) {
    this.name = name;
    this.properties = new HashMap<>(properties);
    this.properties.put("smo1.metrics.cluster-interval", "1s");
    for (int i = 1; i <= addresses; i++) {
      remotePorts.put(i, LoopbackPorts.free());
    }
    this.seeds =
        remotePorts.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> address(e.getKey()))
            .collect(Collectors.joining(","));
  }

  /** The member address of the node on 127.0.0.{@code index}. */
  String address(int index) {
    return "pekko://smo1@127.0.0." + index + ":" + remotePorts.get(index);
  }

  /**
   * Starts a node on 127.0.0.{@code index}; it joins the running members (or forms the cluster).
   */
  NodeProcess start(int index) throws Exception {
    return start(index, "1.0.0");
  }

  /** As {@link #start(int)}, the node of a deployment of {@code version} ({@code app-version}). */
  NodeProcess start(int index, String version) throws Exception {
    Map<String, String> environment = new HashMap<>(TestNodes.processEnvironment(database));
    String host = "127.0.0." + index;
    environment.put("SMO1_HTTP_HOST", host);
    environment.put("SMO1_REMOTE_HOST", host);
    environment.put("SMO1_REMOTE_PORT", Integer.toString(remotePorts.get(index)));
    environment.put("SMO1_SEED_NODES", seeds);
    environment.put("SMO1_REDIS_URL", redis.url());
    environment.put("SMO1_APP_VERSION", version);
    environment.put("SMO1_SPLIT_BRAIN_STABLE_AFTER", "5s");
    // as Kubernetes would: out of rotation before the port closes
    environment.put("SMO1_SHUTDOWN_DRAIN_DELAY", "2s");
    environment.put("SMO1_LOG_LEVEL", System.getProperty("smo1.test.node-log-level", "WARN"));
    NodeProcess node =
        NodeProcess.start(name + "-" + index + "-" + started.size(), environment, properties);
    started.add(node);
    return node;
  }

  /** Starts nodes 1..{@code count} together (1 forms the cluster, the others join it). */
  List<NodeProcess> startAll(int count) throws Exception {
    List<NodeProcess> nodes = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      nodes.add(start(i));
    }
    for (NodeProcess node : nodes) {
      node.awaitReady(Duration.ofSeconds(120));
    }
    // the HTTP port opens as the node asks to join; /ready answers once it is an Up member with
    // its shard region registered
    for (NodeProcess node : nodes) {
      awaitReadyProbe(node, Duration.ofSeconds(90));
    }
    return nodes;
  }

  private static void awaitReadyProbe(NodeProcess node, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!ClusterLoad.isReady(node)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("node not ready within " + within + "\n" + node.logTail());
      }
      Thread.sleep(250);
    }
  }

  @Override
  public void close() {
    for (NodeProcess node : started) {
      node.close();
    }
    redis.close();
  }
}
