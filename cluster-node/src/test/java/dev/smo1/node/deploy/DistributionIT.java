package dev.smo1.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.testing.TempDirectories;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.testing.TestNodes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runnable distribution {@code mvn package} builds (what the {@code Dockerfile} puts on its
 * Java runtime): unpacked, a node started from {@code bin/smo1-node} with the environment alone
 * serves a link, {@code bin/smo1-probe} (the prober CronJob's command) probes it without an error,
 * and the node stops on SIGTERM.
 */
class DistributionIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void aNodeStartedFromTheUnpackedDistributionServesALinkAndStopsOnSigterm() throws Exception {
    Path archive;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      archive =
          files
              .filter(file -> file.getFileName().toString().matches("smo1-node-.*\\.tar\\.gz"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no distribution in target/ (mvn package)"));
    }
    Path unpacked = TempDirectories.create("smo1-distribution-");
    Process tar =
        new ProcessBuilder(
                "tar", "-xzf", archive.toAbsolutePath().toString(), "-C", unpacked.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).isZero();
    Path script;
    try (Stream<Path> homes = Files.list(unpacked)) {
      script = homes.findFirst().orElseThrow().resolve("bin/smo1-node");
    }
    assertThat(Files.isExecutable(script)).as(script + " executable").isTrue();

    var builder = new ProcessBuilder(script.toString()).redirectErrorStream(true);
    builder.environment().putAll(TestNodes.processEnvironment(TestPostgres.newDatabase()));
    // the JVM running this test, as JAVA_HOME would name it on a machine
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS", "-Xmx512m");
    Process node = builder.start();
    List<String> output = new ArrayList<>();
    var ready = new CompletableFuture<String>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (var lines =
                  new BufferedReader(
                      new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.startsWith("SMO1_NODE_READY http=")) {
                    ready.complete(line.substring("SMO1_NODE_READY http=".length()).split(" ")[0]);
                  }
                }
              } catch (Exception ignored) {
                // the process ended
              }
              ready.completeExceptionally(new AssertionError("the node exited: " + output));
            });
    try {
      String base = ready.get(120, TimeUnit.SECONDS);
      var created =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                  .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"target\":\"https://example.com/dist\",\"alias\":\"dist\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      var visit =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/dist")).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(visit.statusCode()).isEqualTo(302);
      assertThat(visit.headers().firstValue("Location")).hasValue("https://example.com/dist");

      // bin/smo1-probe, as the prober CronJob runs it from the image: the link learnt from the API
      Path probeScript = script.resolveSibling("smo1-probe");
      assertThat(Files.isExecutable(probeScript)).as(probeScript + " executable").isTrue();
      var probeBuilder =
          new ProcessBuilder(
                  probeScript.toString(),
                  base,
                  "--code",
                  "dist",
                  "--api",
                  base,
                  "--duration",
                  "1",
                  "--rate",
                  "5")
              .redirectErrorStream(true);
      probeBuilder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      probeBuilder.environment().put("SMO1_PROBE_API_KEY", TestNodes.OWNER_KEY);
      Process probe = probeBuilder.start();
      String probed = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(probe.exitValue()).as(probed).isZero();
      assertThat(probed)
          .contains("PROBE target=" + base.replaceAll("/+$", "") + " requests=5 errors=0 ");

      node.destroy(); // SIGTERM: coordinated shutdown, then the process ends
      assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
    } finally {
      node.destroyForcibly();
      try (Stream<Path> files = Files.walk(unpacked)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
