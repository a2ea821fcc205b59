package dev.smo1.http.redirect;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.formFieldOptional;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.link.LinkPasswords;
import dev.smo1.link.AccessCookies;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.PreviewPage;
import dev.smo1.link.Resolution;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.Cookie;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Password-protected links on the redirect path. A visit without a valid access cookie ({@link
 * AccessCookies}) gets the password page (200, or 403 {@code password_required} as JSON), counted
 * as nothing. The page posts the password to the link's own URL; a right one sets the cookie (24 h,
 * the link's path only) and sends the visitor back to the link (303), a wrong one answers the page
 * again (403 {@code wrong_password}). Every attempt takes one of the link's and the visitor's
 * budget first ({@link PasswordAttempts}: 429 once spent). The hash is verified on the request pool
 * ({@link LinkPasswords}); it travels only inside the cluster (the entity's answer to the redirect
 * path).
 */
public final class PasswordGate {
  /** No one's form needs more: the field's name and 128 characters, percent-encoded. */
  private static final long MAX_FORM_BYTES = 4096;

  static final String PASSWORD_REQUIRED = HttpErrorCodes.PASSWORD_REQUIRED;
  static final String WRONG_PASSWORD = HttpErrorCodes.WRONG_PASSWORD;

  private final String domain;
  private final AccessCookies cookies;
  private final LinkPasswords passwords;
  private final PasswordAttempts attempts;
  private final Clock clock;
  private final boolean secureCookies;

  /** Budgets of password attempts, per link and visitor. */
  @FunctionalInterface
  public interface PasswordAttempts {
    /**
     * Takes one attempt of the link's and the visitor's budget, then runs {@code inner}; answers
     * 429 (or 503) when spent.
     */
    Route guarded(HttpRequest request, String linkKey, Supplier<Route> inner);

    PasswordAttempts UNLIMITED = (request, linkKey, inner) -> inner.get();
  }

  /**
   * @param domain the short domain the node's links are on (the cookie names the link by it, as the
   *     edge does)
   * @param secureCookies whether the public URL is HTTPS (cookies then say {@code Secure})
   */
  public PasswordGate(
      String domain,
      AccessCookies cookies,
      LinkPasswords passwords,
      PasswordAttempts attempts,
      Clock clock,
      boolean secureCookies) {
    this.domain = domain;
    this.cookies = cookies;
    this.passwords = passwords;
    this.attempts = attempts;
    this.clock = clock;
    this.secureCookies = secureCookies;
  }

  /** This gate for the links of {@code linkDomain} (a custom domain): cookies name links by it. */
  PasswordGate on(String linkDomain) {
    return new PasswordGate(linkDomain, cookies, passwords, attempts, clock, secureCookies);
  }

  /** Whether this visitor of a protected link gave its password (a valid access cookie). */
  boolean admitted(HttpRequest request, String code, LinkOptions.Password password) {
    LinkId link = new LinkId(domain, code);
    for (String value : accessCookies(request)) {
      if (cookies.valid(value, link, password.since(), clock.instant())) {
        return true;
      }
    }
    return false;
  }

  private static List<String> accessCookies(HttpRequest request) {
    return request
        .getHeader(Cookie.class)
        .map(
            header -> {
              List<String> values = new java.util.ArrayList<>(1);
              for (var cookie : header.getCookies()) {
                if (cookie.name().equals(AccessCookies.NAME)) {
                  values.add(cookie.value());
                }
              }
              return values;
            })
        .orElse(List.of());
  }

  /** The page a visitor without the cookie gets: the form, or JSON saying a password is needed. */
  HttpResponse page(boolean json) {
    return answer(
        json ? StatusCodes.FORBIDDEN : StatusCodes.OK,
        PASSWORD_REQUIRED,
        "This short link is protected by a password.",
        json,
        null);
  }

  /** {@code POST /{code}}: the password form's answer, for the link {@code resolution} is. */
  Route unlock(
      HttpRequest request,
      String code,
      Resolution resolution,
      boolean json,
      String rawQuery,
      Supplier<Route> notProtected) {
    if (!(resolution instanceof Resolution.Redirect redirect)
        || !redirect.options().protectedByPassword()) {
      return notProtected.get();
    }
    LinkOptions.Password password = redirect.options().password();
    String linkKey = new LinkId(domain, code).entityId();
    return mapResponse(
        response -> json ? response : htmlWhenLimited(response),
        () ->
            attempts.guarded(
                request,
                linkKey,
                () ->
                    withSizeLimit(
                        MAX_FORM_BYTES,
                        () ->
                            formFieldOptional(
                                "password",
                                given -> check(code, password, given, json, rawQuery)))));
  }

  private Route check(
      String code,
      LinkOptions.Password password,
      Optional<String> given,
      boolean json,
      String rawQuery) {
    if (given.isEmpty() || given.get().isEmpty()) {
      return complete(
          answer(
              StatusCodes.BAD_REQUEST,
              "bad_request",
              "Please enter the link's password.",
              json,
              "password"));
    }
    return onSuccess(
        passwords.verify(given.get(), password.hash()),
        right ->
            complete(
                right
                    ? unlocked(code, password, rawQuery)
                    : answer(
                        StatusCodes.FORBIDDEN,
                        WRONG_PASSWORD,
                        "That password is not right.",
                        json,
                        "password")));
  }

  /** Back to the link, now with the cookie that lets the visitor through for a day. */
  private HttpResponse unlocked(String code, LinkOptions.Password password, String rawQuery) {
    String value = cookies.issue(new LinkId(domain, code), password.since(), clock.instant());
    return HttpResponse.create()
        .withStatus(StatusCodes.SEE_OTHER)
        .addHeader(
            RawHeader.create("Location", "/" + code + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
        .addHeader(
            RawHeader.create(
                "Set-Cookie",
                AccessCookies.NAME
                    + "="
                    + value
                    + "; Path=/"
                    + code
                    + "; Max-Age="
                    + AccessCookies.LIFETIME.toSeconds()
                    + "; HttpOnly; SameSite=Lax"
                    + (secureCookies ? "; Secure" : "")))
        .addHeader(CacheControl.create(CacheDirectives.NO_STORE))
        .addHeaders(PAGE_HEADERS);
  }

  /** The rate limiter's 429 (JSON) as the page a browser can read, keeping its headers. */
  private HttpResponse htmlWhenLimited(HttpResponse response) {
    if (response.status().intValue() != 429) {
      return response;
    }
    return response.withEntity(
        ContentTypes.TEXT_HTML_UTF8,
        html("Too many tries", "<p role=\"alert\">Too many wrong passwords. Try again later.</p>"));
  }

  private HttpResponse answer(
      StatusCode status, String code, String message, boolean json, String field) {
    HttpResponse response =
        HttpResponse.create()
            .withStatus(status)
            .addHeader(CacheControl.create(CacheDirectives.NO_STORE))
            .addHeader(RawHeader.create("X-Robots-Tag", "noindex"))
            .addHeaders(PAGE_HEADERS);
    if (json) {
      return response.withEntity(
          ContentTypes.APPLICATION_JSON, Json.write(new ApiError(code, message, field)));
    }
    String alert =
        code.equals(PASSWORD_REQUIRED)
            ? ""
            : "<p role=\"alert\" id=\"error\">" + PreviewPage.escape(message) + "</p>";
    return response.withEntity(
        ContentTypes.TEXT_HTML_UTF8,
        html(
            "Password required",
            "<p>This short link is protected by a password.</p>"
                + alert
                + "<form method=\"post\"><label for=\"password\">Password</label> "
                + "<input id=\"password\" name=\"password\" type=\"password\""
                + " autocomplete=\"current-password\" required maxlength=\""
                + LinkPasswords.MAX_LENGTH
                + "\""
                + (alert.isEmpty() ? "" : " aria-describedby=\"error\"")
                + "> <button type=\"submit\">Continue</button></form>"));
  }

  private static byte[] html(String title, String body) {
    return RedirectRoutes.page(title, body);
  }

  /**
   * The redirect path's page headers without {@code form-action}: browsers apply it to the whole
   * redirect chain of the form's submission, and a right password's chain ends at the link's
   * target, wherever that is (the form posts to the page's own URL; nothing else can be in the
   * page).
   */
  static final List<HttpHeader> PAGE_HEADERS =
      List.of(
          RawHeader.create(
              "Content-Security-Policy",
              "default-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
          RawHeader.create("X-Content-Type-Options", "nosniff"),
          RawHeader.create("Referrer-Policy", "no-referrer"));
}
