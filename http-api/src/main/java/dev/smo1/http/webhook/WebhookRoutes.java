package dev.smo1.http.webhook;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Scope;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import dev.smo1.webhooks.endpoint.WebhookEndpoints;
import dev.smo1.webhooks.endpoint.WebhookUrls;
import dev.smo1.webhooks.signing.WebhookSigner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1/workspaces/{slug}/webhooks…} (decision 0035), all {@code workspace:admin}: a
 * workspace's endpoints (at most ten, on plans with webhooks), their delivery log, and sending a
 * message again. A URL the SSRF guard refuses is 422 {@code invalid_url} with the reason; an
 * endpoint or delivery the workspace does not have is 404.
 */
public final class WebhookRoutes {
  private static final int DEFAULT_LIMIT = 20;

  private final WebhookEndpoints endpoints;
  private final WebhookUrls urls;
  private final Function<String, CompletionStage<Boolean>> planAllows;

  /**
   * @param planAllows whether a workspace's plan has webhooks
   */
  public WebhookRoutes(
      WebhookEndpoints endpoints,
      WebhookUrls urls,
      Function<String, CompletionStage<Boolean>> planAllows) {
    this.endpoints = endpoints;
    this.urls = urls;
    this.planAllows = planAllows;
  }

  /** An endpoint as the API shows it; {@code secret} only in the answer of its creation. */
  record EndpointBody(
      UUID id,
      String url,
      List<String> events,
      boolean enabled,
      String disabledReason,
      Instant createdAt,
      Instant updatedAt,
      String secret) {
    static EndpointBody of(WebhookEndpoints.Endpoint endpoint, String secret) {
      return new EndpointBody(
          endpoint.id(),
          endpoint.url(),
          endpoint.events(),
          endpoint.enabled(),
          endpoint.disabledReason(),
          endpoint.createdAt(),
          endpoint.updatedAt(),
          secret);
    }
  }

  record EndpointList(List<EndpointBody> items) {}

  record DeliveryPage(List<WebhookEndpoints.Delivery> items, String nextCursor) {}

  /** The routes under {@code /webhooks}, for one workspace. */
  public Route routes(Access access) {
    return concat(
        pathEnd(
            () ->
                concat(
                    endpoint(
                        Endpoint.CREATE_WEBHOOK,
                        () -> admin(access, () -> JsonBody.tree(body -> create(access, body)))),
                    endpoint(
                        Endpoint.LIST_WEBHOOKS,
                        () ->
                            admin(
                                access,
                                () ->
                                    onSuccess(
                                        endpoints.list(access.workspaceId()),
                                        list ->
                                            ok(
                                                new EndpointList(
                                                    list.stream()
                                                        .map(e -> EndpointBody.of(e, null))
                                                        .toList()))))))),
        pathPrefix(
            segment(),
            raw -> {
              UUID id = id(raw);
              return concat(
                  pathEnd(
                      () ->
                          concat(
                              endpoint(
                                  Endpoint.GET_WEBHOOK,
                                  () ->
                                      admin(
                                          access,
                                          () ->
                                              found(
                                                  endpoints.get(access.workspaceId(), id),
                                                  e -> ok(EndpointBody.of(e, null))))),
                              endpoint(
                                  Endpoint.UPDATE_WEBHOOK,
                                  () ->
                                      admin(
                                          access,
                                          () -> JsonBody.tree(body -> update(access, id, body)))),
                              endpoint(
                                  Endpoint.DELETE_WEBHOOK,
                                  () ->
                                      admin(
                                          access,
                                          () ->
                                              onSuccess(
                                                  endpoints.delete(access.workspaceId(), id),
                                                  deleted ->
                                                      deleted
                                                          ? complete(StatusCodes.NO_CONTENT)
                                                          : notFound()))))),
                  pathPrefix(
                      "deliveries",
                      () ->
                          concat(
                              pathEnd(
                                  () ->
                                      endpoint(
                                          Endpoint.LIST_WEBHOOK_DELIVERIES,
                                          () ->
                                              admin(
                                                  access,
                                                  () ->
                                                      parameterMap(
                                                          parameters ->
                                                              deliveries(
                                                                  access, id, parameters))))),
                              path(
                                  segment().slash("redeliver"),
                                  delivery ->
                                      endpoint(
                                          Endpoint.REDELIVER_WEBHOOK,
                                          () ->
                                              admin(
                                                  access,
                                                  () ->
                                                      found(
                                                          endpoints.redeliver(
                                                              access.workspaceId(), id, delivery),
                                                          sent ->
                                                              complete(
                                                                  Json.response(
                                                                      StatusCodes.ACCEPTED,
                                                                      sent)))))))));
            }));
  }

  private Route create(Access access, JsonNode body) {
    known(body, Set.of("url", "events", "secret"));
    String url = text(body, "url", true);
    List<String> events = events(body.get("events"), true);
    String secret = text(body, "secret", false);
    if (secret != null && !WebhookSigner.valid(secret)) {
      throw unprocessable(
          HttpErrorCodes.INVALID_SECRET,
          "secret must be whsec_ and the base64 of 24 to 64 bytes",
          "secret");
    }
    String chosen = secret != null ? secret : WebhookSigner.newSecret();
    return onSuccess(
        allowedUrl(access.workspaceId(), url)
            .thenCompose(
                checked -> endpoints.create(access.workspaceId(), url.strip(), events, chosen)),
        created ->
            created
                .map(
                    endpoint ->
                        complete(
                            Json.response(StatusCodes.CREATED, EndpointBody.of(endpoint, chosen))))
                .orElseGet(
                    () ->
                        complete(
                            Json.response(
                                StatusCodes.CONFLICT,
                                new ApiError(
                                    "limit_reached",
                                    "a workspace has at most "
                                        + WebhookEndpoints.MAX_PER_WORKSPACE
                                        + " webhook endpoints",
                                    null)))));
  }

  private Route update(Access access, UUID id, JsonNode body) {
    known(body, Set.of("url", "events", "enabled"));
    Optional<String> url = Optional.ofNullable(text(body, "url", false)).map(String::strip);
    Optional<List<String>> events =
        body.has("events") ? Optional.of(events(body.get("events"), true)) : Optional.empty();
    Optional<Boolean> enabled = Optional.empty();
    if (body.has("enabled")) {
      if (!body.get("enabled").isBoolean()) {
        throw ApiException.badRequest(
            HttpErrorCodes.INVALID_TYPE, "enabled must be true or false", "enabled");
      }
      enabled = Optional.of(body.get("enabled").asBoolean());
    }
    var change = new WebhookEndpoints.Change(url, events, enabled);
    CompletionStage<Object> checked =
        url.isPresent()
            ? allowedUrl(access.workspaceId(), url.get()).thenApply(ok -> ok)
            : CompletableFuture.completedFuture(null);
    return found(
        checked.thenCompose(ignored -> endpoints.update(access.workspaceId(), id, change)),
        e -> ok(EndpointBody.of(e, null)));
  }

  /** The URL as the guard allows it, once the plan allows webhooks; fails with the API error. */
  private CompletionStage<WebhookUrls.Checked.Allowed> allowedUrl(String workspace, String url) {
    return planAllows
        .apply(workspace)
        .thenCompose(
            allowed -> {
              if (!allowed) {
                throw new ApiException(
                    StatusCodes.FORBIDDEN,
                    new ApiError(
                        HttpErrorCodes.PLAN_REQUIRED,
                        "webhooks are part of the paid plans: upgrade the workspace's plan",
                        null));
              }
              return urls.check(url);
            })
        .thenApply(
            checked ->
                switch (checked) {
                  case WebhookUrls.Checked.Allowed ok -> ok;
                  case WebhookUrls.Checked.Refused refused ->
                      throw unprocessable("invalid_url", refused.reason(), "url");
                });
  }

  private Route deliveries(Access access, UUID id, Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!Set.of("cursor", "limit").contains(name)) {
        throw ApiException.badRequest(
            HttpErrorCodes.INVALID_PARAMETER, "unknown query parameter '" + name + "'", name);
      }
    }
    int limit = DEFAULT_LIMIT;
    if (parameters.containsKey("limit")) {
      try {
        limit = Integer.parseInt(parameters.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > WebhookEndpoints.MAX_LIMIT) {
        throw ApiException.badRequest(
            HttpErrorCodes.INVALID_PARAMETER,
            "limit must be 1 to " + WebhookEndpoints.MAX_LIMIT,
            "limit");
      }
    }
    Optional<String> cursor = Optional.ofNullable(parameters.get("cursor"));
    if (cursor.isPresent() && !WebhookEndpoints.validCursor(cursor.get())) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER, "cursor is not one this API issued", "cursor");
    }
    return found(
        endpoints.deliveries(access.workspaceId(), id, cursor, limit),
        page -> ok(new DeliveryPage(page.items(), page.nextCursor().orElse(null))));
  }

  private static List<String> events(JsonNode node, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        throw unprocessable(HttpErrorCodes.INVALID_EVENTS, "events is required", "events");
      }
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      throw unprocessable(
          HttpErrorCodes.INVALID_EVENTS,
          "events must list one or more of " + String.join(", ", WebhookEndpoints.EVENTS),
          "events");
    }
    var events = new LinkedHashSet<String>();
    for (JsonNode event : node) {
      if (!event.isTextual() || !WebhookEndpoints.EVENTS.contains(event.asText())) {
        throw unprocessable(
            HttpErrorCodes.INVALID_EVENTS,
            "events must list one or more of " + String.join(", ", WebhookEndpoints.EVENTS),
            "events");
      }
      events.add(event.asText());
    }
    return new ArrayList<>(events);
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw unprocessable(
            field.equals("url") ? "invalid_url" : "invalid_" + field,
            field + " is required",
            field);
      }
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, field + " must be a string", field);
    }
    return value.asText();
  }

  private static void known(JsonNode body, Set<String> fields) {
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!fields.contains(name)) {
                throw ApiException.badRequest(
                    HttpErrorCodes.UNKNOWN_FIELD, "unknown field '" + name + "'", name);
              }
            });
  }

  private static UUID id(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          StatusCodes.NOT_FOUND, ApiError.of(HttpErrorCodes.NOT_FOUND, "no webhook " + raw));
    }
  }

  private static <T> Route found(CompletionStage<Optional<T>> lookup, Function<T, Route> then) {
    return onSuccess(lookup, value -> value.map(then).orElseGet(WebhookRoutes::notFound));
  }

  private static Route notFound() {
    return complete(
        Json.response(
            StatusCodes.NOT_FOUND,
            ApiError.of(HttpErrorCodes.NOT_FOUND, "no such webhook endpoint or delivery")));
  }

  private static Route ok(Object body) {
    return complete(Json.response(StatusCodes.OK, body));
  }

  private static Route admin(Access access, java.util.function.Supplier<Route> inner) {
    Authenticator.require(access, Scope.WORKSPACE_ADMIN);
    return inner.get();
  }

  private static ApiException unprocessable(String code, String message, String field) {
    return new ApiException(StatusCodes.UNPROCESSABLE_CONTENT, new ApiError(code, message, field));
  }
}
