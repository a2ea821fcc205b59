package dev.smo1.node.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.LocalEdge;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.prober.ProbeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code smo1-probe} against the local edge (the real Worker in workerd, KV kept by the node) and
 * the node's own redirects, learning each canary's expectation from the node's API: known codes (a
 * plain link, one with UTM, an A/B test) answer right, so 0 errors and exit 0; a KV record that
 * sends a code elsewhere is counted as a {@code location} error and fails the run (exit 1); a link
 * a probe cannot get the target of is refused before probing (exit 3). SMO1-ARCH-001's production
 * evidence is this prober run against the real edge (runbook: the edge prober).
 */
@ExtendWith(LogCapturingExtension.class)
class ProberIT {
  private static final String LINKS = "/api/v1/links";
  private static LocalEdge edge;
  private static LocalRedis redis;
  private static Node node;
  private static ApiClient api;
  private static String origin;

  @BeforeAll
  static void start() throws Exception {
    int port = LoopbackPorts.free();
    edge = LocalEdge.start("http://127.0.0.1:" + port, TestNodes.SHORT_DOMAIN);
    redis = TestRedis.start();
    Map<String, Object> overrides = new HashMap<>(edge.nodeOverrides(4));
    overrides.put("smo1.http.port", port);
    overrides.put("smo1.redis.url", redis.url());
    overrides.put("smo1.edge.click-secret", LocalEdge.CLICK_SECRET);
    node = TestNodes.start(TestPostgres.newDatabase(), Clock.systemUTC(), true, overrides);
    api = new ApiClient(node.httpAddress());
    origin = "http://127.0.0.1:" + node.httpAddress().getPort();

    create("{\"target\": \"https://example.com/canary\", \"alias\": \"canary-plain\"}");
    create(
        """
        {"target": "https://example.com/launch?ref=x", "alias": "canary-utm", "redirectType": 301,
         "utm": {"source": "probe", "campaign": "spring sale"}}
        """);
    create(
        """
        {"target": "https://example.com/ab", "alias": "canary-ab",
         "variants": [{"target": "https://example.com/a", "weight": 1},
                      {"target": "https://example.com/b", "weight": 1}]}
        """);
    awaitKv("canary-plain", value -> value != null);
    awaitKv("canary-utm", value -> value != null && value.contains("spring"));
    awaitKv("canary-ab", value -> value != null && value.contains("example.com/b"));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (edge != null) {
      edge.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void knownCodesAtTheEdgeAndTheOriginAnswerRightAndAWrongLocationIsAnErrorThatFailsTheRun()
      throws Exception {
    String worker = edge.worker().toString().replaceAll("/+$", "");
    var right =
        probe(
            worker,
            origin,
            "--code",
            "canary-plain",
            "--code",
            "canary-utm",
            "--code",
            "canary-ab",
            "--api",
            origin,
            "--duration",
            "2",
            "--rate",
            "15");
    assertThat(right.exit()).as(right.err() + right.out()).isEqualTo(ProbeCommand.OK);
    assertThat(right.err())
        .contains("PROBE_CODE code=canary-plain status=[302] locations=1")
        .contains("PROBE_CODE code=canary-utm status=[301] locations=1")
        .contains("PROBE_CODE code=canary-ab status=[302] locations=3");
    for (String target : List.of(worker, origin)) {
      assertThat(right.out())
          .containsPattern(
              "PROBE target="
                  + target
                  + " requests=30 errors=0 p50_ms=[0-9.]+ p99_ms=[0-9.]+ p999_ms=[0-9.]+ "
                  + "max_ms=[0-9.]+ status=0 location=0 timeout=0 connect=0");
    }

    // the edge now sends canary-plain elsewhere: a record the node did not write
    String key = TestNodes.SHORT_DOMAIN + "/canary-plain";
    edge.put(
        key, edge.value(key).replace("https://example.com/canary", "https://example.com/wrong"));
    assertThat(edge.visit("canary-plain").headers().firstValue("Location"))
        .hasValue("https://example.com/wrong");
    var wrong =
        probe(
            worker,
            "--code",
            "canary-plain",
            "--code",
            "canary-utm",
            "--api",
            origin,
            "--duration",
            "2",
            "--rate",
            "10");
    assertThat(wrong.exit()).as(wrong.err() + wrong.out()).isEqualTo(ProbeCommand.ERRORS);
    assertThat(wrong.out())
        .contains(
            "PROBE_ERROR target="
                + worker
                + " code=canary-plain reason=location status=302"
                + " location=https://example.com/wrong expected_status=[302]"
                + " expected_location=[https://example.com/canary]")
        .doesNotContain("code=canary-utm")
        .contains("PROBE target=" + worker + " requests=20 errors=10 ")
        .contains("status=0 location=10 timeout=0 connect=0");
  }

  @Test
  void aLinkAProbeCannotGetTheTargetOfIsRefusedBeforeProbing() throws Exception {
    create(
        """
        {"target": "https://example.com/private", "alias": "canary-locked", "password": "open sesame"}
        """);
    var refused =
        probe(
            edge.worker().toString(),
            "--code",
            "canary-locked",
            "--api",
            origin,
            "--duration",
            "1");
    assertThat(refused.exit()).isEqualTo(ProbeCommand.FAILED);
    assertThat(refused.err())
        .contains(
            "smo1-probe: link canary-locked is password-protected: a probe gets its password"
                + " page; a canary must be an active plain link");
    assertThat(refused.out()).doesNotContain("PROBE target=");

    var unknown =
        probe(edge.worker().toString(), "--code", "nosuch", "--api", origin, "--duration", "1");
    assertThat(unknown.exit()).isEqualTo(ProbeCommand.FAILED);
    assertThat(unknown.err())
        .contains("smo1-probe: no link nosuch in the key's workspace (404 from the API)");
  }

  private record Run(int exit, String out, String err) {}

  private static Run probe(String... arguments) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int exit =
        new ProbeCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(ProbeCommand.API_KEY, TestNodes.OWNER_KEY),
                Clock.systemUTC())
            .run(new ArrayList<>(List.of(arguments)));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void create(String json) {
    var created = api.post(LINKS, TestNodes.OWNER_KEY, json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  /** Waits (at most 20 s) until the code's KV value satisfies {@code reached}. */
  private static void awaitKv(String code, Predicate<String> reached) throws InterruptedException {
    String key = TestNodes.SHORT_DOMAIN + "/" + code;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String value = edge.value(key);
    while (!reached.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      value = edge.value(key);
    }
    assertThat(reached.test(value)).as("KV value of " + key + ": " + value).isTrue();
  }
}
