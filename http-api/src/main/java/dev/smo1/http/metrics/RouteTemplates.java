package dev.smo1.http.metrics;

import java.util.Set;

/**
 * Maps a request path to the template of the route that serves it, the {@code route} label of the
 * HTTP metrics: bounded whatever clients send (codes become {@code {code}}, unknown paths {@code
 * other}).
 */
public final class RouteTemplates {
  public static final String OTHER = "other";
  public static final String REDIRECT = "/{code}";

  private static final Set<String> FIXED =
      Set.of(
          "/healthz",
          "/readyz",
          "/internal/clicks",
          "/api/v1/links",
          "/api/v1/analytics",
          "/api/v1/admin/rebuild");
  private static final Set<String> LINK_ACTIONS = Set.of("analytics", "disable", "enable");
  private static final String LINKS = "/api/v1/links/";

  private RouteTemplates() {}

  public static String of(String path) {
    if (FIXED.contains(path)) {
      return path;
    }
    if (path.startsWith(LINKS)) {
      String rest = path.substring(LINKS.length());
      int slash = rest.indexOf('/');
      if (rest.isEmpty()) {
        return OTHER;
      }
      if (slash < 0) {
        return LINKS + "{code}";
      }
      String action = rest.substring(slash + 1);
      return slash > 0 && LINK_ACTIONS.contains(action) ? LINKS + "{code}/" + action : OTHER;
    }
    if (path.length() > 1 && path.indexOf('/', 1) < 0 && path.startsWith("/")) {
      return REDIRECT;
    }
    return OTHER;
  }
}
