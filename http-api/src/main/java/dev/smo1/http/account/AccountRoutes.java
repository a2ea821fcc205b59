package dev.smo1.http.account;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import dev.smo1.accounts.AccountService;
import dev.smo1.accounts.session.SessionStore;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.RequestOrigins;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1/auth/…} (anonymous: sign-up, verification, login, password reset; logout needs the
 * session) and {@code /api/v1/me…} (the signed-in user). Answers never tell whether an email has an
 * account, but for sign-up's {@code email_taken}, which the form needs.
 */
public final class AccountRoutes {
  private final AccountService accounts;
  private final Authenticator authenticator;
  private final boolean secureCookies;

  /**
   * @param secureCookies whether cookies carry {@code Secure} (everywhere but the local profile,
   *     which serves plain HTTP on loopback)
   */
  public AccountRoutes(
      AccountService accounts, Authenticator authenticator, boolean secureCookies) {
    this.accounts = accounts;
    this.authenticator = authenticator;
    this.secureCookies = secureCookies;
  }

  /** The anonymous part, under {@code /api/v1}. */
  public Route publicRoutes() {
    return pathPrefix(
        "auth",
        () ->
            concat(
                path(
                    "signup",
                    () ->
                        post(
                            () ->
                                RequestOrigins.origin(
                                    origin ->
                                        JsonBody.as(
                                            AccountBodies.SignUp.class,
                                            body ->
                                                onSuccess(
                                                    accounts.signUp(
                                                        body.email(),
                                                        body.password(),
                                                        body.name(),
                                                        origin),
                                                    user ->
                                                        complete(
                                                            Json.response(
                                                                StatusCodes.CREATED,
                                                                AccountBodies.UserBody.of(
                                                                    user)))))))),
                pathPrefix(
                    "verify-email",
                    () ->
                        concat(
                            pathEnd(
                                () ->
                                    post(
                                        () ->
                                            RequestOrigins.origin(
                                                origin ->
                                                    JsonBody.as(
                                                        AccountBodies.Token.class,
                                                        body ->
                                                            onSuccess(
                                                                accounts.verifyEmail(
                                                                    body.token(), origin),
                                                                user ->
                                                                    complete(
                                                                        Json.response(
                                                                            StatusCodes.OK,
                                                                            AccountBodies.UserBody
                                                                                .of(user)))))))),
                            path(
                                "resend",
                                () ->
                                    post(
                                        () ->
                                            JsonBody.as(
                                                AccountBodies.Email.class,
                                                body ->
                                                    onSuccess(
                                                        accounts.resendVerification(body.email()),
                                                        ignored -> accepted())))))),
                path(
                    "login",
                    () ->
                        post(
                            () ->
                                RequestOrigins.origin(
                                    origin ->
                                        JsonBody.as(
                                            AccountBodies.Credentials.class,
                                            body ->
                                                onSuccess(
                                                    accounts.login(
                                                        body.email(), body.password(), origin),
                                                    login -> complete(loggedIn(login))))))),
                path(
                    "logout",
                    () ->
                        post(
                            () ->
                                authenticator.signedIn(
                                    caller ->
                                        RequestOrigins.origin(
                                            origin ->
                                                onSuccess(
                                                    accounts.logout(caller.user(), origin),
                                                    ignored -> complete(loggedOut())))))),
                pathPrefix(
                    "password-reset",
                    () ->
                        concat(
                            pathEnd(
                                () ->
                                    post(
                                        () ->
                                            RequestOrigins.origin(
                                                origin ->
                                                    JsonBody.as(
                                                        AccountBodies.Email.class,
                                                        body ->
                                                            onSuccess(
                                                                accounts.requestPasswordReset(
                                                                    body.email(), origin),
                                                                ignored -> accepted()))))),
                            path(
                                "confirm",
                                () ->
                                    post(
                                        () ->
                                            RequestOrigins.origin(
                                                origin ->
                                                    JsonBody.as(
                                                        AccountBodies.NewPassword.class,
                                                        body ->
                                                            onSuccess(
                                                                accounts.confirmPasswordReset(
                                                                    body.token(),
                                                                    body.password(),
                                                                    origin),
                                                                user ->
                                                                    complete(
                                                                        Json.response(
                                                                                StatusCodes.OK,
                                                                                AccountBodies
                                                                                    .UserBody.of(
                                                                                    user))
                                                                            .addHeaders(
                                                                                clearedCookies())))))))))));
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
                                            get(
                                                () ->
                                                    onSuccess(
                                                        accounts.me(caller.user().id()),
                                                        me ->
                                                            complete(
                                                                Json.response(
                                                                    StatusCodes.OK,
                                                                    new AccountBodies.MeBody(
                                                                        me.user().id(),
                                                                        me.user().email(),
                                                                        me.user().name(),
                                                                        me.user().emailVerified(),
                                                                        caller
                                                                            .user()
                                                                            .platformAdmin(),
                                                                        me.workspaces()))))),
                                            delete(
                                                () ->
                                                    JsonBody.as(
                                                        AccountBodies.Password.class,
                                                        body ->
                                                            onSuccess(
                                                                accounts.deleteAccount(
                                                                    caller.user(),
                                                                    body.password(),
                                                                    origin),
                                                                ignored ->
                                                                    complete(loggedOut())))))),
                                path(
                                    "password",
                                    () ->
                                        post(
                                            () ->
                                                JsonBody.as(
                                                    AccountBodies.PasswordChange.class,
                                                    body ->
                                                        onSuccess(
                                                            accounts.changePassword(
                                                                caller.user(),
                                                                body.currentPassword(),
                                                                body.newPassword(),
                                                                origin),
                                                            ignored ->
                                                                complete(
                                                                    StatusCodes.NO_CONTENT))))),
                                path(
                                    "email",
                                    () ->
                                        post(
                                            () ->
                                                JsonBody.as(
                                                    AccountBodies.EmailChange.class,
                                                    body ->
                                                        onSuccess(
                                                            accounts.requestEmailChange(
                                                                caller.user(),
                                                                body.email(),
                                                                body.password()),
                                                            ignored -> accepted())))),
                                path(
                                    "sessions",
                                    () ->
                                        delete(
                                            () ->
                                                onSuccess(
                                                    accounts.logoutEverywhere(
                                                        caller.user(), origin),
                                                    ignored -> complete(loggedOut()))))))));
  }

  private static Route accepted() {
    return complete(
        Json.response(
            StatusCodes.ACCEPTED,
            new AccountBodies.Accepted("if an account has this email, a message is on its way")));
  }

  private HttpResponse loggedIn(AccountService.Login login) {
    long maxAge = SessionStore.LIFETIME.toSeconds();
    return Json.response(StatusCodes.OK, AccountBodies.UserBody.of(login.user()))
        .addHeaders(
            List.of(
                RawHeader.create(
                    "Set-Cookie",
                    cookie(Authenticator.SESSION_COOKIE, login.session().token(), maxAge, true)),
                RawHeader.create(
                    "Set-Cookie",
                    cookie(
                        Authenticator.CSRF_COOKIE, login.session().csrfToken(), maxAge, false))));
  }

  private HttpResponse loggedOut() {
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(clearedCookies());
  }

  private List<org.apache.pekko.http.javadsl.model.HttpHeader> clearedCookies() {
    return List.of(
        RawHeader.create("Set-Cookie", cookie(Authenticator.SESSION_COOKIE, "", 0, true)),
        RawHeader.create("Set-Cookie", cookie(Authenticator.CSRF_COOKIE, "", 0, false)));
  }

  /** The CSRF cookie is readable by the page (double submit); the session cookie is not. */
  String cookie(String name, String value, long maxAge, boolean httpOnly) {
    return name
        + "="
        + value
        + "; Path=/; Max-Age="
        + maxAge
        + "; SameSite=Lax"
        + (httpOnly ? "; HttpOnly" : "")
        + (secureCookies ? "; Secure" : "");
  }
}
