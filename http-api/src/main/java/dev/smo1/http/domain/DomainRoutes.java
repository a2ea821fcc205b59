package dev.smo1.http.domain;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.accounts.domains.DomainService;
import dev.smo1.accounts.domains.DomainView;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1/workspaces/{slug}/domains…}: a workspace's custom domains (decision 0028). Reading
 * them takes {@code workspace:read}; adding, verifying, changing and removing them {@code
 * workspace:admin}. A domain the workspace does not have is 404.
 */
public final class DomainRoutes {
  private static final Set<String> SETTINGS = Set.of("rootUrl", "notFoundUrl", "expiredUrl");

  private final DomainService domains;

  public DomainRoutes(DomainService domains) {
    this.domains = domains;
  }

  /** The routes under {@code /domains}, for one workspace. */
  public Route routes(Access access, RequestOrigin origin) {
    return concat(
        pathEnd(
            () ->
                concat(
                    endpoint(
                        Endpoint.ADD_DOMAIN,
                        () ->
                            scoped(
                                access,
                                Scope.WORKSPACE_ADMIN,
                                () ->
                                    JsonBody.as(
                                        AddDomain.class,
                                        body ->
                                            onSuccess(
                                                domains.add(access, body.domain(), origin),
                                                added ->
                                                    complete(
                                                        Json.response(
                                                            StatusCodes.CREATED, added)))))),
                    endpoint(
                        Endpoint.LIST_DOMAINS,
                        () ->
                            scoped(
                                access,
                                Scope.WORKSPACE_READ,
                                () ->
                                    onSuccess(
                                        domains.list(access.workspaceId()),
                                        list ->
                                            complete(
                                                Json.response(
                                                    StatusCodes.OK, new DomainList(list)))))))),
        pathPrefix(
            segment(),
            raw -> {
              // as stored: an internationalised name in its xn-- form, no trailing dot
              String domain =
                  dev.smo1.accounts.domains.DomainNames.normalise(raw, Set.of())
                      .orElse(raw.toLowerCase(Locale.ROOT));
              return concat(
                  pathEnd(
                      () ->
                          concat(
                              endpoint(
                                  Endpoint.GET_DOMAIN,
                                  () ->
                                      scoped(
                                          access,
                                          Scope.WORKSPACE_READ,
                                          () -> answer(domains.get(access.workspaceId(), domain)))),
                              endpoint(
                                  Endpoint.UPDATE_DOMAIN,
                                  () ->
                                      scoped(
                                          access,
                                          Scope.WORKSPACE_ADMIN,
                                          () ->
                                              JsonBody.tree(
                                                  body -> update(access, domain, body, origin)))),
                              endpoint(
                                  Endpoint.REMOVE_DOMAIN,
                                  () ->
                                      scoped(
                                          access,
                                          Scope.WORKSPACE_ADMIN,
                                          () ->
                                              onSuccess(
                                                  domains.remove(access, domain, origin),
                                                  ignored -> complete(StatusCodes.NO_CONTENT)))))),
                  path(
                      "verify",
                      () ->
                          endpoint(
                              Endpoint.VERIFY_DOMAIN,
                              () ->
                                  scoped(
                                      access,
                                      Scope.WORKSPACE_ADMIN,
                                      () -> answer(domains.verify(access, domain, origin))))),
                  path(
                      "challenge",
                      () ->
                          endpoint(
                              Endpoint.RENEW_DOMAIN_CHALLENGE,
                              () ->
                                  scoped(
                                      access,
                                      Scope.WORKSPACE_ADMIN,
                                      () ->
                                          answer(
                                              domains.renewChallenge(access, domain, origin))))));
            }));
  }

  /** {@code {"rootUrl", "notFoundUrl", "expiredUrl"}}: each absent is kept, null cleared. */
  private Route update(Access access, String domain, JsonNode body, RequestOrigin origin) {
    if (!body.isObject()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, "the body must be a JSON object", null);
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!SETTINGS.contains(name)) {
                throw ApiException.badRequest(
                    HttpErrorCodes.UNKNOWN_FIELD, "unknown field '" + name + "'", name);
              }
            });
    if (body.isEmpty()) {
      throw new ApiException(
          StatusCodes.UNPROCESSABLE_CONTENT,
          new ApiError("nothing_to_update", "name at least one of " + SETTINGS, null));
    }
    return onSuccess(
        domains
            .get(access.workspaceId(), domain)
            .thenCompose(
                current -> {
                  DomainView.Settings now = current.settings();
                  var wanted =
                      new DomainView.Settings(
                          setting(body, "rootUrl", now.rootUrl()),
                          setting(body, "notFoundUrl", now.notFoundUrl()),
                          setting(body, "expiredUrl", now.expiredUrl()));
                  return domains.updateSettings(access, domain, wanted, origin);
                }),
        updated -> complete(Json.response(StatusCodes.OK, updated)));
  }

  private static String setting(JsonNode body, String field, String current) {
    JsonNode value = body.get(field);
    if (value == null) {
      return current;
    }
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, field + " must be a string or null", field);
    }
    return value.textValue();
  }

  private static Route answer(java.util.concurrent.CompletionStage<DomainView> view) {
    return onSuccess(view, found -> complete(Json.response(StatusCodes.OK, found)));
  }

  private static Route scoped(Access access, Scope scope, Supplier<Route> inner) {
    Authenticator.require(access, scope);
    return inner.get();
  }

  record AddDomain(String domain) {}

  record DomainList(List<DomainView> items) {}
}
