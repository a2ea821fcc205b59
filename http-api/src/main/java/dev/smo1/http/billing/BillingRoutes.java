package dev.smo1.http.billing;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;

import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.workspace.WorkspaceLimits;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.billing.plan.Plan;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.billing.stripe.StripeInvoice;
import dev.smo1.billing.subscription.BillingAccount;
import dev.smo1.billing.subscription.BillingService;
import dev.smo1.billing.subscription.StripeWebhooks;
import dev.smo1.billing.usage.UsageService;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.Caller;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Billing's HTTP surface.
 *
 * <ul>
 *   <li>{@code GET /api/v1/plans}: public, the plans file as the pricing page and the dashboard
 *       show it (without its Stripe price ids, which only the node uses).
 *   <li>{@code POST /api/v1/billing/stripe/webhook}: Stripe's events, verified by signature, no
 *       other authentication ({@link StripeWebhooks}).
 *   <li>{@code /api/v1/workspaces/{slug}/billing…}: the workspace's plan and subscription (anyone
 *       who may read the workspace), Checkout, the Customer Portal and the invoices (its owners,
 *       admins and billing members, signed in).
 * </ul>
 */
public final class BillingRoutes {
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  /** Stripe's events are well under this. */
  static final long WEBHOOK_MAX_BYTES = 1024 * 1024;

  private static final Set<Role> PAYERS = Set.of(Role.OWNER, Role.ADMIN, Role.BILLING);

  private final PlanCatalog catalog;
  private final HttpResponse plans;
  private final WorkspaceService workspaces;
  private final Optional<BillingService> billing;
  private final Optional<StripeWebhooks> webhooks;
  private final UsageService usage;

  /** Plans only (no workspace routes, no Stripe). */
  public BillingRoutes(PlanCatalog catalog) {
    this(catalog, null, Optional.empty(), Optional.empty(), null);
  }

  /**
   * @param billing and {@code webhooks}: empty when Stripe is not configured on this node (then
   *     Checkout, the portal and the webhook answer 503 {@code billing_unavailable})
   */
  public BillingRoutes(
      PlanCatalog catalog,
      WorkspaceService workspaces,
      Optional<BillingService> billing,
      Optional<StripeWebhooks> webhooks,
      UsageService usage) {
    this.usage = usage;
    this.catalog = catalog;
    this.workspaces = workspaces;
    this.billing = billing;
    this.webhooks = webhooks;
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
    return concat(
        path("plans", () -> endpoint(Endpoint.LIST_PLANS, () -> complete(plans))),
        path(
            org.apache.pekko.http.javadsl.server.PathMatchers.segment("billing")
                .slash("stripe")
                .slash("webhook"),
            () -> endpoint(Endpoint.RECEIVE_STRIPE_WEBHOOK, this::webhook)));
  }

  private Route webhook() {
    var receiver = webhooks.orElseThrow(BillingRoutes::unavailable);
    return optionalHeaderValueByName(
        "Stripe-Signature",
        signature ->
            JsonBody.bytes(
                WEBHOOK_MAX_BYTES,
                body -> {
                  try {
                    return onSuccess(
                        receiver.receive(
                            new String(body, StandardCharsets.UTF_8), signature.orElse(null)),
                        result ->
                            complete(
                                Json.response(
                                    StatusCodes.OK,
                                    new WebhookReceipt(
                                        true, result.name().toLowerCase(Locale.ROOT)))));
                  } catch (StripeWebhooks.Refused refused) {
                    throw new ApiException(
                        StatusCodes.BAD_REQUEST,
                        ApiError.of(HttpErrorCodes.INVALID_SIGNATURE, refused.getMessage()));
                  }
                }));
  }

  /** {@code /api/v1/workspaces/{slug}/usage}, for a caller who may read the workspace. */
  public Route usageRoute(Access access) {
    return endpoint(
        Endpoint.GET_USAGE,
        () -> {
          Authenticator.require(access, Scope.WORKSPACE_READ);
          return onSuccess(
              usage.usage(access.workspaceId()),
              found -> complete(Json.response(StatusCodes.OK, found)));
        });
  }

  /** Under {@code /api/v1/workspaces/{slug}/billing}, for a caller in the workspace. */
  public Route workspaceRoutes(Access access) {
    return concat(
        pathEnd(
            () ->
                endpoint(
                    Endpoint.GET_BILLING,
                    () -> {
                      Authenticator.require(access, Scope.WORKSPACE_READ);
                      return onSuccess(
                          billingOf(access.workspaceId()),
                          body -> complete(Json.response(StatusCodes.OK, body)));
                    })),
        path(
            "checkout",
            () ->
                endpoint(
                    Endpoint.START_CHECKOUT,
                    () -> {
                      var user = payer(access);
                      var service = billing.orElseThrow(BillingRoutes::unavailable);
                      return JsonBody.as(
                          CheckoutRequest.class,
                          request ->
                              onSuccess(
                                  service.subscribe(
                                      access.workspaceId(),
                                      request.plan(),
                                      interval(request.interval()),
                                      user.email(),
                                      access.workspaceId()),
                                  change ->
                                      complete(
                                          Json.response(
                                              StatusCodes.OK,
                                              new CheckoutAnswer(
                                                  change
                                                      .checkoutUrl()
                                                      .map(Object::toString)
                                                      .orElse(null),
                                                  change
                                                      .account()
                                                      .filter(
                                                          found -> found.subscriptionId() != null)
                                                      .map(this::subscription)
                                                      .orElse(null))))));
                    })),
        path(
            "portal",
            () ->
                endpoint(
                    Endpoint.OPEN_BILLING_PORTAL,
                    () -> {
                      payer(access);
                      var service = billing.orElseThrow(BillingRoutes::unavailable);
                      return onSuccess(
                          service.portal(access.workspaceId()),
                          url ->
                              complete(
                                  Json.response(StatusCodes.OK, new PortalAnswer(url.toString()))));
                    })),
        path(
            "invoices",
            () ->
                endpoint(
                    Endpoint.LIST_INVOICES,
                    () -> {
                      payer(access);
                      if (billing.isEmpty()) {
                        return complete(Json.response(StatusCodes.OK, new InvoiceList(List.of())));
                      }
                      return onSuccess(
                          billing.get().invoices(access.workspaceId()),
                          invoices ->
                              complete(
                                  Json.response(
                                      StatusCodes.OK,
                                      new InvoiceList(
                                          invoices.stream().map(InvoiceBody::of).toList()))));
                    })));
  }

  /**
   * {@code PUT /api/v1/admin/workspaces/{slug}/plan}: a platform admin puts a workspace on a plan,
   * {@code enterprise} with limits of its own ({@code limits}, null each: none); answers as {@code
   * getBilling}.
   */
  public Route adminRoutes(Caller caller) {
    return path(
        org.apache.pekko.http.javadsl.server.PathMatchers.segment("admin")
            .slash("workspaces")
            .slash(org.apache.pekko.http.javadsl.server.PathMatchers.segment())
            .slash("plan"),
        slug -> endpoint(Endpoint.SET_WORKSPACE_PLAN, () -> setPlan(caller, slug)));
  }

  private Route setPlan(Caller caller, String slug) {
    Authenticator.requirePlatformAdmin(caller);
    return JsonBody.as(
        SetPlanRequest.class,
        request -> {
          if (request.plan() == null || request.plan().isBlank()) {
            throw new ApiException(
                StatusCodes.UNPROCESSABLE_CONTENT,
                new ApiError(HttpErrorCodes.INVALID_PARAMETER, "plan is required", "plan"));
          }
          return onSuccess(
              workspaces
                  .changePlan(
                      slug,
                      request.plan(),
                      request.limits(),
                      "admin:" + caller.principal().actorId())
                  .thenCompose(view -> billingOf(slug)),
              body -> complete(Json.response(StatusCodes.OK, body)));
        });
  }

  /** The workspace's plan in force, its limits and its subscription. */
  private java.util.concurrent.CompletionStage<BillingBody> billingOf(String workspace) {
    var account =
        billing.isPresent()
            ? billing.get().account(workspace)
            : java.util.concurrent.CompletableFuture.completedFuture(
                Optional.<BillingAccount>empty());
    return workspaces
        .quota(workspace)
        .thenCombine(
            account,
            (quota, found) ->
                new BillingBody(
                    workspace,
                    quota.plan().plan(),
                    quota.limits(),
                    quota.plan().customLimits() != null,
                    billing.isPresent(),
                    found
                        .filter(held -> held.subscriptionId() != null)
                        .map(this::subscription)
                        .orElse(null)));
  }

  record SetPlanRequest(String plan, WorkspaceLimits limits) {}

  /** Owners, admins and billing members, signed in: they pay, so they choose. */
  private static Principal.User payer(Access access) {
    if (!(access.principal() instanceof Principal.User user)
        || access.role().filter(PAYERS::contains).isEmpty()) {
      throw new ApiException(
          StatusCodes.FORBIDDEN,
          ApiError.of(
              HttpErrorCodes.FORBIDDEN,
              "billing is for the workspace's owners, admins and billing members, signed in"));
    }
    return user;
  }

  private static Plan.Interval interval(String interval) {
    if (interval == null || interval.equals("month")) {
      return Plan.Interval.MONTH;
    }
    if (interval.equals("year")) {
      return Plan.Interval.YEAR;
    }
    throw new ApiException(
        StatusCodes.UNPROCESSABLE_CONTENT,
        new ApiError(
            HttpErrorCodes.INVALID_PARAMETER, "interval must be month or year", "interval"));
  }

  private static ApiException unavailable() {
    return new ApiException(
        StatusCodes.SERVICE_UNAVAILABLE,
        ApiError.of(
            HttpErrorCodes.BILLING_UNAVAILABLE,
            "paid plans are not offered on this installation (Stripe is not configured)"));
  }

  private SubscriptionBody subscription(BillingAccount account) {
    var price = catalog.byStripePrice(account.priceId());
    return new SubscriptionBody(
        account.status(),
        price.map(found -> found.plan().id()).orElse(account.plan()),
        price.map(found -> found.interval() == Plan.Interval.YEAR ? "year" : "month").orElse(null),
        account.currentPeriodEnd(),
        account.cancelAtPeriodEnd(),
        account.pastDueSince(),
        account.graceEndsAt(),
        account.downgradedAt());
  }

  record PlanList(List<PlanBody> plans) {}

  /** A plan on the wire (schema {@code Plan}). */
  record PlanBody(
      String id,
      String name,
      String description,
      Plan.Price price,
      WorkspaceLimits limits,
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

  /** Schema {@code Billing}. */
  record BillingBody(
      String workspace,
      String plan,
      WorkspaceLimits limits,
      boolean customLimits,
      boolean purchasable,
      SubscriptionBody subscription) {}

  /** Schema {@code Subscription}. */
  record SubscriptionBody(
      String status,
      String plan,
      String interval,
      Instant currentPeriodEnd,
      boolean cancelAtPeriodEnd,
      Instant pastDueSince,
      Instant graceEndsAt,
      Instant downgradedAt) {}

  record CheckoutRequest(String plan, String interval) {}

  record CheckoutAnswer(String url, SubscriptionBody subscription) {}

  record PortalAnswer(String url) {}

  record InvoiceList(List<InvoiceBody> invoices) {}

  record InvoiceBody(
      String id,
      String number,
      String status,
      String currency,
      long amountDue,
      long amountPaid,
      Instant created,
      Instant periodStart,
      Instant periodEnd,
      String url) {
    static InvoiceBody of(StripeInvoice invoice) {
      return new InvoiceBody(
          invoice.id(),
          invoice.number(),
          invoice.status(),
          invoice.currency(),
          invoice.amountDue(),
          invoice.amountPaid(),
          invoice.created(),
          invoice.periodStart(),
          invoice.periodEnd(),
          invoice.hostedInvoiceUrl());
    }
  }

  record WebhookReceipt(boolean received, String result) {}
}
