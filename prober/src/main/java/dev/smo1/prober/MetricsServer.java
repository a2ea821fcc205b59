package dev.smo1.prober;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} while the prober runs ({@code --metrics-port}), for a Prometheus that
 * scrapes a long run instead of a Pushgateway taking a short one. Listens on every interface, as a
 * scrape target in a pod must; the metrics hold no secret.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static MetricsServer start(int port, ProbeMetrics metrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
              exchange.getResponseHeaders().set("Allow", "GET");
              exchange.sendResponseHeaders(405, -1);
              return;
            }
            byte[] body = metrics.text();
            exchange.getResponseHeaders().set("Content-Type", ProbeMetrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    ExecutorService executor =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("metrics").factory());
    server.setExecutor(executor);
    server.start();
    return new MetricsServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
