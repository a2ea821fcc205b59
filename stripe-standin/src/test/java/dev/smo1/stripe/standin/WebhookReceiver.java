package dev.smo1.stripe.standin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook endpoint for tests: keeps each raw body with its signature header. */
final class WebhookReceiver implements AutoCloseable {
  record Received(String body, String signature) {}

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/webhooks",
        exchange -> {
          try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
              exchange.sendResponseHeaders(500, -1);
              return;
            }
            synchronized (received) {
              received.add(
                  new Received(body, exchange.getRequestHeaders().getFirst("Stripe-Signature")));
            }
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
  }

  /** The next {@code count} deliveries are answered 500. */
  void failNext(int count) {
    failuresLeft.set(count);
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
