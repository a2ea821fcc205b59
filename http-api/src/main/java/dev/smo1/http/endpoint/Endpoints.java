package dev.smo1.http.endpoint;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapRequest;
import static org.apache.pekko.http.javadsl.server.Directives.method;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The directives of the route table ({@link Endpoint}). A route declares its entry with {@link
 * #endpoint} where its path has matched: the directive matches the entry's method (else the usual
 * 405) and records the entry in the request's {@link Match}, which the outermost wrapper ({@link
 * #matching}) put there and reads once the response is known, however it was made (the route's
 * answer, an exception rendered by the error handler). A request no route recorded was answered
 * before any route matched (401, 429, 404 for an unknown path, 405).
 */
public final class Endpoints {
  private static final AttributeKey<Match> MATCH =
      AttributeKey.create("smo1-endpoint", Match.class);

  private Endpoints() {}

  /** The entry that served a request, once known; one per request, filled by the route. */
  public static final class Match {
    private volatile Endpoint endpoint;
    private volatile boolean webPage;

    /**
     * Whether a web app's page or file served the request ({@link #webPage}): outside the API
     * contract, held by the web routes' own tests.
     */
    public boolean webPage() {
      return webPage;
    }

    /** The entry recorded by the route that served the request, if one did. */
    public Optional<Endpoint> endpoint() {
      return Optional.ofNullable(endpoint);
    }
  }

  /** Serves {@code inner} as {@code endpoint}: its method only, recorded on the request. */
  public static Route endpoint(Endpoint endpoint, Supplier<Route> inner) {
    return method(
        endpoint.method(),
        () ->
            extractRequest(
                request -> {
                  record(request, endpoint);
                  return inner.get();
                }));
  }

  /** As {@link #endpoint(Endpoint, Supplier)}, for a route that holds the request already. */
  public static Route endpoint(Endpoint endpoint, HttpRequest request, Supplier<Route> inner) {
    return method(
        endpoint.method(),
        () -> {
          record(request, endpoint);
          return inner.get();
        });
  }

  /**
   * Runs {@code inner} with the request's {@link Match}: the one an outer wrapper put on the
   * request (a test's contract check around the node's routes), else a new one.
   */
  public static Route matching(BiFunction<HttpRequest, Match, Route> inner) {
    return extractRequest(
        request -> {
          Optional<Match> existing = request.getAttribute(MATCH);
          if (existing.isPresent()) {
            return inner.apply(request, existing.get());
          }
          Match match = new Match();
          HttpRequest marked = request.addAttribute(MATCH, match);
          return mapRequest(ignored -> marked, () -> inner.apply(marked, match));
        });
  }

  /**
   * Marks the request as one for a web app's pages (landing site, dashboard, API reference), which
   * are no part of the route table: their metrics label is {@link Endpoint#WEB_PAGE}, and the
   * contract check leaves them to the web routes' tests.
   */
  public static void webPage(HttpRequest request) {
    request.getAttribute(MATCH).ifPresent(match -> match.webPage = true);
  }

  private static void record(HttpRequest request, Endpoint endpoint) {
    Optional<Match> match = request.getAttribute(MATCH);
    if (match.isPresent()) {
      match.get().endpoint = endpoint;
    }
  }
}
