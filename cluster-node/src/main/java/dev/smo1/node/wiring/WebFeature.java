package dev.smo1.node.wiring;

import dev.smo1.http.HttpSettings;
import dev.smo1.http.web.SitePaths;
import dev.smo1.http.web.StaticSite;
import dev.smo1.http.web.WebRoutes;
import dev.smo1.http.web.WebSettings;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web apps a node serves (landing site, dashboard, API reference) and the host they are served
 * on. Says once at start-up which builds are present, so a node serving 503 pages is explained in
 * its log.
 *
 * @param dashboardUrl where people open the dashboard this node serves: emailed links point there
 *     unless {@code SMO1_DASHBOARD_URL} names another
 * @param appBaseUrl the origin of the pages this node serves (the dashboard's calls come from it)
 */
public record WebFeature(WebRoutes routes, WebSettings settings, URI dashboardUrl, URI appBaseUrl) {
  private static final Logger log = LoggerFactory.getLogger(WebFeature.class);

  public static WebFeature init(NodeContext node, HttpSettings http) {
    var settings = WebSettings.from(node.system().settings().config());
    var routes = new WebRoutes(settings, node.pools().files());
    for (StaticSite site : routes.sites()) {
      var spec = site.spec();
      if (site.built()) {
        log.info("web site={} mount={} dir={}", spec.name(), spec.mount(), spec.root());
      } else {
        log.warn(
            "web site={} mount={} not built: dir={} is missing, its pages answer 503",
            spec.name(),
            spec.mount(),
            spec.root().toAbsolutePath());
      }
    }
    List<String> undeclared = SitePaths.undeclared(settings.landing());
    if (!undeclared.isEmpty()) {
      log.warn(
          "web landing site has top-level pages SitePaths does not declare, answered as"
              + " redirects: {}",
          undeclared);
    }
    log.info(
        "web appHost={} (other hosts: redirects only)",
        settings.appHost().orElse("none: one host serves everything"));
    return new WebFeature(
        routes,
        settings,
        settings.dashboardUrl(http.publicBaseUrl()),
        settings.appBaseUrl(http.publicBaseUrl()));
  }
}
