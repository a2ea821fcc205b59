package dev.smo1.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.testing.FakeKubernetesApi;
import dev.smo1.node.testing.NodeProcess;
import dev.smo1.node.testing.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Three nodes, each in a JVM of its own on its own loopback address (127.0.0.1, .2, .3), form one
 * cluster by themselves through Cluster Bootstrap with Pekko Discovery's {@code kubernetes-api}
 * method, against a fake Kubernetes API served over TLS ({@link FakeKubernetesApi}) that lists them
 * as the running pods of the Deployment: no seed nodes are configured anywhere.
 */
class ClusterBootstrapIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String NAMESPACE = "smo1-test";

  @Test
  void threeNodesFormOneClusterThroughKubernetesApiDiscovery() throws Exception {
    String database = TestPostgres.newDatabase();
    List<NodeProcess> nodes = new ArrayList<>();
    try (var kubernetes = FakeKubernetesApi.start()) {
      List<URI> management = new ArrayList<>();
      List<Map<String, String>> environments = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        String ip = "127.0.0." + i;
        int managementPort = LoopbackPorts.free();
        management.add(URI.create("http://" + ip + ":" + managementPort));
        kubernetes.putPod(
            NAMESPACE,
            new FakeKubernetesApi.Pod(
                "smo1-" + i,
                ip,
                Map.of("app.kubernetes.io/name", "smo1"),
                Map.of("management", managementPort, "http", 8080, "remoting", 25520)));
        // a pod of another application in the same namespace is not a contact point
        kubernetes.putPod(
            NAMESPACE,
            new FakeKubernetesApi.Pod(
                "other-" + i,
                "127.0.0.1" + i,
                Map.of("app.kubernetes.io/name", "other"),
                Map.of("management", 1)));
        Map<String, String> environment = new HashMap<>(TestNodes.processEnvironment(database));
        environment.put("SMO1_HTTP_HOST", ip);
        environment.put("SMO1_REMOTE_HOST", ip);
        environment.put("SMO1_MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.put("SMO1_DISCOVERY_METHOD", "kubernetes-api");
        environment.put("SMO1_POD_NAMESPACE", NAMESPACE);
        environment.put("SMO1_REQUIRED_CONTACT_POINTS", "3");
        environment.put("SMO1_SPLIT_BRAIN_STRATEGY", "lease-majority");
        environment.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
        environment.put("KUBERNETES_SERVICE_PORT", Integer.toString(kubernetes.port()));
        environments.add(environment);
      }
      // where a pod finds its service account's CA and token (the defaults are the pod's paths)
      Map<String, String> serviceAccount =
          Map.of(
              "pekko.discovery.kubernetes-api.api-ca-path", kubernetes.caPath().toString(),
              "pekko.discovery.kubernetes-api.api-token-path", kubernetes.tokenPath().toString(),
              "pekko.coordination.lease.kubernetes.api-ca-path", kubernetes.caPath().toString(),
              "pekko.coordination.lease.kubernetes.api-token-path",
                  kubernetes.tokenPath().toString());
      long started = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        nodes.add(NodeProcess.start("bootstrap-" + (i + 1), environments.get(i), serviceAccount));
      }
      List<String> http = new ArrayList<>();
      for (NodeProcess node : nodes) {
        http.add(node.awaitReady(Duration.ofSeconds(90)));
      }

      // every node sees the same three Up members and becomes ready
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < 3; i++) {
        JsonNode members = awaitUpMembers(management.get(i), 3, Duration.ofSeconds(90), nodes);
        Set<String> seen = new TreeSet<>();
        members.path("members").forEach(member -> seen.add(member.path("node").asText()));
        if (expected.isEmpty()) {
          expected.addAll(seen);
        }
        assertThat(seen).as("members seen by node " + (i + 1)).isEqualTo(expected);
        assertThat(seen)
            .allSatisfy(
                address -> assertThat(address).matches("pekko://smo1@127\\.0\\.0\\.[123]:\\d+"));
      }
      System.out.printf(
          "CLUSTER_BOOTSTRAP nodes=3 formed_s=%.1f%n", (System.nanoTime() - started) / 1e9);
      // readiness follows once each node's shard region has registered with the coordinator
      for (URI uri : management) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int ready;
        do {
          ready = get(uri.resolve("/ready")).statusCode();
        } while (ready != 200 && System.nanoTime() < deadline && pause());
        assertThat(ready).as(uri + "/ready").isEqualTo(200);
      }

      // one cluster: a link created through one node resolves through the others
      var created =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(http.get(0) + "/api/v1/links"))
                  .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"target\":\"https://example.com/boot\",\"alias\":\"boot\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      for (String base : http) {
        // another node knows the new link once the link-change topic or its journal poll tells it
        // (decision 0018): within a second, so a freshly formed cluster is given a few
        long known = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<String> visit;
        do {
          visit = get(URI.create(base + "/boot"));
        } while (visit.statusCode() == 404 && System.nanoTime() < known && pause());
        assertThat(visit.statusCode()).as(base).isEqualTo(302);
        assertThat(visit.headers().firstValue("Location")).hasValue("https://example.com/boot");
      }

      // the nodes asked the API for their own pods, with their token, over TLS
      assertThat(kubernetes.requests())
          .isNotEmpty()
          .allSatisfy(
              request ->
                  assertThat(request)
                      .isEqualTo(
                          "GET /api/v1/namespaces/"
                              + NAMESPACE
                              + "/pods?labelSelector=app.kubernetes.io/name%3Dsmo1 200"));
    } finally {
      for (NodeProcess node : nodes) {
        node.close();
      }
    }
  }

  private static JsonNode awaitUpMembers(
      URI management, int count, Duration within, List<NodeProcess> nodes) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    JsonNode members = null;
    while (System.nanoTime() < deadline) {
      try {
        var response = get(management.resolve("/cluster/members"));
        if (response.statusCode() == 200) {
          members = JSON.readTree(response.body());
          long up = 0;
          for (JsonNode member : members.path("members")) {
            if (member.path("status").asText().equals("Up")) {
              up++;
            }
          }
          if (up == count && members.path("unreachable").isEmpty()) {
            return members;
          }
        }
      } catch (java.io.IOException notYet) {
        // management not listening yet
      }
      Thread.sleep(500);
    }
    var tails = new StringBuilder();
    nodes.forEach(node -> tails.append("\n---\n").append(node.logTail()));
    throw new AssertionError(
        management + " never saw " + count + " Up members; last: " + members + tails);
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(250);
    return true;
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
