package dev.smo1.http.testing;

import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;

import dev.smo1.http.ApiRoutes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * A route under test on a real server bound to a free loopback port, behind the API's own exception
 * and rejection handlers, called with the JDK client.
 */
public final class RouteTestServer implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ActorSystem<Void> system;
  private final ServerBinding binding;

  public RouteTestServer(String name, Supplier<Route> route) {
    // as the node's http.conf: per-IP limits and the audit log read the connection's address
    this.system =
        ActorSystem.create(
            Behaviors.empty(),
            name,
            com.typesafe.config.ConfigFactory.parseString(
                    "pekko.http.server.remote-address-attribute = on")
                .withFallback(com.typesafe.config.ConfigFactory.load()));
    this.binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(
                handleExceptions(
                    ApiRoutes.exceptionHandler(),
                    () -> handleRejections(ApiRoutes.rejectionHandler(), route)))
            .toCompletableFuture()
            .join();
  }

  public HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, java.util.Map.of());
  }

  public HttpResponse<String> send(
      String method, String path, String body, java.util.Map<String, String> headers)
      throws Exception {
    var request =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path));
    headers.forEach(request::header);
    return HTTP.send(
        request
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The port the server is bound to on 127.0.0.1 (for {@link RawHttp}). */
  public int port() {
    return binding.localAddress().getPort();
  }

  @Override
  public void close() {
    system.terminate();
  }
}
