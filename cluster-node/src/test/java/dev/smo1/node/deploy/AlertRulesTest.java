package dev.smo1.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus side of {@code observability/} and {@code deploy-k8s/prometheus/}, checked with
 * Debian's {@code promtool}: the alert rules are valid and pass their unit tests (each alert fires
 * on the series that should wake someone and stays quiet on a near miss), and the compose
 * Prometheus configuration is valid. Debian's promtool is built without Kubernetes service
 * discovery, so the Kubernetes scrape jobs are checked here by structure instead. The blackbox
 * exporter's module is checked by Debian's exporter, and run against a redirect and a page.
 */
class AlertRulesTest {
  private static final Path PROMETHEUS =
      Path.of("..", "observability", "prometheus").toAbsolutePath().normalize();
  private static final Path K8S_SCRAPE =
      Path.of("..", "deploy-k8s", "prometheus", "scrape-config.yml").toAbsolutePath().normalize();
  private static final Path BLACKBOX =
      Path.of("..", "observability", "blackbox", "blackbox.yml").toAbsolutePath().normalize();
  private static final Path BLACKBOX_EXPORTER = Path.of("/usr/bin/prometheus-blackbox-exporter");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theAlertRulesAreValid() throws Exception {
    String out = promtool("check", "rules", "smo1-alerts.yml");
    assertThat(out).contains("SUCCESS: 19 rules found");
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

  @Test
  void theKubernetesProbeJobsKeepThePushedLabelsAndUseTheBlackboxModule() throws IOException {
    JsonNode jobs = YAML.readTree(K8S_SCRAPE.toFile()).path("scrape_configs");
    JsonNode probe = job(jobs, "smo1-probe");
    // the alert rules group by the pushed instance (where the probes run from)
    assertThat(probe.path("honor_labels").asBoolean()).isTrue();
    assertCanaryJob(job(jobs, "smo1-canary"));
    assertCanaryJob(
        job(
            YAML.readTree(PROMETHEUS.resolve("prometheus.yml").toFile()).path("scrape_configs"),
            "smo1-canary"));
  }

  @Test
  void theBlackboxModuleIsValidAndPassesARedirectWithoutFollowingItButNotAPage() throws Exception {
    if (!Files.isExecutable(BLACKBOX_EXPORTER)) {
      throw new AssertionError(
          "Debian's prometheus-blackbox-exporter is needed (./smo1 test installs it)");
    }
    Process check =
        new ProcessBuilder(
                BLACKBOX_EXPORTER.toString(), "--config.check", "--config.file=" + BLACKBOX)
            .redirectErrorStream(true)
            .start();
    String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(out).isZero();

    HttpServer site =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    List<String> methods = new CopyOnWriteArrayList<>();
    site.createContext(
        "/",
        exchange -> {
          try (exchange) {
            methods.add(exchange.getRequestMethod());
            if (exchange.getRequestURI().getPath().equals("/canary")) {
              exchange.getResponseHeaders().set("Location", "https://example.com/target");
              exchange.sendResponseHeaders(302, -1);
            } else {
              exchange.sendResponseHeaders(200, -1);
            }
          }
        });
    site.start();
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Process exporter =
        new ProcessBuilder(
                BLACKBOX_EXPORTER.toString(),
                "--config.file=" + BLACKBOX,
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String base = "http://127.0.0.1:" + site.getAddress().getPort();
      String redirect = probe(port, base + "/canary");
      assertThat(redirect).contains("probe_success 1").contains("probe_http_status_code 302");
      String page = probe(port, base + "/page");
      assertThat(page).contains("probe_success 0").contains("probe_http_status_code 200");
      assertThat(methods).as("no click: HEAD only, the redirect not followed").containsOnly("HEAD");
      assertThat(methods).hasSize(2);
    } finally {
      exporter.destroy();
      exporter.waitFor(10, TimeUnit.SECONDS);
      site.stop(0);
    }
  }

  /** The exporter's answer for one target, once it listens (within 10 s). */
  private static String probe(int port, String target) throws Exception {
    var client = HttpClient.newHttpClient();
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + port
                        + "/probe?module=smo1_redirect&target="
                        + URLEncoder.encode(target, StandardCharsets.UTF_8)))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException notListening) {
        if (System.nanoTime() > deadline) {
          throw notListening;
        }
        Thread.sleep(50);
      }
    }
  }

  /** A blackbox job: the module of blackbox.yml, each target passed as the probe's target. */
  private static void assertCanaryJob(JsonNode job) throws IOException {
    assertThat(job.path("metrics_path").asText()).isEqualTo("/probe");
    String module = job.path("params").path("module").get(0).asText();
    assertThat(YAML.readTree(BLACKBOX.toFile()).path("modules").has(module))
        .as("module " + module + " in blackbox.yml")
        .isTrue();
    JsonNode first = job.path("relabel_configs").get(0);
    assertThat(first.path("source_labels").get(0).asText()).isEqualTo("__address__");
    assertThat(first.path("target_label").asText()).isEqualTo("__param_target");
  }

  private static JsonNode job(JsonNode jobs, String name) {
    for (JsonNode job : jobs) {
      if (job.path("job_name").asText().equals(name)) {
        return job;
      }
    }
    throw new AssertionError("no scrape job " + name);
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
