package dev.smo1.http.billing;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import dev.smo1.billing.plan.Plan;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.Json;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Billing's HTTP surface: {@code GET /api/v1/plans}, public, the plans file as the pricing page and
 * the dashboard show it (without its Stripe price ids, which only the node uses).
 */
public final class BillingRoutes {
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  private final HttpResponse plans;

  public BillingRoutes(PlanCatalog catalog) {
    this.plans =
        HttpResponse.create()
            .withStatus(StatusCodes.OK)
            .addHeader(
                CacheControl.create(
                    CacheDirectives.PUBLIC, CacheDirectives.MAX_AGE(MAX_AGE.toSeconds())))
            .withEntity(
                ContentTypes.APPLICATION_JSON,
                Json.write(new PlanList(catalog.plans().stream().map(PlanBody::of).toList())));
  }

  /** Under {@code /api/v1}, before authentication. */
  public Route publicRoutes() {
    return path("plans", () -> endpoint(Endpoint.LIST_PLANS, () -> complete(plans)));
  }

  record PlanList(List<PlanBody> plans) {}

  /** A plan on the wire (schema {@code Plan}). */
  record PlanBody(
      String id,
      String name,
      String description,
      Plan.Price price,
      dev.smo1.accounts.workspace.WorkspaceLimits limits,
      List<String> features,
      Plan.Capabilities capabilities,
      boolean selfServe,
      boolean highlighted) {
    static PlanBody of(Plan plan) {
      return new PlanBody(
          plan.id(),
          plan.name(),
          plan.description(),
          plan.price(),
          plan.limits(),
          plan.features(),
          plan.capabilities(),
          plan.selfServe(),
          plan.highlighted());
    }
  }
}
