package dev.smo1.http.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.endpoint.Endpoints;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The HTTP port's metrics: every request's duration by route (the template of its entry in the
 * route table, {@link Endpoint}, never the raw path: link codes would make a series each; {@code
 * other} for paths the table does not know), method and status ({@code
 * smo1_http_request_duration_seconds}; its {@code _count} is the request count), and redirects by
 * where they were answered and how ({@code smo1_redirects_total{source,result}}: {@code origin}
 * counted here as they are answered, {@code edge} counted from the Worker's click batches, one per
 * new click).
 */
public final class HttpMetrics {
  /**
   * Redirect results: the link redirected, it does not exist, or it is disabled/expired/deleted.
   */
  public enum RedirectResult {
    REDIRECT,
    NOT_FOUND,
    GONE,
    /** A link whose stored target no redirect can carry (502 target_unavailable). */
    UNAVAILABLE,
    /** A link gone (expired, exhausted, disabled) that sends its visitors to its fallback URL. */
    FALLBACK,
    /** A link-preview bot got a link's preview page instead of the redirect. */
    PREVIEW,
    /** A protected link answered its password page (no access cookie yet). */
    PASSWORD;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final Histogram duration;
  private final Counter redirects;

  public HttpMetrics(PrometheusRegistry registry) {
    this.duration =
        Histogram.builder()
            .name("smo1_http_request_duration_seconds")
            .help("Time from a request's arrival to its response, by route template and status")
            .labelNames("route", "method", "status")
            .classicOnly()
            .classicUpperBounds(
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    this.redirects =
        Counter.builder()
            .name("smo1_redirects_total")
            .help("Redirects by where they were answered (origin, edge) and their result")
            .labelNames("source", "result")
            .register(registry);
    for (RedirectResult result : RedirectResult.values()) {
      redirects.labelValues("origin", result.label);
    }
    redirects.labelValues("edge", RedirectResult.REDIRECT.label);
  }

  /**
   * Wraps the whole route tree (outside its error handling, so the final status is recorded). The
   * label is the template the serving route recorded; an answer given before any route matched (a
   * 401, a 429) is labelled by the template its path falls under.
   */
  public Route instrument(Route inner) {
    return Endpoints.matching(
        (request, match) -> {
          long start = System.nanoTime();
          return mapResponse(
              response -> {
                String route =
                    match.webPage()
                        ? Endpoint.WEB_PAGE
                        : match
                            .endpoint()
                            .map(Endpoint::template)
                            .orElseGet(() -> Endpoint.templateOf(request.getUri().path()));
                observe(
                    route,
                    method(request),
                    response.status().intValue(),
                    System.nanoTime() - start);
                return response;
              },
              () -> inner);
        });
  }

  void observe(String route, String method, int status, long nanos) {
    duration.labelValues(route, method, Integer.toString(status)).observe(nanos / 1e9);
  }

  /** An answer of the origin redirect. */
  public void originRedirect(RedirectResult result) {
    redirects.labelValues("origin", result.label).inc();
  }

  /** Redirects the edge answered, reported by its click batches (new clicks only). */
  public void edgeRedirects(long count) {
    if (count > 0) {
      redirects.labelValues("edge", RedirectResult.REDIRECT.label).inc(count);
    }
  }

  private static String method(HttpRequest request) {
    String name = request.method().name();
    return METHODS.contains(name) ? name : "other";
  }
}
