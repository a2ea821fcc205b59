package dev.smo1.localstores;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A clickhouse-server process (Debian's package, which {@code ./smo1} installs) with its own
 * configuration, data under {@code <dataDir>/clickhouse}, on free loopback ports (HTTP and native;
 * no interserver port). Used by the local profile and the tests; never in production. A server that
 * loses a port race exits after a moment while a probe may reach another one, so readiness is an
 * answer on our port <em>and</em> our process still alive.
 *
 * <p>A start first stops a clickhouse-server an earlier node left running on the directory (only
 * that node's JVM was killed: its children run on), then waits for as long as the server makes
 * progress: after an unclean shutdown (its {@code status} file left behind) ClickHouse checks its
 * parts before it listens, and the start says so.
 */
public final class LocalClickHouse implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/clickhouse-server");

  /** How long a start may show no progress (CPU time, log lines) before it is given up. */
  static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final Path directory;
  private final int httpPort;
  private final Consumer<String> notices;
  private Process process;

  private LocalClickHouse(Path directory, int httpPort, Consumer<String> notices) {
    this.directory = directory;
    this.httpPort = httpPort;
    this.notices = notices;
  }

  /** As {@link #start(Path, Consumer)}, telling on standard error. */
  public static Optional<LocalClickHouse> start(Path dataDir)
      throws IOException, InterruptedException {
    return start(dataDir, message -> System.err.println("smo1: " + message));
  }

  /**
   * Starts clickhouse-server on {@code <dataDir>/clickhouse}; {@code notices} hears what a user
   * should know while it starts (a recovery after an unclean shutdown, a server left running by an
   * earlier node). Empty when no {@code clickhouse-server} binary is installed.
   */
  public static Optional<LocalClickHouse> start(Path dataDir, Consumer<String> notices)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      return Optional.empty();
    }
    Path directory = dataDir.resolve("clickhouse").toAbsolutePath();
    Files.createDirectories(directory.resolve("log"));
    boolean recovering = clearLeftovers(directory, notices);
    if (recovering) {
      notices.accept(
          "recovering ClickHouse after an unclean shutdown… dir="
              + directory
              + " log="
              + directory.resolve("log/error.log"));
    }
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      int httpPort = LoopbackPorts.free();
      int tcpPort = LoopbackPorts.free();
      Files.writeString(directory.resolve("config.xml"), config(directory, httpPort, tcpPort));
      var server = new LocalClickHouse(directory, httpPort, notices);
      long logOffset = StoreFiles.size(server.errorLog());
      Polling.Outcome outcome = server.launch(recovering);
      if (outcome == Polling.Outcome.READY) {
        if (recovering) {
          notices.accept(
              "ClickHouse recovered in "
                  + Duration.ofNanos(System.nanoTime() - started).toMillis()
                  + " ms");
        }
        return Optional.of(server);
      }
      server.stop();
      if (outcome == Polling.Outcome.STALLED || attempt == 3) {
        throw new IOException(
            (outcome == Polling.Outcome.STALLED
                    ? "clickhouse-server made no progress starting for "
                        + STALL_LIMIT.toSeconds()
                        + " s"
                    : "clickhouse-server did not start")
                + "; the last lines of its log "
                + server.errorLog()
                + ":\n"
                + StoreFiles.tail(server.errorLog(), logOffset));
      }
    }
  }

  /**
   * Stops a clickhouse-server an earlier node left running with this directory's configuration;
   * whether the last server stopped uncleanly (its {@code status} file, which holds its PID and is
   * removed by a clean shutdown, is still there).
   */
  private static boolean clearLeftovers(Path directory, Consumer<String> notices)
      throws InterruptedException {
    String configArgument = "--config-file=" + directory.resolve("config.xml");
    for (ProcessHandle leftover : StoreProcesses.runningWith(configArgument)) {
      notices.accept(
          "stopping the clickhouse-server an earlier node left running pid="
              + leftover.pid()
              + " dir="
              + directory);
      StoreProcesses.stop(leftover, Duration.ofSeconds(60));
    }
    return Files.exists(directory.resolve("data/status"));
  }

  private Path errorLog() {
    return directory.resolve("log/error.log");
  }

  /** Starts the server again (after {@link #stop}) on the same ports and data. */
  public synchronized void restart() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    if (launch(false) != Polling.Outcome.READY) {
      throw new IOException(
          "clickhouse-server did not restart; see " + directory.resolve("log/error.log"));
    }
  }

  private Polling.Outcome launch(boolean recovering) throws IOException, InterruptedException {
    process =
        new ProcessBuilder(BINARY.toString(), "--config-file=" + directory.resolve("config.xml"))
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(directory.resolve("log/stdout.log").toFile()))
            .start();
    return awaitReady(recovering);
  }

  /** The HTTP interface, e.g. {@code http://127.0.0.1:8123}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  private Polling.Outcome awaitReady(boolean recovering) throws InterruptedException {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    var probe =
        HttpRequest.newBuilder(URI.create(url() + "/?query=SELECT%201"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Polling.Outcome outcome =
        Polling.untilReady(
            () -> {
              if (!process.isAlive()) {
                return null;
              }
              return http.send(probe, HttpResponse.BodyHandlers.ofString())
                  .body()
                  .trim()
                  .equals("1");
            },
            () ->
                StoreProcesses.progress(
                    process.toHandle(), errorLog(), directory.resolve("log/server.log")),
            Duration.ofMillis(100),
            STALL_LIMIT,
            waited ->
                notices.accept(
                    (recovering ? "still recovering" : "still starting")
                        + " ClickHouse after "
                        + waited.toSeconds()
                        + " s (making progress) log="
                        + errorLog()));
    if (outcome != Polling.Outcome.READY) {
      return outcome;
    }
    // a server that lost a port race exits a moment later, while the winner answered the probe:
    // ours is the one only if it is still running 300 ms on
    try {
      process.onExit().get(300, TimeUnit.MILLISECONDS);
      return Polling.Outcome.GONE;
    } catch (TimeoutException stillRunning) {
      return Polling.Outcome.READY;
    } catch (ExecutionException e) {
      return Polling.Outcome.GONE;
    }
  }

  /** The least 18.16 needs: paths, loopback ports, a password-less default user from 127.0.0.1. */
  static String config(Path directory, int httpPort, int tcpPort) {
    return """
        <?xml version="1.0"?>
        <yandex>
          <logger>
            <level>warning</level>
            <log>%1$s/log/server.log</log>
            <errorlog>%1$s/log/error.log</errorlog>
          </logger>
          <listen_host>127.0.0.1</listen_host>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <user_files_path>%1$s/user_files/</user_files_path>
          <format_schema_path>%1$s/format_schemas/</format_schema_path>
          <mark_cache_size>268435456</mark_cache_size>
          <users>
            <default>
              <password></password>
              <networks><ip>127.0.0.1</ip></networks>
              <profile>default</profile>
              <quota>default</quota>
            </default>
          </users>
          <profiles><default/></profiles>
          <quotas><default/></quotas>
        </yandex>
        """
        .formatted(directory, httpPort, tcpPort);
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
