package dev.smo1.http.account;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.failWith;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.AccountService;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.Caller;
import dev.smo1.http.auth.RequestOrigins;
import dev.smo1.http.auth.SessionCookies;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import dev.smo1.http.ratelimit.RateLimitDirectives;
import dev.smo1.http.ratelimit.RateLimits;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1/auth/…} (anonymous: sign-up, verification, login, password reset; logout needs the
 * session) and {@code /api/v1/me…} (the signed-in user). Answers never tell whether an email has an
 * account, but for sign-up's {@code email_taken}, which the form needs. The anonymous calls are
 * limited per client address and per target email ({@link RateLimits}).
 */
public final class AccountRoutes {
  private final AccountService accounts;
  private final Authenticator authenticator;
  private final RateLimits limits;
  private final SessionCookies cookies;

  /**
   * @param secureCookies whether cookies carry {@code Secure} (everywhere but the local profile,
   *     which serves plain HTTP on loopback)
   */
  public AccountRoutes(
      AccountService accounts,
      Authenticator authenticator,
      RateLimits limits,
      boolean secureCookies) {
    this.accounts = accounts;
    this.authenticator = authenticator;
    this.limits = limits;
    this.cookies = new SessionCookies(secureCookies);
  }

  /** The anonymous part, under {@code /api/v1}. */
  public Route publicRoutes() {
    return pathPrefix(
        "auth",
        () ->
            concat(
                path("signup", () -> endpoint(Endpoint.SIGN_UP, this::signUp)),
                pathPrefix(
                    "verify-email",
                    () ->
                        concat(
                            pathEnd(() -> endpoint(Endpoint.VERIFY_EMAIL, this::verifyEmail)),
                            path(
                                "resend",
                                () ->
                                    endpoint(
                                        Endpoint.RESEND_VERIFICATION, this::resendVerification)))),
                path("login", () -> endpoint(Endpoint.LOG_IN, this::login)),
                path("logout", () -> endpoint(Endpoint.LOG_OUT, this::logout)),
                pathPrefix(
                    "password-reset",
                    () ->
                        concat(
                            pathEnd(
                                () ->
                                    endpoint(
                                        Endpoint.REQUEST_PASSWORD_RESET,
                                        this::requestPasswordReset)),
                            path(
                                "confirm",
                                () ->
                                    endpoint(
                                        Endpoint.CONFIRM_PASSWORD_RESET,
                                        this::confirmPasswordReset))))));
  }

  /** The signed-in user's own routes, under {@code /api/v1}: sessions only. */
  public Route meRoutes() {
    return pathPrefix(
        "me",
        () ->
            authenticator.signedIn(
                caller ->
                    RequestOrigins.origin(
                        origin ->
                            concat(
                                pathEnd(
                                    () ->
                                        concat(
                                            endpoint(Endpoint.GET_ME, () -> me(caller)),
                                            endpoint(
                                                Endpoint.DELETE_ACCOUNT,
                                                () -> deleteAccount(caller, origin)))),
                                path(
                                    "password",
                                    () ->
                                        endpoint(
                                            Endpoint.CHANGE_PASSWORD,
                                            () -> changePassword(caller, origin))),
                                path(
                                    "email",
                                    () ->
                                        endpoint(Endpoint.CHANGE_EMAIL, () -> changeEmail(caller))),
                                path(
                                    "sessions",
                                    () ->
                                        endpoint(
                                            Endpoint.LOG_OUT_EVERYWHERE,
                                            () -> logoutEverywhere(caller, origin)))))));
  }

  private Route signUp() {
    return anonymous(
        (address, origin) ->
            JsonBody.as(
                AccountBodies.SignUp.class,
                body ->
                    limits.signUp(
                        address,
                        body.email(),
                        () ->
                            onSuccess(
                                accounts.signUp(body.email(), body.password(), body.name(), origin),
                                user -> created(AccountBodies.UserBody.of(user))))));
  }

  private Route verifyEmail() {
    return RequestOrigins.origin(
        origin ->
            JsonBody.as(
                AccountBodies.Token.class,
                body ->
                    onSuccess(
                        accounts.verifyEmail(body.token(), origin),
                        user -> ok(AccountBodies.UserBody.of(user)))));
  }

  private Route resendVerification() {
    return anonymous(
        (address, origin) ->
            JsonBody.as(
                AccountBodies.Email.class,
                body ->
                    limits.verificationResend(
                        address,
                        body.email(),
                        () ->
                            onSuccess(
                                accounts.resendVerification(body.email()),
                                ignored -> accepted()))));
  }

  /**
   * Login, throttled on failures: after too many wrong passwords for one email or from one address
   * it answers 429 until the window passes, without checking the password.
   */
  private Route login() {
    return anonymous(
        (address, origin) ->
            JsonBody.as(
                AccountBodies.Credentials.class,
                body -> {
                  var throttles = limits.loginThrottles(address, body.email());
                  return limits.login(
                      throttles,
                      () ->
                          onComplete(
                              accounts.login(body.email(), body.password(), origin),
                              attempt -> {
                                if (attempt.isSuccess()) {
                                  return complete(loggedIn(attempt.get()));
                                }
                                Throwable error = unwrap(attempt.failed().get());
                                if (error instanceof AccountException refused
                                    && refused.error() == AccountError.INVALID_CREDENTIALS) {
                                  return onSuccess(
                                      limits.loginFailed(throttles), done -> failWith(error));
                                }
                                return failWith(error);
                              }));
                }));
  }

  private Route logout() {
    return authenticator.signedIn(
        caller ->
            RequestOrigins.origin(
                origin ->
                    onSuccess(
                        accounts.logout(caller.user(), origin), ignored -> complete(loggedOut()))));
  }

  private Route requestPasswordReset() {
    return anonymous(
        (address, origin) ->
            JsonBody.as(
                AccountBodies.Email.class,
                body ->
                    limits.passwordReset(
                        address,
                        body.email(),
                        () ->
                            onSuccess(
                                accounts.requestPasswordReset(body.email(), origin),
                                ignored -> accepted()))));
  }

  private Route confirmPasswordReset() {
    return RequestOrigins.origin(
        origin ->
            JsonBody.as(
                AccountBodies.NewPassword.class,
                body ->
                    onSuccess(
                        accounts.confirmPasswordReset(body.token(), body.password(), origin),
                        user ->
                            complete(
                                Json.response(StatusCodes.OK, AccountBodies.UserBody.of(user))
                                    .addHeaders(clearedCookies())))));
  }

  private Route me(Caller.Session caller) {
    return onSuccess(
        accounts.me(caller.user().id()),
        me ->
            ok(
                new AccountBodies.MeBody(
                    me.user().id(),
                    me.user().email(),
                    me.user().name(),
                    me.user().emailVerified(),
                    caller.user().platformAdmin(),
                    me.workspaces())));
  }

  private Route deleteAccount(Caller.Session caller, RequestOrigin origin) {
    return JsonBody.as(
        AccountBodies.Password.class,
        body ->
            onSuccess(
                accounts.deleteAccount(caller.user(), body.password(), origin),
                ignored -> complete(loggedOut())));
  }

  private Route changePassword(Caller.Session caller, RequestOrigin origin) {
    return JsonBody.as(
        AccountBodies.PasswordChange.class,
        body ->
            onSuccess(
                accounts.changePassword(
                    caller.user(), body.currentPassword(), body.newPassword(), origin),
                ignored -> complete(StatusCodes.NO_CONTENT)));
  }

  private Route changeEmail(Caller.Session caller) {
    return JsonBody.as(
        AccountBodies.EmailChange.class,
        body ->
            onSuccess(
                accounts.requestEmailChange(caller.user(), body.email(), body.password()),
                ignored -> accepted()));
  }

  private Route logoutEverywhere(Caller.Session caller, RequestOrigin origin) {
    return onSuccess(
        accounts.logoutEverywhere(caller.user(), origin), ignored -> complete(loggedOut()));
  }

  /** The client address (per-IP limits) and the origin (audit log) of an anonymous request. */
  private static Route anonymous(BiFunction<String, RequestOrigin, Route> inner) {
    return RateLimitDirectives.clientAddress(
        address -> RequestOrigins.origin(origin -> inner.apply(address, origin)));
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static Route ok(Object body) {
    return complete(Json.response(StatusCodes.OK, body));
  }

  private static Route created(Object body) {
    return complete(Json.response(StatusCodes.CREATED, body));
  }

  private static Route accepted() {
    return complete(
        Json.response(
            StatusCodes.ACCEPTED,
            new AccountBodies.Accepted("if an account has this email, a message is on its way")));
  }

  private HttpResponse loggedIn(AccountService.Login login) {
    return Json.response(StatusCodes.OK, AccountBodies.UserBody.of(login.user()))
        .addHeaders(cookies.issued(login.session().token(), login.session().csrfToken()));
  }

  private HttpResponse loggedOut() {
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(clearedCookies());
  }

  private List<HttpHeader> clearedCookies() {
    return cookies.cleared();
  }
}
