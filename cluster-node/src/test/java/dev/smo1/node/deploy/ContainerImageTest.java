package dev.smo1.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.smo1.http.web.WebSettings;
import dev.smo1.node.config.NodeConfig;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code Dockerfile} cannot be built here (no Docker engine), so it is held to what the
 * Deployment and the distribution expect: a Java runtime base image, the distribution's start
 * script as entry point, a numeric non-root user equal to the pod's {@code runAsUser}, and the
 * Deployment's container ports exposed.
 */
class ContainerImageTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theImageRunsTheDistributionAsTheDeploymentsNonRootUserOnItsPorts() throws Exception {
    List<String> lines =
        Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    Deployment deployment =
        new ObjectMapper(new YAMLFactory())
            .readValue(ROOT.resolve("deploy-k8s/base/deployment.yaml").toFile(), Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(instruction(lines, "FROM"))
        .singleElement()
        .asString()
        .matches("eclipse-temurin:2[1-9]-jre");
    assertThat(instruction(lines, "USER"))
        .singleElement()
        .isEqualTo(
            pod.getSecurityContext().getRunAsUser()
                + ":"
                + pod.getSecurityContext().getRunAsGroup());
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    List<Integer> exposed = new ArrayList<>();
    instruction(lines, "EXPOSE")
        .forEach(
            ports ->
                Arrays.stream(ports.split("\\s+")).map(Integer::valueOf).forEach(exposed::add));
    assertThat(exposed)
        .containsExactlyInAnyOrderElementsOf(
            pod.getContainers().getFirst().getPorts().stream()
                .map(ContainerPort::getContainerPort)
                .toList());
    assertThat(instruction(lines, "ENTRYPOINT"))
        .singleElement()
        .isEqualTo("[\"/opt/smo1-node/bin/smo1-node\"]");
    // the archive the assembly builds, unpacked where the entry point expects it
    assertThat(instruction(lines, "ADD"))
        .singleElement()
        .isEqualTo("cluster-node/target/smo1-node-${VERSION}.tar.gz /opt/");
    assertThat(Files.readString(ROOT.resolve("cluster-node/src/assembly/distribution.xml")))
        .contains("<baseDirectory>smo1-node-${project.version}</baseDirectory>")
        .contains("<outputDirectory>bin</outputDirectory>");
    assertThat(ROOT.resolve("cluster-node/src/dist/bin/smo1-node")).isRegularFile();
  }

  @Test
  void theImageHasEveryWebAppWhereTheNodeLooksForIt() throws Exception {
    List<String> lines =
        Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    var web =
        WebSettings.from(NodeConfig.load(Map.of("smo1.http.public-base-url", "https://s.example")));
    List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));

    for (Path export : List.of(web.landing(), web.dashboard(), web.apiReference())) {
      String source = "web/" + web.dir().relativize(export);
      assertThat(instruction(lines, "COPY")).contains(source + " " + export);
      assertThat(ignored).as("the build context lets it in").contains("!" + source);
    }
  }

  private static List<String> instruction(List<String> lines, String name) {
    return lines.stream()
        .filter(line -> line.startsWith(name + " "))
        .map(line -> line.substring(name.length() + 1).strip())
        .toList();
  }
}
