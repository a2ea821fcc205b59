package dev.smo1.node.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A redis-server process for the local profile (Debian's package, which {@code ./smo1} installs),
 * on a free loopback port, with its append-only file under the data directory. Stopped with the
 * node. Never used in production.
 */
public final class LocalRedis implements AutoCloseable {
  private final Process process;
  private final int port;

  private LocalRedis(Process process, int port) {
    this.process = process;
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
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                binary.get().toString(),
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
                "--daemonize",
                "no",
                "--logfile",
                directory.resolve("redis.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.out").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        return Optional.of(new LocalRedis(process, port));
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IOException("redis-server exited; see " + directory.resolve("redis.log"));
        }
        Thread.sleep(50);
      }
    }
    process.destroy();
    throw new IOException("redis-server did not listen on port " + port + " within 10 s");
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
