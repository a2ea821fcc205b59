package dev.smo1.prober;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus Pushgateway ({@code prometheus-pushgateway}; {@code ./smo1 test} installs it)
 * on a free loopback port, without persistence: the real receiver of the prober's pushes.
 */
final class LocalPushgateway implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/prometheus-pushgateway");

  private final Process process;
  private final String url;

  private LocalPushgateway(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static LocalPushgateway start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          "Debian's prometheus-pushgateway is needed (apt-get install prometheus-pushgateway;"
              + " ./smo1 test installs it)");
    }
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    Process process =
        new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    var pushgateway = new LocalPushgateway(process, url);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the Pushgateway exited with " + process.exitValue());
      }
      try {
        if (ProbeCommandTest.get(url + "/-/ready").startsWith("OK")) {
          return pushgateway;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    pushgateway.close();
    throw new AssertionError("the Pushgateway was not ready within 20 s");
  }

  String url() {
    return url;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
