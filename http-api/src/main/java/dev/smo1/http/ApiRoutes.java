package dev.smo1.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefixTest;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.idempotency.IdempotencyKeys;
import dev.smo1.concurrent.BoundedExecutor;
import dev.smo1.http.account.AccountRoutes;
import dev.smo1.http.admin.AdminRoutes;
import dev.smo1.http.analytics.AnalyticsRoutes;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.Caller;
import dev.smo1.http.billing.BillingRoutes;
import dev.smo1.http.clicks.ClickRoutes;
import dev.smo1.http.health.HealthRoutes;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.Rejections;
import dev.smo1.http.link.LinkRoutes;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.http.openapi.OpenApiRoutes;
import dev.smo1.http.ratelimit.RateLimits;
import dev.smo1.http.redirect.CustomDomainRoutes;
import dev.smo1.http.redirect.RedirectRoutes;
import dev.smo1.http.web.WebRoutes;
import dev.smo1.http.workspace.WorkspaceRoutes;
import dev.smo1.projection.readmodel.LinkQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's whole HTTP surface, with the one exception handler and one rejection handler that
 * render every 4xx/5xx as the same JSON error body ({@link ApiError}).
 */
public final class ApiRoutes {
  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);

  private final Authenticator authenticator;
  private final RateLimits limits;
  private final AccountRoutes accounts;
  private final WorkspaceRoutes workspaces;
  private final LinkRoutes links;
  private final AdminRoutes admin;
  private final RedirectRoutes redirects;
  private final HealthRoutes health;
  private final HttpMetrics metrics;
  private final ClickRoutes clicks;
  private final AnalyticsRoutes analytics;
  private final OpenApiRoutes openApi = new OpenApiRoutes();
  private final CustomDomainRoutes customDomains;
  private final BillingRoutes billing;
  private dev.smo1.http.safety.SafetyRoutes safety;

  public ApiRoutes(
      Authenticator authenticator,
      RateLimits limits,
      AccountRoutes accounts,
      WorkspaceRoutes workspaces,
      LinkRoutes links,
      AdminRoutes admin,
      RedirectRoutes redirects,
      HealthRoutes health,
      ClickRoutes clicks,
      AnalyticsRoutes analytics,
      HttpMetrics metrics) {
    this(
        authenticator,
        limits,
        accounts,
        workspaces,
        links,
        admin,
        redirects,
        health,
        clicks,
        analytics,
        metrics,
        null,
        null);
  }

  /**
   * @param customDomains the custom domains' sites; null: none
   * @param billing plans and billing; null: none
   */
  public ApiRoutes(
      Authenticator authenticator,
      RateLimits limits,
      AccountRoutes accounts,
      WorkspaceRoutes workspaces,
      LinkRoutes links,
      AdminRoutes admin,
      RedirectRoutes redirects,
      HealthRoutes health,
      ClickRoutes clicks,
      AnalyticsRoutes analytics,
      HttpMetrics metrics,
      CustomDomainRoutes customDomains,
      BillingRoutes billing) {
    this.customDomains = customDomains;
    this.billing = billing;
    this.authenticator = authenticator;
    this.limits = limits;
    this.accounts = accounts;
    this.workspaces = workspaces;
    this.links = links;
    this.admin = admin;
    this.redirects = redirects;
    this.health = health;
    this.metrics = metrics;
    this.clicks = clicks;
    this.analytics = analytics;
  }

  /** Adds abuse reports and takedowns (decision 0034); call before {@link #route}. */
  public ApiRoutes withSafety(dev.smo1.http.safety.SafetyRoutes safety) {
    this.safety = safety;
    return this;
  }

  /**
   * The whole tree, built once here: the Java DSL evaluates a directive's inner {@code Supplier}
   * for every request, so a tree built inside one would be rebuilt (with its rejection handler) per
   * request.
   */
  public Route route() {
    return route(WebRoutes.NONE);
  }

  /**
   * As {@link #route()}, with the web apps, and the app host's routes apart from the short
   * domains'.
   */
  public Route route(WebRoutes web) {
    Route features =
        web.serve(
            // the hot path first; it leaves the other one-segment paths alone
            redirects.routes(),
            concat(health.routes(), clicks.routes()),
            pathPrefix(
                "api",
                () ->
                    pathPrefix(
                        "v1",
                        () ->
                            concat(
                                accounts.publicRoutes(),
                                safety == null ? reject() : safety.publicRoutes(),
                                openApi.routes(),
                                billing == null ? reject() : billing.publicRoutes(),
                                accounts.meRoutes(),
                                authenticator.authenticated(
                                    caller ->
                                        limits.forCaller(
                                            caller,
                                            () ->
                                                concat(
                                                    workspaces.routes(caller),
                                                    admin.routes(caller),
                                                    safety == null
                                                        ? reject()
                                                        : safety.adminRoutes(caller),
                                                    billing == null
                                                        ? reject()
                                                        : billing.adminRoutes(caller),
                                                    workspaceScoped(caller))))))));
    // a custom domain's request gets its own site, every other one SMO1's
    Route hosted =
        customDomains == null
            ? features
            : extractRequest(request -> customDomains.routeFor(request, features));
    Route withRejections = handleRejections(rejectionHandler(), () -> hosted);
    Route handled = handleExceptions(exceptionHandler(), () -> withRejections);
    return metrics.instrument(
        extractRequest(request -> mapResponse(ApiRoutes.secured(request), () -> handled)));
  }

  private static final List<HttpHeader> API_HEADERS =
      List.of(
          RawHeader.create("X-Content-Type-Options", "nosniff"),
          RawHeader.create("Referrer-Policy", "no-referrer"));

  private static final HttpHeader NO_STORE = CacheControl.create(CacheDirectives.NO_STORE);

  /**
   * The security headers of API answers, errors included: no content sniffing, no referrer, and no
   * caching unless the route said otherwise (authenticated answers are never kept by a cache).
   * Pages and redirects set their own.
   */
  static Function<HttpResponse, HttpResponse> secured(HttpRequest request) {
    String path = request.getUri().path();
    boolean api =
        path.startsWith("/api/")
            || path.startsWith("/internal/")
            || path.equals("/healthz")
            || path.equals("/readyz");
    if (!api) {
      return Function.identity();
    }
    return response -> {
      var added = new ArrayList<HttpHeader>(3);
      for (HttpHeader header : API_HEADERS) {
        if (response.getHeader(header.name()).isEmpty()) {
          added.add(header);
        }
      }
      if (response.getHeader("Cache-Control").isEmpty()) {
        added.add(NO_STORE);
      }
      return added.isEmpty() ? response : response.addHeaders(added);
    };
  }

  /**
   * {@code /links…} and {@code /analytics}: in the key's workspace, or for a session the one its
   * {@code ?workspace=} names.
   */
  private Route workspaceScoped(Caller caller) {
    return concat(
        pathPrefixTest(
            "links",
            () ->
                parameterOptional(
                    "workspace",
                    workspace ->
                        authenticator.inRequestedWorkspace(
                            caller,
                            workspace,
                            access -> concat(analytics.routes(access), links.routes(access))))),
        pathPrefixTest(
            "analytics",
            () ->
                parameterOptional(
                    "workspace",
                    workspace ->
                        authenticator.inRequestedWorkspace(caller, workspace, analytics::routes))),
        pathPrefixTest(
            "exports",
            () ->
                parameterOptional(
                    "workspace",
                    workspace ->
                        authenticator.inRequestedWorkspace(
                            caller,
                            workspace,
                            access ->
                                concat(
                                    links.exportRoutes(access), analytics.exportRoutes(access))))));
  }

  /** Public so a feature's routes can be tested alone, rendering errors as in production. */
  public static ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder().matchAny(error -> complete(render(error))).build();
  }

  static HttpResponse render(Throwable error) {
    Throwable cause = unwrap(error);
    return switch (cause) {
      case Authenticator.UnauthorizedException unauthorized ->
          Json.response(unauthorized.status(), unauthorized.error())
              .addHeader(RawHeader.create("WWW-Authenticate", unauthorized.challenge()));
      case Authenticator.InsufficientScopeException scope ->
          Json.response(scope.status(), scope.error())
              .addHeader(RawHeader.create("WWW-Authenticate", scope.challenge()));
      case ApiException api -> Json.response(api.status(), api.error());
      case AccountException refused -> Rejections.response(refused);
      case EntityStreamSizeException tooLarge ->
          Json.response(
              StatusCodes.CONTENT_TOO_LARGE,
              ApiError.of(
                  HttpErrorCodes.PAYLOAD_TOO_LARGE,
                  "request body is larger than " + tooLarge.limit() + " bytes"));
      // a pool of blocking work is full: refused at once, nothing done
      case BoundedExecutor.Overloaded overloaded ->
          unavailable(
              overloaded, "the service is busy and did not start this request; retry shortly");
      case LinkQueries.QueryTimeoutException timeout ->
          unavailable(
              timeout, "the query took too long and was cancelled; narrow the search or retry");
      // the store of idempotency keys failed: nothing was created, the request may be retried
      case IdempotencyKeys.Unavailable unavailable ->
          unavailable(
              unavailable, "the service could not look up the Idempotency-Key; retry shortly");
      // an entity's ask timed out (Pekko's AskTimeoutException is one) or another wait did
      case TimeoutException timeout ->
          unavailable(timeout, "the service could not complete the request in time; retry shortly");
      default -> {
        log.error("unexpected error while handling a request", cause);
        yield Json.response(
            StatusCodes.INTERNAL_SERVER_ERROR,
            ApiError.of(HttpErrorCodes.INTERNAL, "unexpected error"));
      }
    };
  }

  /** 503 {@code unavailable} with {@code Retry-After: 1}: nothing was done, retry shortly. */
  private static HttpResponse unavailable(Throwable cause, String message) {
    log.warn("request answered 503: {}", cause.toString());
    return Json.response(
            StatusCodes.SERVICE_UNAVAILABLE, ApiError.of(HttpErrorCodes.UNAVAILABLE, message))
        .addHeader(RetryAfter.create(1L));
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** Public so a feature's routes can be tested alone, rendering errors as in production. */
  public static RejectionHandler rejectionHandler() {
    return RejectionHandler.newBuilder()
        .handleAll(
            MethodRejection.class,
            rejections -> {
              var allowed =
                  rejections.stream().map(MethodRejection::supported).collect(Collectors.toList());
              return complete(
                  Json.response(
                          StatusCodes.METHOD_NOT_ALLOWED,
                          ApiError.of(
                              HttpErrorCodes.METHOD_NOT_ALLOWED,
                              "method not allowed; allowed: "
                                  + allowed.stream()
                                      .map(HttpMethod::name)
                                      .collect(Collectors.joining(", "))))
                      .addHeader(Allow.create(allowed.toArray(HttpMethod[]::new))));
            })
        .handleNotFound(
            complete(
                Json.response(
                    StatusCodes.NOT_FOUND,
                    ApiError.of(HttpErrorCodes.NOT_FOUND, "no such resource"))))
        .build()
        .withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(ApiRoutes::asJsonError);
  }

  /** Turns the default handler's plain-text rejections into the API's JSON error body. */
  private static HttpResponse asJsonError(HttpResponse response) {
    if (response.entity().getContentType().mediaType().isApplication()
        && response.entity().getContentType().mediaType().subType().equals("json")) {
      return response;
    }
    StatusCode status = response.status();
    String message =
        response.entity() instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict
            ? strict.getData().utf8String()
            : status.reason();
    String code = status.intValue() >= 500 ? HttpErrorCodes.INTERNAL : HttpErrorCodes.BAD_REQUEST;
    if (status.intValue() == 413) {
      code = HttpErrorCodes.PAYLOAD_TOO_LARGE;
    } else if (status.intValue() == 415) {
      code = HttpErrorCodes.UNSUPPORTED_MEDIA_TYPE;
    } else if (status.intValue() == 404) {
      code = HttpErrorCodes.NOT_FOUND;
    }
    return Json.response(status, ApiError.of(code, message)).withHeaders(response.getHeaders());
  }
}
