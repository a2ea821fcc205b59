package dev.smo1.node.testing;

import dev.smo1.localstores.testing.ProcessGroups;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A node in a JVM of its own ({@code dev.smo1.node.Main} on this test's classpath), for tests that
 * must kill a node the hard way. Its output goes to a log file under {@code target/}; {@link
 * #logTail()} is for failure messages.
 */
public final class NodeProcess implements AutoCloseable {
  private static final String READY = "SMO1_NODE_READY http=";

  private final Process process;
  private final boolean ownProcessGroup;
  private final Path log;
  private final CompletableFuture<String> baseUrl = new CompletableFuture<>();
  private volatile String managementUrl;

  private NodeProcess(Process process, boolean ownProcessGroup, Path log) {
    this.process = process;
    this.ownProcessGroup = ownProcessGroup;
    this.log = log;
    Thread reader = new Thread(this::copyOutput, "node-process-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a node with {@code environment} added to this JVM's environment. */
  public static NodeProcess start(String name, Map<String, String> environment) throws IOException {
    return start(name, environment, Map.of());
  }

  /** As {@link #start(String, Map)}, with configuration given as JVM system properties. */
  public static NodeProcess start(
      String name, Map<String, String> environment, Map<String, String> properties)
      throws IOException {
    return start(name, environment, properties, false);
  }

  /**
   * As {@link #start(String, Map)}, leading a process group of its own, which {@link
   * #killProcessGroup()} kills whole: the node and the local stores it starts in the local profile.
   */
  public static NodeProcess startInOwnProcessGroup(String name, Map<String, String> environment)
      throws IOException {
    return start(name, environment, Map.of(), true);
  }

  private static NodeProcess start(
      String name,
      Map<String, String> environment,
      Map<String, String> properties,
      boolean ownProcessGroup)
      throws IOException {
    Path logs = Path.of("target", "node-processes");
    Files.createDirectories(logs);
    Path log = logs.resolve(name + "-" + System.nanoTime() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--sun-misc-unsafe-memory-access=allow");
    command.add("-Xmx512m");
    command.add("-Dlogback.configurationFile=logback.xml");
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.smo1.node.Main");
    var builder =
        new ProcessBuilder(ownProcessGroup ? ProcessGroups.inNewGroup(command) : command)
            .redirectErrorStream(true);
    builder.environment().putAll(environment);
    return new NodeProcess(builder.start(), ownProcessGroup, log);
  }

  private void copyOutput() {
    try (var reader =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var writer = new PrintWriter(Files.newBufferedWriter(log), true)) {
      String line;
      while ((line = reader.readLine()) != null) {
        writer.println(line);
        if (line.startsWith(READY)) {
          for (String field : line.split(" ")) {
            if (field.startsWith("management=")) {
              managementUrl = field.substring("management=".length()).replaceAll("/+$", "");
            }
          }
          baseUrl.complete(line.substring(READY.length()).split(" ")[0]);
        }
      }
    } catch (IOException e) {
      baseUrl.completeExceptionally(e);
    }
    baseUrl.completeExceptionally(new IllegalStateException("node exited before it was ready"));
  }

  /** The node's HTTP base URL, once it has printed its ready line. */
  public String awaitReady(Duration timeout) throws Exception {
    try {
      return baseUrl.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("node did not become ready; log tail:\n" + logTail(), e);
    }
  }

  /** The node's HTTP base URL if it has printed its ready line. */
  public java.util.Optional<String> httpUrl() {
    return baseUrl.isDone() && !baseUrl.isCompletedExceptionally()
        ? java.util.Optional.of(baseUrl.join())
        : java.util.Optional.empty();
  }

  /** The node's management base URL ({@code /ready}, {@code /metrics}), once it is ready. */
  public String managementUrl() {
    if (managementUrl == null) {
      throw new IllegalStateException("node not ready yet");
    }
    return managementUrl;
  }

  /**
   * SIGTERM, as Kubernetes stops a pod: the node's coordinated shutdown runs (not ready, drain,
   * hand-off, leave) and the process exits. Returns the seconds it took.
   */
  public double terminate(Duration within) throws InterruptedException {
    long start = System.nanoTime();
    // through the handle: Process.destroy() would also close the pipe the node logs to, and its
    // shutdown would go unrecorded
    process.toHandle().destroy();
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "node process "
              + process.pid()
              + " still running "
              + within
              + " after SIGTERM\n"
              + logTail());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Waits for the process to end by itself (a downed node exits). */
  public boolean awaitExit(Duration within) throws InterruptedException {
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL: no shutdown hook, no coordinated shutdown, no leaving the cluster. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("node process " + process.pid() + " survived SIGKILL");
    }
  }

  /**
   * SIGKILL to the node's whole process group (see {@link #startInOwnProcessGroup}): the node and
   * its local PostgreSQL, Redis and ClickHouse at once, as a power loss would.
   */
  public void killProcessGroup() throws IOException, InterruptedException {
    ProcessGroups.kill(process);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public int exitValue() {
    return process.exitValue();
  }

  /** Every line the node has printed so far. */
  public List<String> logLines() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      return List.of();
    }
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Kills a node still running; one in a process group of its own with its local stores. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        if (ownProcessGroup) {
          killProcessGroup();
        } else {
          kill();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
