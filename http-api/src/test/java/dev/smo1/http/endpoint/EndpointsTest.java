package dev.smo1.http.endpoint;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.headerValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.http.ApiRoutes;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.testing.RouteTestServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entry a route declares is recorded on its request, whatever answers it, and is the metrics'
 * {@code route} label; answers given before any route matched are labelled by their path.
 */
class EndpointsTest {
  private static final PrometheusRegistry registry = new PrometheusRegistry();
  private static final List<String> seenOutside = new CopyOnWriteArrayList<>();
  private static RouteTestServer server;

  @BeforeAll
  static void start() {
    var metrics = new HttpMetrics(registry);
    server =
        RouteTestServer.unchecked(
            "endpoints-test",
            () ->
                // an outer wrapper (as a test's contract check) sees the entry the route recorded
                Endpoints.matching(
                    (request, match) ->
                        mapResponse(
                            response -> {
                              seenOutside.add(match.endpoint().map(Endpoint::name).orElse("none"));
                              return response;
                            },
                            () ->
                                metrics.instrument(
                                    handledAsTheApiDoes(
                                        concat(
                                            // a route whose path is not its template: the label is
                                            // the entry it declares
                                            path(
                                                "somewhere",
                                                () ->
                                                    endpoint(
                                                        Endpoint.GET_LIVENESS,
                                                        () -> complete(StatusCodes.OK))),
                                            pathPrefix(
                                                "api",
                                                () ->
                                                    pathPrefix(
                                                        "v1",
                                                        () -> path("links", () -> links())))))))));
  }

  private static org.apache.pekko.http.javadsl.server.Route handledAsTheApiDoes(
      org.apache.pekko.http.javadsl.server.Route inner) {
    return handleExceptions(
        ApiRoutes.exceptionHandler(),
        () -> handleRejections(ApiRoutes.rejectionHandler(), () -> inner));
  }

  /** As the API: no key, 401 before any route matched; a failing route is still recorded. */
  private static org.apache.pekko.http.javadsl.server.Route links() {
    return optionalHeaderValueByName(
        "Authorization",
        authorization -> {
          if (authorization.isEmpty()) {
            throw new ApiException(StatusCodes.UNAUTHORIZED, ApiError.of("unauthorized", "no key"));
          }
          return concat(
              endpoint(Endpoint.LIST_LINKS, () -> complete(StatusCodes.OK)),
              endpoint(
                  Endpoint.CREATE_LINK,
                  () ->
                      headerValueByName(
                          "X-Fail",
                          fail -> {
                            throw new ApiException(
                                StatusCodes.UNPROCESSABLE_CONTENT,
                                ApiError.of("invalid_target", fail));
                          })));
        });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    seenOutside.clear();
  }

  @Test
  void theLabelIsTheEntryTheServingRouteDeclared() throws Exception {
    assertThat(server.send("GET", "/somewhere", null).statusCode()).isEqualTo(200);

    assertThat(count("/healthz", "GET", "200")).isEqualTo(1);
    assertThat(count("/somewhere", "GET", "200")).isZero();
    assertThat(seenOutside).containsExactly("GET_LIVENESS");
  }

  @Test
  void aRouteThatFailsIsStillTheOneRecorded() throws Exception {
    var response =
        server.send("POST", "/api/v1/links", null, Map.of("Authorization", "k", "X-Fail", "x"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(count("/api/v1/links", "POST", "422")).isEqualTo(1);
    assertThat(seenOutside).containsExactly("CREATE_LINK");
  }

  @Test
  void anAnswerBeforeAnyRouteIsLabelledByItsPathAndRecordsNoEntry() throws Exception {
    assertThat(server.send("GET", "/api/v1/links", null).statusCode()).isEqualTo(401);

    assertThat(count("/api/v1/links", "GET", "401")).isEqualTo(1);
    assertThat(seenOutside).containsExactly("none");
  }

  @Test
  void unknownPathsAreOneSeriesAndAWrongMethodRecordsNoEntry() throws Exception {
    assertThat(server.send("GET", "/wp-admin/setup.php", null).statusCode()).isEqualTo(404);
    assertThat(server.send("GET", "/wp-login.php/x", null).statusCode()).isEqualTo(404);
    var wrongMethod = server.send("DELETE", "/api/v1/links", null, Map.of("Authorization", "k"));

    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(count("other", "GET", "404")).isEqualTo(2);
    assertThat(count("/api/v1/links", "DELETE", "405")).isEqualTo(1);
    assertThat(seenOutside).containsExactly("none", "none", "none");
  }

  private static long count(String route, String method, String status) {
    for (var snapshot : registry.scrape()) {
      if (snapshot instanceof HistogramSnapshot histogram
          && histogram.getMetadata().getName().equals("smo1_http_request_duration_seconds")) {
        return histogram.getDataPoints().stream()
            .filter(
                point ->
                    route.equals(point.getLabels().get("route"))
                        && method.equals(point.getLabels().get("method"))
                        && status.equals(point.getLabels().get("status")))
            .mapToLong(point -> point.getCount())
            .sum();
      }
    }
    return 0;
  }
}
