package dev.smo1.http.workspace;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.WorkspaceOperations;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.apikey.ApiKeyService;
import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.accounts.workspace.WorkspaceSummary;
import dev.smo1.accounts.workspace.WorkspaceView;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.Caller;
import dev.smo1.http.auth.RequestOrigins;
import dev.smo1.http.domain.DomainRoutes;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1/workspaces…} and {@code /api/v1/invitations/accept}. Each route names what it
 * needs: reading a workspace and its members {@code workspace:read}; changing it, its members,
 * invitations and keys, and reading its audit log {@code workspace:admin}; deleting it the owner
 * role. A workspace the caller cannot see is 404, as one that does not exist.
 */
public final class WorkspaceRoutes {
  private static final int DEFAULT_AUDIT_LIMIT = 50;

  private final WorkspaceOperations operations;
  private final ApiKeyService keys;
  private final Authenticator authenticator;
  private final DomainRoutes domains;
  private final dev.smo1.http.billing.BillingRoutes billing;
  private dev.smo1.http.webhook.WebhookRoutes webhooks;

  public WorkspaceRoutes(
      WorkspaceOperations operations, ApiKeyService keys, Authenticator authenticator) {
    this(operations, keys, authenticator, null);
  }

  /** With a workspace's custom domains ({@code /domains}); none when {@code domains} is null. */
  public WorkspaceRoutes(
      WorkspaceOperations operations,
      ApiKeyService keys,
      Authenticator authenticator,
      DomainRoutes domains) {
    this(operations, keys, authenticator, domains, null);
  }

  /** With billing ({@code /billing}); none when {@code billing} is null. */
  public WorkspaceRoutes(
      WorkspaceOperations operations,
      ApiKeyService keys,
      Authenticator authenticator,
      DomainRoutes domains,
      dev.smo1.http.billing.BillingRoutes billing) {
    this.billing = billing;
    this.operations = operations;
    this.keys = keys;
    this.authenticator = authenticator;
    this.domains = domains;
  }

  /** Adds a workspace's webhooks ({@code /webhooks}); call while wiring, before serving. */
  public WorkspaceRoutes withWebhooks(dev.smo1.http.webhook.WebhookRoutes webhooks) {
    this.webhooks = webhooks;
    return this;
  }

  /** Under {@code /api/v1}, for an authenticated caller. */
  public Route routes(Caller caller) {
    // the request's origin is read only once a path here matched: link calls pass by on their
    // hot path without it
    return concat(
        path(
            segmentsOf("invitations", "accept"),
            () ->
                endpoint(
                    Endpoint.ACCEPT_INVITATION,
                    () -> RequestOrigins.origin(origin -> accept(caller, origin)))),
        pathPrefix(
            "workspaces",
            () ->
                RequestOrigins.origin(
                    origin ->
                        concat(
                            pathEnd(
                                () ->
                                    concat(
                                        endpoint(
                                            Endpoint.CREATE_WORKSPACE,
                                            () -> create(caller, origin)),
                                        endpoint(Endpoint.LIST_WORKSPACES, () -> list(caller)))),
                            pathPrefix(
                                segment(),
                                slug ->
                                    authenticator.inWorkspace(
                                        caller, slug, access -> workspace(access, origin)))))));
  }

  private static org.apache.pekko.http.javadsl.server.PathMatcher0 segmentsOf(
      String first, String second) {
    return org.apache.pekko.http.javadsl.server.PathMatchers.segment(first)
        .slash(org.apache.pekko.http.javadsl.server.PathMatchers.segment(second));
  }

  private Route workspace(Access access, RequestOrigin origin) {
    return concat(
        pathEnd(
            () ->
                concat(
                    endpoint(
                        Endpoint.GET_WORKSPACE,
                        () -> scoped(access, Scope.WORKSPACE_READ, () -> respondWorkspace(access))),
                    endpoint(
                        Endpoint.UPDATE_WORKSPACE,
                        () ->
                            scoped(
                                access,
                                Scope.WORKSPACE_ADMIN,
                                () ->
                                    JsonBody.as(
                                        WorkspaceBodies.UpdateWorkspace.class,
                                        body ->
                                            onSuccess(
                                                operations.rename(access, body.name(), origin),
                                                view ->
                                                    complete(
                                                        Json.response(
                                                            StatusCodes.OK,
                                                            body(view, access.role()))))))),
                    endpoint(
                        Endpoint.DELETE_WORKSPACE,
                        () ->
                            onSuccess(
                                operations.delete(access, origin),
                                ignored -> complete(StatusCodes.NO_CONTENT))))),
        pathPrefix(
            "members",
            () ->
                concat(
                    pathEnd(
                        () ->
                            endpoint(
                                Endpoint.LIST_MEMBERS,
                                () ->
                                    scoped(
                                        access,
                                        Scope.WORKSPACE_READ,
                                        () ->
                                            onSuccess(
                                                operations.members(access.workspaceId()),
                                                members ->
                                                    complete(
                                                        Json.response(
                                                            StatusCodes.OK,
                                                            new WorkspaceBodies.WorkspaceList(
                                                                members))))))),
                    path(
                        segment(),
                        userId ->
                            concat(
                                endpoint(
                                    Endpoint.CHANGE_MEMBER_ROLE,
                                    () ->
                                        scoped(
                                            access,
                                            Scope.WORKSPACE_ADMIN,
                                            () ->
                                                JsonBody.as(
                                                    WorkspaceBodies.RoleChange.class,
                                                    body ->
                                                        onSuccess(
                                                            operations.changeRole(
                                                                access,
                                                                userId(userId),
                                                                role(body.role()),
                                                                origin),
                                                            member ->
                                                                complete(
                                                                    Json.response(
                                                                        StatusCodes.OK,
                                                                        member)))))),
                                endpoint(
                                    Endpoint.REMOVE_MEMBER,
                                    () -> removeMember(access, userId(userId), origin)))))),
        path(
            "invitations",
            () ->
                endpoint(
                    Endpoint.INVITE_MEMBER,
                    () ->
                        scoped(
                            access,
                            Scope.WORKSPACE_ADMIN,
                            () ->
                                JsonBody.as(
                                    WorkspaceBodies.Invite.class,
                                    body ->
                                        onSuccess(
                                            operations.invite(
                                                access,
                                                body.email(),
                                                role(body.role()),
                                                inviterName(access),
                                                origin),
                                            invitation ->
                                                complete(
                                                    Json.response(
                                                        StatusCodes.CREATED, invitation))))))),
        pathPrefix(
            "api-keys",
            () ->
                concat(
                    pathEnd(
                        () ->
                            concat(
                                endpoint(
                                    Endpoint.CREATE_API_KEY,
                                    () ->
                                        scoped(
                                            access,
                                            Scope.WORKSPACE_ADMIN,
                                            () ->
                                                JsonBody.as(
                                                    WorkspaceBodies.CreateKey.class,
                                                    body -> createKey(access, body, origin)))),
                                endpoint(
                                    Endpoint.LIST_API_KEYS,
                                    () ->
                                        scoped(
                                            access,
                                            Scope.WORKSPACE_ADMIN,
                                            () ->
                                                onSuccess(
                                                    keys.list(access.workspaceId()),
                                                    list ->
                                                        complete(
                                                            Json.response(
                                                                StatusCodes.OK,
                                                                new WorkspaceBodies.WorkspaceList(
                                                                    list)))))))),
                    path(
                        segment(),
                        id ->
                            endpoint(
                                Endpoint.REVOKE_API_KEY,
                                () ->
                                    scoped(
                                        access,
                                        Scope.WORKSPACE_ADMIN,
                                        () ->
                                            onSuccess(
                                                keys.revoke(access, keyId(id), origin),
                                                ignored -> complete(StatusCodes.NO_CONTENT))))))),
        domains == null
            ? org.apache.pekko.http.javadsl.server.Directives.reject()
            : pathPrefix("domains", () -> domains.routes(access, origin)),
        billing == null
            ? org.apache.pekko.http.javadsl.server.Directives.reject()
            : pathPrefix("billing", () -> billing.workspaceRoutes(access)),
        billing == null
            ? org.apache.pekko.http.javadsl.server.Directives.reject()
            : path("usage", () -> billing.usageRoute(access)),
        webhooks == null
            ? org.apache.pekko.http.javadsl.server.Directives.reject()
            : pathPrefix("webhooks", () -> webhooks.routes(access)),
        path(
            "audit-log",
            () ->
                endpoint(
                    Endpoint.LIST_AUDIT_LOG,
                    () ->
                        scoped(
                            access,
                            Scope.WORKSPACE_ADMIN,
                            () -> parameterMap(parameters -> auditLog(access, parameters))))));
  }

  private Route create(Caller caller, RequestOrigin origin) {
    if (!(caller instanceof Caller.Session session)) {
      throw new ApiException(
          StatusCodes.FORBIDDEN,
          dev.smo1.http.json.ApiError.of(
              HttpErrorCodes.FORBIDDEN, "workspaces are created by signed-in users, not API keys"));
    }
    return JsonBody.as(
        WorkspaceBodies.CreateWorkspace.class,
        body ->
            onSuccess(
                operations.create(session.user(), body.slug(), body.name(), origin),
                view ->
                    complete(
                        Json.response(StatusCodes.CREATED, body(view, Optional.of(Role.OWNER)))
                            .addHeader(Location.create("/api/v1/workspaces/" + view.id())))));
  }

  private Route list(Caller caller) {
    return switch (caller) {
      case Caller.Session session ->
          onSuccess(
              operations.workspaces().workspacesOf(session.user().id()),
              list ->
                  complete(Json.response(StatusCodes.OK, new WorkspaceBodies.WorkspaceList(list))));
      case Caller.Key key -> {
        Authenticator.require(key.access(), Scope.WORKSPACE_READ);
        yield onSuccess(
            operations.workspaces().get(key.access().workspaceId()),
            view ->
                complete(
                    Json.response(
                        StatusCodes.OK,
                        new WorkspaceBodies.WorkspaceList(
                            List.of(new WorkspaceSummary(view.id(), view.name(), null))))));
      }
    };
  }

  private Route respondWorkspace(Access access) {
    return onSuccess(
        operations.workspaces().get(access.workspaceId()),
        view -> complete(Json.response(StatusCodes.OK, body(view, access.role()))));
  }

  private Route accept(Caller caller, RequestOrigin origin) {
    if (!(caller instanceof Caller.Session session)) {
      throw new ApiException(
          StatusCodes.FORBIDDEN,
          dev.smo1.http.json.ApiError.of(
              HttpErrorCodes.FORBIDDEN, "invitations are accepted by signed-in users"));
    }
    return JsonBody.as(
        WorkspaceBodies.AcceptInvitation.class,
        body ->
            onSuccess(
                operations.accept(session.user(), body.token(), origin),
                view ->
                    complete(
                        Json.response(
                            StatusCodes.OK,
                            body(
                                view,
                                view.members().stream()
                                    .filter(member -> member.userId().equals(session.user().id()))
                                    .map(WorkspaceView.Member::role)
                                    .findFirst())))));
  }

  /** Leaving needs no admin scope: any member may remove themselves. */
  private Route removeMember(Access access, UUID userId, RequestOrigin origin) {
    boolean self = access.principal() instanceof Principal.User user && user.id().equals(userId);
    if (!self) {
      Authenticator.require(access, Scope.WORKSPACE_ADMIN);
    }
    return onSuccess(
        operations.removeMember(access, userId, origin),
        ignored -> complete(StatusCodes.NO_CONTENT));
  }

  private Route createKey(Access access, WorkspaceBodies.CreateKey body, RequestOrigin origin) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (body.scopes() != null) {
      for (String name : body.scopes()) {
        scopes.add(
            Scope.fromWireName(name)
                .orElseThrow(
                    () ->
                        new AccountException(
                            AccountError.INVALID_SCOPES,
                            "unknown scope '" + name + "'",
                            "scopes")));
      }
    }
    Instant expiresAt = null;
    if (body.expiresAt() != null) {
      try {
        expiresAt = Instant.parse(body.expiresAt());
      } catch (DateTimeParseException e) {
        throw new AccountException(
            AccountError.INVALID_EXPIRY, "expiresAt must be an ISO-8601 instant", "expiresAt");
      }
    }
    return onSuccess(
        keys.create(access, body.name(), scopes, expiresAt, origin),
        created -> complete(Json.response(StatusCodes.CREATED, created)));
  }

  private Route auditLog(Access access, Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!Set.of("cursor", "limit").contains(name)) {
        throw ApiException.badRequest(
            HttpErrorCodes.INVALID_PARAMETER, "unknown query parameter '" + name + "'", name);
      }
    }
    int limit = DEFAULT_AUDIT_LIMIT;
    if (parameters.containsKey("limit")) {
      try {
        limit = Integer.parseInt(parameters.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
        throw ApiException.badRequest(
            HttpErrorCodes.INVALID_PARAMETER, "limit must be 1 to " + AuditLog.MAX_LIMIT, "limit");
      }
    }
    Optional<String> cursor = Optional.ofNullable(parameters.get("cursor"));
    if (cursor.isPresent() && !AuditLog.validCursor(cursor.get())) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER, "cursor is not one this API issued", "cursor");
    }
    return onSuccess(
        operations.auditLog(access.workspaceId(), cursor, limit),
        page ->
            complete(
                Json.response(
                    StatusCodes.OK,
                    new WorkspaceBodies.Page<>(page.items(), page.nextCursor().orElse(null)))));
  }

  private static Route scoped(Access access, Scope scope, Supplier<Route> inner) {
    Authenticator.require(access, scope);
    return inner.get();
  }

  private static WorkspaceBodies.WorkspaceBody body(WorkspaceView view, Optional<Role> role) {
    return new WorkspaceBodies.WorkspaceBody(
        view.id(),
        view.name(),
        view.createdAt(),
        role.orElse(null),
        view.members().size(),
        view.invitations());
  }

  private static String inviterName(Access access) {
    return switch (access.principal()) {
      case Principal.User user -> user.email();
      case Principal.ApiKey key -> "an API key (" + key.prefix() + "…)";
    };
  }

  private static Role role(String name) {
    return Role.fromWireName(name == null ? "" : name)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    HttpErrorCodes.INVALID_PARAMETER,
                    "role must be one of owner, admin, member, viewer, billing",
                    "role"));
  }

  private static UUID userId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new AccountException(AccountError.NOT_A_MEMBER, "no such member");
    }
  }

  private static UUID keyId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new AccountException(AccountError.NOT_FOUND, "no such API key");
    }
  }
}
