package dev.smo1.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import dev.smo1.accounts.AccountService.SessionUser;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.access.Scope;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The one authorization path. A request is authenticated once, by an API key ({@code Authorization:
 * Bearer smo1_…}) or a session cookie ({@code smo1_session}); then resolved to one workspace: a
 * key's own, or for a session the workspace named in the path or query, where the user's role is
 * asked of the workspace entity (so a removed member loses access at once). Every route then names
 * the scope it needs ({@link #require}). Another workspace's resource answers 404 exactly as a
 * missing one.
 *
 * <p>Cookie-authenticated unsafe requests (anything but GET, HEAD, OPTIONS) need the session's CSRF
 * token twice, as the {@code smo1_csrf} cookie and the {@code X-CSRF-Token} header, and an {@code
 * Origin} that is the API's own when the browser sends one. Keys never need either: a browser never
 * attaches them by itself.
 */
public final class Authenticator {
  public static final String SESSION_COOKIE = "smo1_session";
  public static final String CSRF_COOKIE = "smo1_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  /** A key's access: {@code ApiKeyAuthentication#authenticate}. */
  @FunctionalInterface
  public interface KeyLookup {
    CompletionStage<Optional<Access>> authenticate(String key);
  }

  /** A session cookie's user: {@code AccountService#session}. */
  @FunctionalInterface
  public interface SessionLookup {
    CompletionStage<Optional<SessionUser>> session(String token);
  }

  /** A user's role in a workspace: {@code WorkspaceService#roleOf}. */
  @FunctionalInterface
  public interface RoleLookup {
    CompletionStage<Optional<Role>> roleOf(String workspaceId, UUID userId);
  }

  private final KeyLookup keys;
  private final SessionLookup sessions;
  private final RoleLookup roles;
  private final Set<String> allowedOrigins;
  private final SessionCookies cookies;

  /**
   * @param allowedOrigins origins ({@code scheme://host[:port]}) whose pages may send
   *     cookie-authenticated unsafe requests: the API's public base URL and the dashboard's
   */
  public Authenticator(
      KeyLookup keys,
      SessionLookup sessions,
      RoleLookup roles,
      Set<URI> allowedOrigins,
      SessionCookies cookies) {
    this.cookies = cookies;
    this.keys = keys;
    this.sessions = sessions;
    this.roles = roles;
    this.allowedOrigins =
        allowedOrigins.stream()
            .map(Authenticator::origin)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Runs {@code inner} with the authenticated caller, or fails with 401 (or 403 for CSRF). */
  public Route authenticated(Function<Caller, Route> inner) {
    return extractRequest(
        request ->
            onSuccess(
                caller(request),
                resolved ->
                    resolved.headers().isEmpty()
                        ? inner.apply(resolved.caller())
                        : respondWithHeaders(
                            resolved.headers(), () -> inner.apply(resolved.caller()))));
  }

  /** A caller, and the cookies to send again when its session's expiry moved forward. */
  private record Resolved(Caller caller, List<HttpHeader> headers) {}

  /** As {@link #authenticated}, but sessions only (account routes of a signed-in user). */
  public Route signedIn(Function<Caller.Session, Route> inner) {
    return authenticated(
        caller -> {
          if (caller instanceof Caller.Session session) {
            return inner.apply(session);
          }
          throw new ApiException(
              StatusCodes.FORBIDDEN,
              ApiError.of(
                  HttpErrorCodes.FORBIDDEN, "this call is for signed-in users, not API keys"));
        });
  }

  /**
   * The caller's access to workspace {@code workspaceId}: a key of another workspace, or a user who
   * is not a member, gets 404 as if the workspace did not exist.
   */
  public Route inWorkspace(Caller caller, String workspaceId, Function<Access, Route> inner) {
    return onSuccess(access(caller, workspaceId), inner::apply);
  }

  /**
   * The workspace of {@code /links} and {@code /analytics}: a key's own; for a session the {@code
   * workspace} query parameter, which is then required (400 without it).
   */
  public Route inRequestedWorkspace(
      Caller caller, Optional<String> workspace, Function<Access, Route> inner) {
    return switch (caller) {
      case Caller.Key key ->
          workspace.isPresent() && !workspace.get().equals(key.access().workspaceId())
              ? notFoundRoute()
              : inner.apply(key.access());
      case Caller.Session session -> {
        if (workspace.isEmpty() || workspace.get().isBlank()) {
          throw ApiException.badRequest(
              HttpErrorCodes.INVALID_PARAMETER,
              "signed-in calls name their workspace: ?workspace=<slug>",
              "workspace");
        }
        yield inWorkspace(session, workspace.get(), inner);
      }
    };
  }

  private static Route notFoundRoute() {
    throw notFound();
  }

  CompletionStage<Access> access(Caller caller, String workspaceId) {
    return switch (caller) {
      case Caller.Key key ->
          key.access().workspaceId().equals(workspaceId)
              ? CompletableFuture.completedFuture(key.access())
              : CompletableFuture.failedFuture(notFound());
      case Caller.Session session ->
          roles
              .roleOf(workspaceId, session.user().id())
              .thenApply(
                  role ->
                      Access.ofMember(
                          session.user(), workspaceId, role.orElseThrow(Authenticator::notFound)));
    };
  }

  /** 403 {@code insufficient_scope} naming the scope, unless the access has it. */
  public static void require(Access access, Scope scope) {
    if (!access.allows(scope)) {
      throw new InsufficientScopeException(scope);
    }
  }

  /** Platform admins only (SMO1_ADMIN_EMAILS): 403 for everyone else. */
  public static void requirePlatformAdmin(Caller caller) {
    if (!caller.principal().platformAdmin()) {
      throw new ApiException(
          StatusCodes.FORBIDDEN,
          ApiError.of(HttpErrorCodes.FORBIDDEN, "only platform admins may use admin operations"));
    }
  }

  public static ApiException notFound() {
    return new ApiException(
        StatusCodes.NOT_FOUND, ApiError.of(HttpErrorCodes.NOT_FOUND, "no such workspace"));
  }

  private CompletionStage<Resolved> caller(HttpRequest request) {
    var authorization = request.getHeader("Authorization");
    if (authorization.isPresent()) {
      String key = bearerToken(authorization.get().value());
      return keys.authenticate(key)
          .thenApply(
              access ->
                  new Resolved(
                      new Caller.Key(
                          access.orElseThrow(() -> new UnauthorizedException("invalid_token"))),
                      List.of()));
    }
    var session = cookie(request, SESSION_COOKIE);
    if (session.isEmpty()) {
      return CompletableFuture.failedFuture(new UnauthorizedException(null));
    }
    return sessions
        .session(session.get())
        .thenApply(
            found -> {
              var user = found.orElseThrow(SessionExpiredException::new);
              if (unsafe(request)) {
                checkCsrf(request, user.csrfToken());
              }
              return new Resolved(
                  new Caller.Session(user.principal()),
                  user.renewed() ? cookies.issued(session.get(), user.csrfToken()) : List.of());
            });
  }

  private void checkCsrf(HttpRequest request, String expected) {
    var cookie = cookie(request, CSRF_COOKIE);
    var header = request.getHeader(CSRF_HEADER).map(h -> h.value());
    if (cookie.isEmpty()
        || header.isEmpty()
        || !Secrets.equal(cookie.get(), header.get())
        || !Secrets.equal(header.get(), expected)) {
      throw csrf("missing or wrong CSRF token: send the smo1_csrf cookie's value as X-CSRF-Token");
    }
    var origin = request.getHeader("Origin").map(h -> h.value());
    if (origin.isPresent() && !allowedOrigins.contains(origin.get())) {
      throw csrf("cross-origin request refused");
    }
  }

  private static ApiException csrf(String message) {
    return new ApiException(
        StatusCodes.FORBIDDEN, ApiError.of(HttpErrorCodes.CSRF_FAILED, message));
  }

  private static boolean unsafe(HttpRequest request) {
    var method = request.method();
    return !(method.equals(HttpMethods.GET)
        || method.equals(HttpMethods.HEAD)
        || method.equals(HttpMethods.OPTIONS));
  }

  static Optional<String> cookie(HttpRequest request, String name) {
    for (var header : request.getHeaders()) {
      if (header.is("cookie")) {
        for (String pair : header.value().split(";")) {
          int equals = pair.indexOf('=');
          if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
            return Optional.of(pair.substring(equals + 1).strip());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String bearerToken(String value) {
    String trimmed = value.trim();
    if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new UnauthorizedException("invalid_request");
    }
    String token = trimmed.substring(7).trim();
    if (token.isEmpty() || token.length() > 200) {
      throw new UnauthorizedException("invalid_token");
    }
    return token;
  }

  static String origin(URI uri) {
    int port = uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + (port == -1 ? "" : ":" + port);
  }

  /** 401 with the {@code WWW-Authenticate} challenge of RFC 6750. */
  public static class UnauthorizedException extends ApiException {
    private final String challenge;

    UnauthorizedException(String error) {
      this(
          error,
          error == null
              ? "sign in, or send an API key: Authorization: Bearer <key>"
              : "the API key is missing, malformed or unknown");
    }

    UnauthorizedException(String error, String message) {
      super(StatusCodes.UNAUTHORIZED, ApiError.of(HttpErrorCodes.UNAUTHORIZED, message));
      this.challenge =
          error == null
              ? "Bearer realm=\"smo1\""
              : "Bearer realm=\"smo1\", error=\"" + error + "\"";
    }

    public String challenge() {
      return challenge;
    }
  }

  /** A session cookie that is unknown, expired or revoked. */
  static final class SessionExpiredException extends UnauthorizedException {
    SessionExpiredException() {
      super(null, "the session has ended: sign in again");
    }
  }

  /** 403 with RFC 6750's {@code insufficient_scope} challenge naming the scope. */
  public static final class InsufficientScopeException extends ApiException {
    private final Scope scope;

    InsufficientScopeException(Scope scope) {
      super(
          StatusCodes.FORBIDDEN,
          ApiError.of(
              HttpErrorCodes.INSUFFICIENT_SCOPE,
              "this call needs the scope '" + scope.wireName() + "'"));
      this.scope = scope;
    }

    public String challenge() {
      return "Bearer realm=\"smo1\", error=\"insufficient_scope\", scope=\""
          + scope.wireName()
          + "\"";
    }
  }
}
