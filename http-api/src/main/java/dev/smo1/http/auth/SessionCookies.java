package dev.smo1.http.auth;

import dev.smo1.accounts.session.SessionStore;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * The two cookies of a dashboard session: {@code smo1_session} (HttpOnly: the page never reads it)
 * and {@code smo1_csrf} (readable by the page, which repeats it as {@code X-CSRF-Token}). Both
 * {@code SameSite=Lax}, {@code Path=/}, {@code Secure} outside the local profile, and live as long
 * as the session: 30 days after its last use, so they go out again whenever it slides.
 */
public final class SessionCookies {
  private final boolean secure;

  public SessionCookies(boolean secure) {
    this.secure = secure;
  }

  public List<HttpHeader> issued(String sessionToken, String csrfToken) {
    long maxAge = SessionStore.LIFETIME.toSeconds();
    return List.of(
        RawHeader.create(
            "Set-Cookie", cookie(Authenticator.SESSION_COOKIE, sessionToken, maxAge, true)),
        RawHeader.create(
            "Set-Cookie", cookie(Authenticator.CSRF_COOKIE, csrfToken, maxAge, false)));
  }

  public List<HttpHeader> cleared() {
    return List.of(
        RawHeader.create("Set-Cookie", cookie(Authenticator.SESSION_COOKIE, "", 0, true)),
        RawHeader.create("Set-Cookie", cookie(Authenticator.CSRF_COOKIE, "", 0, false)));
  }

  String cookie(String name, String value, long maxAge, boolean httpOnly) {
    return name
        + "="
        + value
        + "; Path=/; Max-Age="
        + maxAge
        + "; SameSite=Lax"
        + (httpOnly ? "; HttpOnly" : "")
        + (secure ? "; Secure" : "");
  }
}
