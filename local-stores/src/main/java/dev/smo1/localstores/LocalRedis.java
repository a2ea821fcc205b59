package dev.smo1.localstores;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A redis-server process (Debian's package, which {@code ./smo1} installs) on a free loopback port,
 * with its append-only file under the data directory, fsynced on every write (the click buffer
 * acknowledges clicks once Redis has them), at most 1 GB and never evicting ({@code noeviction}:
 * the click stream shares it with the cache). Used by the local profile and the tests, which also
 * stop and restart it on the same port and data; never in production.
 *
 * <p>A start first stops a redis-server an earlier node left running on the directory (only that
 * node's JVM was killed: its children run on), then waits, for as long as Redis makes progress,
 * until it answers {@code PING} with {@code PONG}: after an unclean shutdown (its PID file left
 * behind) Redis replays its append-only file first, answering {@code LOADING} meanwhile, and the
 * start says so.
 */
public final class LocalRedis implements AutoCloseable {
  private static final String PID_FILE = "redis.pid";

  /** How long a start may show no progress (CPU time, log lines, loading) before it is given up. */
  static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final Path binary;
  private final Path directory;
  private final int port;
  private final Consumer<String> notices;
  private Process process;

  private LocalRedis(Path binary, Path directory, int port, Consumer<String> notices) {
    this.binary = binary;
    this.directory = directory;
    this.port = port;
    this.notices = notices;
  }

  /** As {@link #start(Path, Consumer)}, telling on standard error. */
  public static Optional<LocalRedis> start(Path dataDir) throws IOException, InterruptedException {
    return start(dataDir, message -> System.err.println("smo1: " + message));
  }

  /**
   * Starts redis-server on {@code <dataDir>/redis}; {@code notices} hears what a user should know
   * while it starts (a recovery after an unclean shutdown, a server left running by an earlier
   * node). Empty when no {@code redis-server} binary is installed.
   */
  public static Optional<LocalRedis> start(Path dataDir, Consumer<String> notices)
      throws IOException, InterruptedException {
    Optional<Path> binary =
        List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    if (binary.isEmpty()) {
      return Optional.empty();
    }
    Path directory = dataDir.resolve("redis").toAbsolutePath();
    Files.createDirectories(directory);
    var redis = new LocalRedis(binary.get(), directory, LoopbackPorts.free(), notices);
    redis.restart();
    return Optional.of(redis);
  }

  /** Starts the server (again, after {@link #stop}) on the same port and data. */
  public void restart() throws IOException, InterruptedException {
    Path log = directory.resolve("redis.log");
    boolean recovering = clearLeftovers();
    if (recovering) {
      notices.accept(
          "recovering Redis after an unclean shutdown… (replaying its append-only file) dir="
              + directory
              + " log="
              + log);
    }
    long logOffset = StoreFiles.size(log);
    long started = System.nanoTime();
    process =
        new ProcessBuilder(
                binary.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--dir",
                directory.toString(),
                // left behind by a crash, removed by a clean shutdown
                "--pidfile",
                directory.resolve(PID_FILE).toString(),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                // the click stream and the cache share this Redis: bounded, and never evicting
                // (a full Redis refuses new clicks rather than drop buffered ones)
                "--maxmemory",
                "1gb",
                "--maxmemory-policy",
                "noeviction",
                "--daemonize",
                "no",
                "--logfile",
                directory.resolve("redis.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.out").toFile())
            .start();
    var loadingAnswers = new AtomicLong();
    Polling.Outcome outcome =
        Polling.untilReady(
            () -> {
              if (!process.isAlive()) {
                return null;
              }
              String answer = ping();
              if (answer.startsWith("-LOADING")) {
                // Redis answers while it loads only between chunks of its file: it is moving
                loadingAnswers.incrementAndGet();
              }
              return answer.equals("+PONG");
            },
            () -> List.of(StoreProcesses.progress(process.toHandle(), log), loadingAnswers.get()),
            Duration.ofMillis(50),
            STALL_LIMIT,
            waited ->
                notices.accept(
                    (recovering ? "still recovering" : "still starting")
                        + " Redis after "
                        + waited.toSeconds()
                        + " s (making progress) log="
                        + log));
    if (outcome == Polling.Outcome.READY) {
      if (recovering) {
        notices.accept(
            "Redis recovered in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms");
      }
      return;
    }
    process.destroyForcibly().waitFor();
    throw new IOException(
        (outcome == Polling.Outcome.GONE
                ? "redis-server exited while starting on port " + port
                : "redis-server made no progress starting for " + STALL_LIMIT.toSeconds() + " s")
            + "; the last lines of its log "
            + log
            + ":\n"
            + StoreFiles.tail(log, logOffset));
  }

  /**
   * Stops a redis-server an earlier node left running on this directory; whether the last server
   * stopped uncleanly (its PID file is still there), so that this start replays the append-only
   * file.
   */
  private boolean clearLeftovers() throws IOException, InterruptedException {
    String program = binary.toRealPath().getFileName().toString();
    for (ProcessHandle leftover : StoreProcesses.runningIn(directory, program)) {
      notices.accept(
          "stopping the redis-server an earlier node left running pid="
              + leftover.pid()
              + " dir="
              + directory);
      StoreProcesses.stop(leftover, Duration.ofSeconds(30));
    }
    return Files.exists(directory.resolve(PID_FILE));
  }

  /** One {@code PING}: Redis' first line of answer ({@code +PONG}, or {@code -LOADING …}). */
  private String ping() throws IOException {
    try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      var reader =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line = reader.readLine();
      return line == null ? "" : line;
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server and waits for it to exit; {@link #restart} brings it back. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
