package dev.smo1.localstores;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A redis-server process (Debian's package, which {@code ./smo1} installs) on a free loopback port,
 * with its append-only file under the data directory, fsynced on every write (the click buffer
 * acknowledges clicks once Redis has them). Used by the local profile and the tests, which also
 * stop and restart it on the same port and data; never in production.
 */
public final class LocalRedis implements AutoCloseable {
  private final Path binary;
  private final Path directory;
  private final int port;
  private Process process;

  private LocalRedis(Path binary, Path directory, int port) {
    this.binary = binary;
    this.directory = directory;
    this.port = port;
  }

  /** Empty when no {@code redis-server} binary is installed. */
  public static Optional<LocalRedis> start(Path dataDir) throws IOException, InterruptedException {
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
    var redis = new LocalRedis(binary.get(), directory, LoopbackPorts.free());
    redis.restart();
    return Optional.of(redis);
  }

  /** Starts the server (again, after {@link #stop}) on the same port and data. */
  public void restart() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                binary.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--dir",
                directory.toString(),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--daemonize",
                "no",
                "--logfile",
                directory.resolve("redis.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.out").toFile())
            .start();
    boolean listening =
        Polling.until(
            () -> {
              if (!process.isAlive()) {
                return null;
              }
              new Socket(InetAddress.getLoopbackAddress(), port).close();
              return true;
            },
            Duration.ofMillis(50),
            Duration.ofSeconds(10));
    if (listening) {
      return;
    }
    if (!process.isAlive()) {
      throw new IOException("redis-server exited; see " + directory.resolve("redis.log"));
    }
    process.destroy();
    throw new IOException("redis-server did not listen on port " + port + " within 10 s");
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
