package dev.smo1.http.health;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.Json;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /healthz}: the process answers. {@code /readyz}: cluster member Up and journal answers.
 */
public final class HealthRoutes {
  private final Readiness readiness;

  public HealthRoutes(Readiness readiness) {
    this.readiness = readiness;
  }

  public Route routes() {
    return concat(
        path(
            "healthz",
            () ->
                endpoint(
                    Endpoint.GET_LIVENESS,
                    () -> complete(Json.response(StatusCodes.OK, Map.of("status", "alive"))))),
        path(
            "readyz",
            () ->
                endpoint(
                    Endpoint.GET_READINESS,
                    () ->
                        onSuccess(
                            readiness.check(),
                            report ->
                                complete(
                                    report.ready()
                                        ? Json.response(StatusCodes.OK, Map.of("status", "ready"))
                                        : Json.response(
                                            StatusCodes.SERVICE_UNAVAILABLE,
                                            Map.of(
                                                "status",
                                                "not_ready",
                                                "problems",
                                                report.problems())))))));
  }
}
