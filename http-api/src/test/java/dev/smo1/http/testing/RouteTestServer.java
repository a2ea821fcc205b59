package dev.smo1.http.testing;

import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;

import dev.smo1.http.ApiRoutes;
import dev.smo1.http.testing.contract.ContractCheck;
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
 * and rejection handlers, called with the JDK client. Every answer is held to the API's contract
 * ({@link ContractCheck}): one that breaks it fails the test.
 */
public final class RouteTestServer implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ActorSystem<Void> system;
  private final ServerBinding binding;

  public RouteTestServer(String name, Supplier<Route> route) {
    this(name, route, true);
  }

  /**
   * A server whose answers are not held to the contract: for tests of directives on routes made up
   * for the test, which are not the API's.
   */
  public static RouteTestServer unchecked(String name, Supplier<Route> route) {
    return new RouteTestServer(name, route, false);
  }

  private RouteTestServer(String name, Supplier<Route> route, boolean contractChecked) {
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
            .bind(contractChecked ? ContractCheck.around(handled(route)) : handled(route))
            .toCompletableFuture()
            .join();
  }

  private static Route handled(Supplier<Route> route) {
    return handleExceptions(
        ApiRoutes.exceptionHandler(), () -> handleRejections(ApiRoutes.rejectionHandler(), route));
  }

  public HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, java.util.Map.of());
  }

  public HttpResponse<String> send(
      String method, String path, String body, java.util.Map<String, String> headers)
      throws Exception {
    return send(method, path, body, headers, HttpResponse.BodyHandlers.ofString());
  }

  /** As {@link #send(String, String, String, java.util.Map)}, the body read by {@code handler}. */
  public <T> HttpResponse<T> send(
      String method,
      String path,
      String body,
      java.util.Map<String, String> headers,
      HttpResponse.BodyHandler<T> handler)
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
        handler);
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
