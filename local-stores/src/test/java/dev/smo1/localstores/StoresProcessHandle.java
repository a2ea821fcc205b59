package dev.smo1.localstores;

import dev.smo1.localstores.testing.ProcessGroups;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StoresProcess} in a process group of its own ({@code setsid}), so that a test can kill
 * it and every store it started at once, as a power loss would, or kill its JVM alone. Its output
 * goes to a log file under {@code target/}.
 */
final class StoresProcessHandle implements AutoCloseable {
  private static final String READY = "STORES_READY ";

  private final Process process;
  private final Path log;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();

  private StoresProcessHandle(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::copyOutput, "stores-process-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static StoresProcessHandle start(String name, Path dataDir) throws IOException {
    Path logs = Path.of("target", "stores-processes");
    Files.createDirectories(logs);
    Path log = logs.resolve(name + "-" + System.nanoTime() + ".log");
    var command =
        ProcessGroups.inNewGroup(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                StoresProcess.class.getName(),
                dataDir.toString()));
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    return new StoresProcessHandle(process, log);
  }

  private void copyOutput() {
    try (var reader =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var writer = new PrintWriter(Files.newBufferedWriter(log), true)) {
      String line;
      while ((line = reader.readLine()) != null) {
        writer.println(line);
        lines.add(line);
        if (line.startsWith(READY)) {
          Map<String, String> urls = new HashMap<>();
          for (String field : line.substring(READY.length()).split(" ")) {
            int equals = field.indexOf('=');
            urls.put(field.substring(0, equals), field.substring(equals + 1));
          }
          ready.complete(urls);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("the stores process exited"));
  }

  /** The stores' URLs by name ({@code postgres}, {@code redis}, {@code clickhouse}). */
  Map<String, String> awaitReady(Duration timeout) {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stores did not start; output:\n" + output(), e);
    }
  }

  /** What the stores said while they started ({@code NOTICE} lines, without the prefix). */
  List<String> notices() {
    return lines.stream()
        .filter(line -> line.startsWith("NOTICE "))
        .map(line -> line.substring("NOTICE ".length()))
        .toList();
  }

  String output() {
    return String.join("\n", lines);
  }

  /** SIGKILL to the whole process group: the JVM and every store in the group, at once. */
  void killProcessGroup() throws IOException, InterruptedException {
    ProcessGroups.kill(process);
  }

  /** SIGKILL to the JVM alone: the stores it started run on, nobody's children any more. */
  void killJvm() throws InterruptedException {
    process.toHandle().destroyForcibly();
    awaitExit();
  }

  /**
   * SIGTERM to the JVM: its shutdown hooks stop the stores cleanly; if it is still running after 90
   * s, SIGKILL to its whole group.
   */
  void terminate() throws IOException, InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      ProcessGroups.kill(process);
    }
  }

  private void awaitExit() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("stores process " + process.pid() + " survived SIGKILL");
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        terminate();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
