package dev.smo1.http.web;

import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/** The headers every page carries, and the node's own answers when a site has none to give. */
final class WebPages {
  /**
   * The policy the Next.js static exports work with. They bootstrap with inline scripts ({@code
   * self.__next_f.push(…)}, the App Router's payload, in every page), which a static export cannot
   * give a nonce, and server-rendered {@code style} attributes: so {@code 'unsafe-inline'} for
   * scripts and styles. Everything else is the site's own origin: no third-party script, font,
   * frame or connection (the API is same-origin), no plugin, and no page may frame the sites.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self';"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  /** The API reference's: as the sites', and its search runs in a worker made from a blob. */
  static final String API_REFERENCE_CONTENT_SECURITY_POLICY =
      CONTENT_SECURITY_POLICY + "; worker-src 'self' blob:";

  /** Referrers carry only the origin to other sites (short links' targets are other sites). */
  static final String REFERRER_POLICY = "strict-origin-when-cross-origin";

  private WebPages() {}

  /**
   * {@code nosniff} on every file (a script or style must be served as one); on HTML also the
   * content security policy, the referrer policy and {@code X-Frame-Options} for browsers that
   * predate {@code frame-ancestors}.
   */
  static List<HttpHeader> securityHeaders(boolean html, String contentSecurityPolicy) {
    var nosniff = RawHeader.create("X-Content-Type-Options", "nosniff");
    if (!html) {
      return List.of(nosniff);
    }
    return List.of(
        nosniff,
        RawHeader.create("Content-Security-Policy", contentSecurityPolicy),
        RawHeader.create("Referrer-Policy", REFERRER_POLICY),
        RawHeader.create("X-Frame-Options", "DENY"));
  }

  /** 503: the site's export is missing on this node; says how to build it. */
  static HttpResponse notBuilt(String site, String export) {
    return page(
        StatusCodes.SERVICE_UNAVAILABLE,
        "SMO1: the " + site + " is not built",
        "<h1>The "
            + site
            + " is not built</h1>\n<p>This node serves the web apps from the directory"
            + " <code>SMO1_WEB_DIR</code> names, and the "
            + site
            + "'s build (<code>"
            + export
            + "</code> there) is missing. Build the web apps: <code>./smo1 run</code> builds them"
            + " before it starts a node; a container image has them built in.</p>\n"
            + "<p>The API and the short links work without them.</p>");
  }

  /** 404 for a path the site has no file for, when the site has no 404 page of its own. */
  static HttpResponse notFound() {
    return page(StatusCodes.NOT_FOUND, "Page not found", "<h1>Page not found</h1>");
  }

  /** 400 for a path that could name a file outside the site: never looked up. */
  static HttpResponse refused() {
    return Json.response(
            StatusCodes.BAD_REQUEST,
            ApiError.of(
                HttpErrorCodes.BAD_REQUEST, "path not allowed: dot segment or encoded slash"))
        .addHeader(RawHeader.create("Cache-Control", "no-store"));
  }

  private static HttpResponse page(
      org.apache.pekko.http.javadsl.model.StatusCode status, String title, String body) {
    byte[] html =
        ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + title
                + "</title></head>\n<body>\n"
                + body
                + "\n</body></html>\n")
            .getBytes(StandardCharsets.UTF_8);
    return HttpResponse.create()
        .withStatus(status)
        .addHeader(RawHeader.create("Cache-Control", "no-store"))
        .addHeaders(securityHeaders(true, CONTENT_SECURITY_POLICY))
        .withEntity(ContentTypes.TEXT_HTML_UTF8, html);
  }
}
