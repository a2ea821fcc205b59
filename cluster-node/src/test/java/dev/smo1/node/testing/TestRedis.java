package dev.smo1.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real redis-server (Debian's package, installed by {@code ./smo1 test}) on a free loopback port,
 * with an append-only file so a stop and start keeps the data, as a production Redis would.
 */
public final class TestRedis implements AutoCloseable {
  private final int port;
  private final Path directory;
  private Process process;

  private TestRedis(int port, Path directory) {
    this.port = port;
    this.directory = directory;
  }

  public static TestRedis start() {
    try {
      int port;
      try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      var redis = new TestRedis(port, Files.createTempDirectory("smo1-test-redis"));
      redis.startProcess();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server again (after {@link #stop}) on the same port and data. */
  public void startProcess() throws IOException {
    process =
        new ProcessBuilder(
                "redis-server",
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
                "always")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IOException(
              "redis-server exited: " + Files.readString(directory.resolve("redis.log")));
        }
        Thread.onSpinWait();
      }
    }
    throw new IOException("redis-server did not start on port " + port);
  }

  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
