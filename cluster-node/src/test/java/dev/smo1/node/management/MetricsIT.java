package dev.smo1.node.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.LocalEdge;
import dev.smo1.node.testing.PrometheusText;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.prober.ProbeMetrics;
import dev.smo1.prober.TargetStats;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node with every feature on (Redis, ClickHouse, the local edge's KV and clicks) serves its
 * Prometheus metrics on the management port, not on the public one: HTTP by route and status,
 * redirects by source and result, cluster members, shards and entities, JVM. Every metric the
 * Grafana dashboards ({@code observability/grafana/dashboards}) and the alert rules ({@code
 * observability/prometheus/smo1-alerts.yml}) query is one this node exports, and the dashboards
 * have the structure Grafana provisions.
 */
class MetricsIT {
  private static final Path OBSERVABILITY =
      Path.of("..", "observability").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Series names in PromQL: SMO1's own, the JVM's and the process's (Prometheus' own excluded). */
  private static final Pattern METRIC = Pattern.compile("\\b((?:smo1|jvm|process)_[a-z0-9_]+)\\b");

  private static LocalEdge edge;
  private static LocalRedis redis;
  private static LocalClickHouse clickHouse;
  private static Node node;
  private static ApiClient api;
  private static ApiClient management;
  private static String scrape;

  @BeforeAll
  static void start() throws Exception {
    int port = LoopbackPorts.free();
    edge = LocalEdge.start("http://127.0.0.1:" + port, TestNodes.SHORT_DOMAIN);
    redis = TestRedis.start();
    clickHouse = TestClickHouse.start();
    Map<String, Object> overrides = new HashMap<>(edge.nodeOverrides(20));
    overrides.put("smo1.http.port", port);
    overrides.put("smo1.redis.url", redis.url());
    overrides.put("smo1.edge.click-secret", LocalEdge.CLICK_SECRET);
    overrides.put("smo1.clicks.clickhouse.url", clickHouse.url());
    overrides.put("smo1.clicks.ingest.batch-window", "200ms");
    overrides.put("smo1.metrics.cluster-interval", "1s");
    overrides.put("smo1.metrics.projection-lag-interval", "1s");
    node = TestNodes.start(TestPostgres.newDatabase(), Clock.systemUTC(), true, overrides);
    api = new ApiClient(node.httpAddress());
    management = new ApiClient(node.managementAddress());

    // traffic on every path the metrics describe
    var first = api.createLink(TestNodes.OWNER_KEY, "metric1", "https://example.com/m/1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(
            api.createLink(TestNodes.OWNER_KEY, "metric2", "https://example.com/m/2").statusCode())
        .isEqualTo(201);
    assertThat(api.post("/api/v1/links/metric2/disable", TestNodes.OWNER_KEY, "").statusCode())
        .isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      assertThat(api.visit("metric1").statusCode()).isEqualTo(302);
    }
    assertThat(api.visit("metric2").statusCode()).isEqualTo(410);
    assertThat(api.visit("nosuch").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/links/metric1", "wrong-key").statusCode()).isEqualTo(401);
    awaitEdge("metric1");
    var atEdge = edge.visit("metric1");
    assertThat(atEdge.statusCode()).isEqualTo(302);
    assertThat(atEdge.headers().firstValue("X-SMO1-Source")).hasValue("edge");

    // the edge's click arrives through its queue; the origin's three clicks reach ClickHouse
    scrape =
        awaitScrape(
            body ->
                PrometheusText.value(body, "smo1_redirects_total", Map.of("source", "edge"))
                            .orElse(0.0)
                        >= 1
                    && PrometheusText.value(body, "smo1_clicks_inserted_total", Map.of())
                            .orElse(0.0)
                        >= 4
                    && PrometheusText.value(body, "smo1_sharding_entities", Map.of("type", "Link"))
                            .orElse(0.0)
                        >= 2,
            Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (edge != null) {
      edge.close();
    }
    if (clickHouse != null) {
      clickHouse.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void metricsAreServedOnTheManagementPortOnly() {
    var publicPort = api.send(api.request("/metrics").GET());
    assertThat(publicPort.statusCode()).isEqualTo(404);
    assertThat(publicPort.body()).doesNotContain("smo1_");
    var managementPort = management.send(management.request("/metrics").GET());
    assertThat(managementPort.statusCode()).isEqualTo(200);
    assertThat(managementPort.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
  }

  @Test
  void httpRequestsAreCountedByRouteTemplateAndStatus() {
    assertThat(count(Map.of("route", "/{code}", "method", "GET", "status", "302"))).isEqualTo(3);
    assertThat(count(Map.of("route", "/{code}", "method", "GET", "status", "410"))).isEqualTo(1);
    assertThat(count(Map.of("route", "/{code}", "method", "GET", "status", "404"))).isEqualTo(1);
    assertThat(count(Map.of("route", "/api/v1/links", "method", "POST", "status", "201")))
        .isEqualTo(2);
    assertThat(
            count(
                Map.of("route", "/api/v1/links/{code}/disable", "method", "POST", "status", "200")))
        .isEqualTo(1);
    assertThat(count(Map.of("route", "/api/v1/links/{code}", "method", "GET", "status", "401")))
        .isEqualTo(1);
    assertThat(count(Map.of("route", "/internal/clicks", "method", "POST", "status", "202")))
        .isGreaterThanOrEqualTo(1);
    // no series carries a link code
    assertThat(scrape).doesNotContain("route=\"/metric1\"").doesNotContain("metric1");
  }

  @Test
  void redirectsAreCountedBySourceAndResult() {
    assertThat(
            PrometheusText.value(
                scrape, "smo1_redirects_total", Map.of("source", "origin", "result", "redirect")))
        .hasValue(3.0);
    assertThat(
            PrometheusText.value(
                scrape, "smo1_redirects_total", Map.of("source", "origin", "result", "gone")))
        .hasValue(1.0);
    assertThat(
            PrometheusText.value(
                scrape, "smo1_redirects_total", Map.of("source", "origin", "result", "not_found")))
        .hasValue(1.0);
    assertThat(
            PrometheusText.value(
                scrape, "smo1_redirects_total", Map.of("source", "edge", "result", "redirect")))
        .hasValue(1.0);
  }

  @Test
  void theClusterAsThisNodeSeesIt() {
    assertThat(PrometheusText.value(scrape, "smo1_cluster_members", Map.of("status", "up")))
        .hasValue(1.0);
    assertThat(PrometheusText.value(scrape, "smo1_cluster_members", Map.of("status", "joining")))
        .hasValue(0.0);
    assertThat(PrometheusText.value(scrape, "smo1_cluster_unreachable_members", Map.of()))
        .hasValue(0.0);
    // metric1, metric2 and nosuch (asked for once) each started an entity, in a shard of its own
    // or not
    double entities =
        PrometheusText.value(scrape, "smo1_sharding_entities", Map.of("type", "Link"))
            .orElseThrow();
    assertThat(entities).isGreaterThanOrEqualTo(2.0);
    assertThat(
            PrometheusText.value(scrape, "smo1_sharding_shards", Map.of("type", "Link"))
                .orElseThrow())
        .isBetween(1.0, entities);
    assertThat(
            PrometheusText.value(scrape, "jvm_memory_used_bytes", Map.of("area", "heap"))
                .orElseThrow())
        .isPositive();
    assertThat(PrometheusText.value(scrape, "jvm_threads_current", Map.of()).orElseThrow())
        .isPositive();
  }

  @Test
  void everyDashboardIsProvisionableAndQueriesOnlyMetricsTheNodeExports() throws IOException {
    Set<String> exported = sampleNames(scrape);
    List<Path> dashboards;
    try (Stream<Path> files = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
      dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(dashboards)
        .extracting(f -> f.getFileName().toString())
        .containsExactlyInAnyOrder(
            "smo1-overview.json",
            "smo1-redirects.json",
            "smo1-projections.json",
            "smo1-clicks.json",
            "smo1-cluster.json");
    Set<String> uids = new TreeSet<>();
    for (Path file : dashboards) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      String name = file.getFileName().toString();
      assertThat(dashboard.path("uid").asText()).as(name + " uid").matches("[a-z0-9-]{1,40}");
      assertThat(uids.add(dashboard.path("uid").asText())).as(name + " uid unique").isTrue();
      assertThat(dashboard.path("title").asText()).as(name + " title").startsWith("SMO1 ");
      assertThat(dashboard.path("schemaVersion").asInt()).as(name).isGreaterThanOrEqualTo(36);
      assertThat(dashboard.path("templating").path("list").findValuesAsText("name"))
          .as(name + " has a Prometheus data source variable")
          .contains("datasource");
      JsonNode panels = dashboard.path("panels");
      assertThat(panels.size()).as(name + " panels").isGreaterThanOrEqualTo(3);
      Set<Integer> ids = new TreeSet<>();
      for (JsonNode panel : panels) {
        String title = name + " / " + panel.path("title").asText();
        assertThat(ids.add(panel.path("id").asInt())).as(title + " id unique").isTrue();
        assertThat(panel.path("type").asText())
            .as(title)
            .isIn("timeseries", "stat", "gauge", "table", "bargauge", "row");
        JsonNode grid = panel.path("gridPos");
        assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isBetween(1, 24);
        assertThat(grid.path("h").asInt()).as(title).isPositive();
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        assertThat(panel.path("datasource").path("uid").asText())
            .as(title + " uses the data source variable")
            .isEqualTo("${datasource}");
        JsonNode targets = panel.path("targets");
        assertThat(targets.size()).as(title + " queries").isPositive();
        for (JsonNode target : targets) {
          String expr = target.path("expr").asText();
          assertThat(target.path("refId").asText()).as(title).isNotEmpty();
          Set<String> metrics = metricsIn(expr);
          assertThat(metrics).as(title + ": " + expr).isNotEmpty();
          assertThat(exported)
              .as(title + " queries a metric the node does not export: " + expr)
              .containsAll(metrics);
        }
      }
    }
  }

  @Test
  void everyAlertRuleQueriesOnlyMetricsTheNodeExports() throws IOException {
    Set<String> exported = sampleNames(scrape);
    // the edge prober's rules query what the prober pushes after a run, not the node
    var probed = List.of(new TargetStats(URI.create("https://s.test"), 1));
    var probe = new ProbeMetrics(probed, Clock.systemUTC());
    probe.ended(probed);
    Set<String> pushed = sampleNames(new String(probe.text(), StandardCharsets.UTF_8));
    JsonNode rules = YAML.readTree(OBSERVABILITY.resolve("prometheus/smo1-alerts.yml").toFile());
    List<String> alerts = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      boolean prober = group.path("name").asText().equals("smo1-edge-probe");
      for (JsonNode rule : group.path("rules")) {
        String alert = rule.path("alert").asText();
        alerts.add(alert);
        String expr = rule.path("expr").asText();
        assertThat(prober ? pushed : exported)
            .as(
                alert
                    + " queries a metric "
                    + (prober ? "the prober" : "the node")
                    + " does not export: "
                    + expr)
            .containsAll(metricsIn(expr));
        assertThat(rule.path("annotations").path("runbook_url").asText())
            .as(alert)
            .isEqualTo("src-docs/runbook.md#" + alert.toLowerCase(java.util.Locale.ROOT));
      }
    }
    // every alert has its section in the runbook
    String runbook = Files.readString(OBSERVABILITY.resolveSibling("src-docs/runbook.md"));
    for (String alert : alerts) {
      assertThat(runbook).as("runbook section for " + alert).contains("### " + alert + "\n");
    }
  }

  private static double count(Map<String, String> labels) {
    return PrometheusText.value(scrape, "smo1_http_request_duration_seconds_count", labels)
        .orElse(0.0);
  }

  /** Metric names in a PromQL expression (range selectors and label values left out). */
  static Set<String> metricsIn(String expr) {
    String withoutLabels = expr.replaceAll("\\{[^}]*}", "{}");
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = METRIC.matcher(withoutLabels);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The sample names of a scrape: {@code x_bucket}, {@code x_count}, {@code x_total}, … */
  private static Set<String> sampleNames(String body) {
    Set<String> names = new TreeSet<>();
    body.lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    return names;
  }

  private static String awaitScrape(java.util.function.Predicate<String> condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    String body;
    do {
      body = management.send(management.request("/metrics").GET()).body();
      if (condition.test(body)) {
        return body;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "metrics did not reach the expected values in " + within + ":\n" + body);
  }

  /** Waits until the KV sync has written the link to the local edge's KV. */
  private static void awaitEdge(String code) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      var keys = edge.writes().path("writes").fieldNames();
      while (keys.hasNext()) {
        if (keys.next().endsWith(code)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(code + " not written to KV within 30 s");
  }
}
