package dev.smo1.http.web;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractHost;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.head;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import dev.smo1.http.endpoint.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The web apps the node serves, and which host gets what.
 *
 * <p>On the app host ({@code smo1.http.app-host}), or on every host when none is set: the landing
 * site at {@code /}, the dashboard at {@code /app/}, the API reference at {@code /docs/api/}, the
 * API, the probes, and the redirects. A one-segment path is a page only when {@link SitePaths} says
 * so (a reserved word, or a name with a dot); every other one is a redirect. Every other path not
 * under {@code /api/} or {@code /internal/} belongs to the landing site: its file, or its 404 page.
 *
 * <p>On any other host (the short domains): redirects, {@code /healthz}, {@code /readyz} and {@code
 * /internal/clicks} (the probes and the edge), and 404 with the API's error body for everything
 * else.
 */
public final class WebRoutes {
  static final String LANDING = "landing site";
  static final String DASHBOARD = "dashboard";
  static final String API_REFERENCE = "API reference";

  /** No pages, one host: the routes as they are without web apps (other features' tests). */
  public static final WebRoutes NONE = new WebRoutes();

  private final Optional<WebSettings> settings;
  private final List<StaticSite> sites;
  private final StaticSite landing;
  private final StaticSite dashboard;
  private final StaticSite apiReference;

  private WebRoutes() {
    this.settings = Optional.empty();
    this.sites = List.of();
    this.landing = null;
    this.dashboard = null;
    this.apiReference = null;
  }

  /**
   * @param blocking where file system lookups run (never the HTTP dispatcher)
   */
  public WebRoutes(WebSettings settings, Executor blocking) {
    this.settings = Optional.of(settings);
    this.landing =
        new StaticSite(
            new StaticSite.Spec(
                LANDING,
                settings.landing(),
                "/",
                StaticSite.Fallback.NOT_FOUND_PAGE,
                WebPages.CONTENT_SECURITY_POLICY),
            blocking);
    this.dashboard =
        new StaticSite(
            new StaticSite.Spec(
                DASHBOARD,
                settings.dashboard(),
                "/" + SitePaths.DASHBOARD + "/",
                StaticSite.Fallback.SHELL,
                WebPages.CONTENT_SECURITY_POLICY),
            blocking);
    this.apiReference =
        new StaticSite(
            new StaticSite.Spec(
                API_REFERENCE,
                settings.apiReference(),
                "/" + SitePaths.DOCS + "/" + SitePaths.API_REFERENCE + "/",
                StaticSite.Fallback.NOT_FOUND_PAGE,
                WebPages.API_REFERENCE_CONTENT_SECURITY_POLICY),
            blocking);
    this.sites = List.of(landing, dashboard, apiReference);
  }

  /** The sites served, for the start-up log. */
  public List<StaticSite> sites() {
    return sites;
  }

  /**
   * The node's routes by host. Built once: the inner functions pick among trees built here, so no
   * tree is rebuilt per request.
   *
   * @param redirects {@code GET|HEAD /{code}}
   * @param probesAndEdge {@code /healthz}, {@code /readyz}, {@code /internal/clicks}
   * @param api {@code /api/**}
   */
  public Route serve(Route redirects, Route probesAndEdge, Route api) {
    if (settings.isEmpty()) {
      return concat(redirects, probesAndEdge, api);
    }
    Route everything = concat(pages(), redirects, probesAndEdge, api);
    if (settings.get().appHost().isEmpty()) {
      return everything;
    }
    Route shortDomains = concat(redirects, probesAndEdge);
    WebSettings web = settings.get();
    return extractHost(host -> web.isAppHost(host) ? everything : shortDomains);
  }

  /**
   * The paths that are pages, GET and HEAD only (any other method: 405 from the rejection handler);
   * every other path is left to the routes after this one.
   */
  private Route pages() {
    return extractRequest(
        request -> {
          List<String> segments = new ArrayList<>();
          request.getUri().pathSegments().forEach(segments::add);
          boolean trailingSlash = request.getUri().path().endsWith("/");
          if (!claimed(segments)) {
            return reject();
          }
          Endpoints.webPage(request);
          Supplier<Route> page = () -> page(segments, trailingSlash, request);
          return concat(get(page), head(page));
        });
  }

  private static boolean claimed(List<String> segments) {
    if (segments.isEmpty()) {
      return true;
    }
    String first = segments.getFirst();
    if (SitePaths.NEVER_PAGES.contains(first)) {
      return false;
    }
    return segments.size() > 1 || SitePaths.isPage(first);
  }

  private Route page(List<String> segments, boolean trailingSlash, HttpRequest request) {
    if (!segments.isEmpty() && segments.getFirst().equals(SitePaths.DASHBOARD)) {
      return dashboard.serve(segments.subList(1, segments.size()), trailingSlash, request);
    }
    if (segments.size() > 1
        && segments.get(0).equals(SitePaths.DOCS)
        && segments.get(1).equals(SitePaths.API_REFERENCE)) {
      return apiReference.serve(segments.subList(2, segments.size()), trailingSlash, request);
    }
    return landing.serve(segments, trailingSlash, request);
  }
}
