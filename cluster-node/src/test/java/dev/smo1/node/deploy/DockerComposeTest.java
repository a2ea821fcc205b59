package dev.smo1.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.typesafe.config.Config;
import dev.smo1.node.config.NodeConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} cannot run here (no Docker engine); this holds it to what it depends
 * on: the node reads every variable it is given and gets the ones it requires, secrets come from
 * the environment, the nodes find each other and the datastores under the names the file gives
 * them, on the node's own default ports; Prometheus scrapes each node's management port and loads
 * the alert rules; Grafana is provisioned with the data source and the dashboards of {@code
 * observability/}.
 */
class DockerComposeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> NODES = List.of("node1", "node2", "node3");

  private static Map<String, Object> services;
  private static Config defaults;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
      // SnakeYAML resolves the anchors and merge keys (<<) the file uses for the three nodes
      Map<String, Object> compose = new Yaml().load(reader);
      services = (Map<String, Object>) compose.get("services");
    }
    defaults = NodeConfig.load(Map.of());
  }

  @Test
  void itRunsThreeNodesAndEveryServiceTheyNeed() {
    assertThat(services)
        .containsOnlyKeys(
            "node1",
            "node2",
            "node3",
            "postgres",
            "redis",
            "clickhouse",
            "prometheus",
            "grafana",
            "blackbox");
    for (String node : NODES) {
      Map<String, Object> build = map(map(services, node), "build");
      assertThat(build.get("context")).as(node).isEqualTo(".");
      assertThat(ROOT.resolve("Dockerfile")).exists();
    }
    for (String service :
        List.of("postgres", "redis", "clickhouse", "prometheus", "grafana", "blackbox")) {
      String image = (String) map(services, service).get("image");
      assertThat(image).as(service + " image pinned to a version").matches("[^:]+:[0-9v][^:]*");
    }
  }

  @Test
  void everyVariableTheNodesAreGivenIsOneTheyReadAndSecretsComeFromTheEnvironment() {
    for (String node : NODES) {
      Map<String, Object> environment = environment(node);
      assertThat(environment.keySet())
          .as(node + ": variables the node does not read")
          .allMatch(NodeVariables::isRead);
      assertThat(environment)
          .as(node + ": what a production node requires")
          .containsKeys(
              "SMO1_DB_URL", "SMO1_SHORT_DOMAIN", "SMO1_PUBLIC_BASE_URL", "SMO1_SEED_NODES");
      environment.forEach(
          (name, value) -> {
            if (name.matches(".*(PASSWORD|TOKEN|SECRET|API_KEY).*")) {
              assertThat(value.toString())
                  .as(node + " " + name + " comes from the environment, never the file")
                  .matches("\\$\\{" + name + ":\\?[^}]+}");
            }
          });
      assertThat(environment.get("SMO1_REMOTE_HOST")).as(node).isEqualTo(node);
      assertThat(map(services, node).get("hostname")).as(node).isEqualTo(node);
    }
  }

  @Test
  void theNodesFindEachOtherAndTheDatastoresOnTheirDefaultPorts() {
    Map<String, Object> environment = environment("node1");
    URI seed = URI.create(environment.get("SMO1_SEED_NODES").toString());
    assertThat(seed.getScheme()).isEqualTo("pekko");
    assertThat(seed.getHost()).isIn(NODES);
    assertThat(seed.getPort()).isEqualTo(defaults.getInt("pekko.remote.artery.canonical.port"));

    URI database =
        URI.create(environment.get("SMO1_DB_URL").toString().substring("jdbc:".length()));
    Map<String, Object> postgres = map(map(services, "postgres"), "environment");
    assertThat(database.getHost()).isEqualTo("postgres");
    assertThat(database.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
    assertThat(environment.get("SMO1_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
    assertThat(environment.get("SMO1_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    assertThat(URI.create(environment.get("SMO1_REDIS_URL").toString()).getHost())
        .isEqualTo("redis");
    assertThat(URI.create(environment.get("SMO1_CLICKHOUSE_URL").toString()).getHost())
        .isEqualTo("clickhouse");

    // node1 publishes the HTTP port; the image exposes http, remoting and management
    int http = defaults.getInt("smo1.http.port");
    assertThat(list(map(services, "node1"), "ports")).containsExactly(http + ":" + http);
    assertThat(environment.get("SMO1_HTTP_HOST")).isEqualTo("0.0.0.0");
    assertThat(environment.get("SMO1_MANAGEMENT_BIND_HOST")).isEqualTo("0.0.0.0");
  }

  @Test
  void prometheusScrapesEveryNodesManagementPortAndLoadsTheAlertRules() throws IOException {
    List<Object> volumes = list(map(services, "prometheus"), "volumes");
    assertThat(volumes).contains("./observability/prometheus:/etc/prometheus:ro");
    JsonNode config =
        new ObjectMapper(new YAMLFactory())
            .readTree(ROOT.resolve("observability/prometheus/prometheus.yml").toFile());
    assertThat(config.path("rule_files").get(0).asText()).isEqualTo("smo1-alerts.yml");
    assertThat(ROOT.resolve("observability/prometheus/smo1-alerts.yml")).exists();
    JsonNode job = config.path("scrape_configs").get(0);
    assertThat(job.path("job_name").asText()).isEqualTo("smo1");
    assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
    int management = defaults.getInt("pekko.management.http.port");
    List<String> targets = new ArrayList<>();
    job.path("static_configs").get(0).path("targets").forEach(t -> targets.add(t.asText()));
    assertThat(targets)
        .containsExactlyInAnyOrderElementsOf(
            NODES.stream().map(node -> node + ":" + management).toList());
  }

  @Test
  void grafanaIsProvisionedWithPrometheusAndTheDashboards() throws IOException {
    List<Object> volumes = list(map(services, "grafana"), "volumes");
    String dashboards =
        volumes.stream()
            .map(Object::toString)
            .filter(v -> v.startsWith("./observability/grafana/dashboards:"))
            .findFirst()
            .orElseThrow()
            .split(":")[1];
    assertThat(volumes)
        .contains("./observability/grafana/provisioning:/etc/grafana/provisioning:ro");
    var yaml = new ObjectMapper(new YAMLFactory());
    JsonNode provider =
        yaml.readTree(
                ROOT.resolve("observability/grafana/provisioning/dashboards/smo1.yml").toFile())
            .path("providers")
            .get(0);
    assertThat(provider.path("options").path("path").asText()).isEqualTo(dashboards);
    JsonNode source =
        yaml.readTree(
                ROOT.resolve("observability/grafana/provisioning/datasources/prometheus.yml")
                    .toFile())
            .path("datasources")
            .get(0);
    assertThat(source.path("type").asText()).isEqualTo("prometheus");
    assertThat(source.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(list(map(services, "prometheus"), "ports")).contains("9090:9090");
  }

  private static Map<String, Object> environment(String node) {
    return map(map(services, node), "environment");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(List.class);
    return (List<Object>) value;
  }
}
