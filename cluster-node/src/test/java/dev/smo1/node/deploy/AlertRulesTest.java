package dev.smo1.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus side of {@code observability/} and {@code deploy-k8s/prometheus/}, checked with
 * Debian's {@code promtool}: the alert rules are valid and pass their unit tests (each alert fires
 * on the series that should wake someone and stays quiet on a near miss), and the compose
 * Prometheus configuration is valid. Debian's promtool is built without Kubernetes service
 * discovery, so the Kubernetes scrape job is checked here by structure instead.
 */
class AlertRulesTest {
  private static final Path PROMETHEUS =
      Path.of("..", "observability", "prometheus").toAbsolutePath().normalize();
  private static final Path K8S_SCRAPE =
      Path.of("..", "deploy-k8s", "prometheus", "scrape-config.yml").toAbsolutePath().normalize();

  @Test
  void theAlertRulesAreValid() throws Exception {
    String out = promtool("check", "rules", "smo1-alerts.yml");
    assertThat(out).contains("SUCCESS: 15 rules found");
  }

  @Test
  void theAlertRulesPassTheirUnitTests() throws Exception {
    assertThat(promtool("test", "rules", "smo1-alerts.test.yml")).contains("SUCCESS");
  }

  @Test
  void theComposePrometheusConfigurationIsValid() throws Exception {
    assertThat(promtool("check", "config", "prometheus.yml"))
        .contains("SUCCESS: prometheus.yml is valid");
  }

  @Test
  void theKubernetesScrapeJobFindsTheNodesPodsOnTheirManagementPort() throws IOException {
    JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(K8S_SCRAPE.toFile());
    JsonNode job = config.path("scrape_configs").get(0);
    // the alert rules' `up{job="smo1"}` depends on this name
    assertThat(job.path("job_name").asText()).isEqualTo("smo1");
    assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
    JsonNode discovery = job.path("kubernetes_sd_configs").get(0);
    assertThat(discovery.path("role").asText()).isEqualTo("pod");
    assertThat(discovery.path("namespaces").path("names").get(0).asText()).isEqualTo("smo1");
    assertThat(discovery.path("selectors").get(0).path("label").asText())
        .isEqualTo("app.kubernetes.io/name=smo1");
    JsonNode keep = job.path("relabel_configs").get(0);
    assertThat(keep.path("action").asText()).isEqualTo("keep");
    assertThat(keep.path("source_labels").get(0).asText())
        .isEqualTo("__meta_kubernetes_pod_container_port_name");
    assertThat(keep.path("regex").asText()).isEqualTo("management");
  }

  private static String promtool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(PROMETHEUS.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "promtool is needed (Debian package prometheus; ./smo1 test installs it)", e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
