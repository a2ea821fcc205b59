package dev.smo1.http.web;

import com.typesafe.config.Config;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the built web apps are and which host serves them, read once from {@code smo1.web} and
 * {@code smo1.http.app-host}.
 *
 * @param dir the directory holding {@code landing/out}, {@code dashboard/out} and {@code
 *     api-docs/out} (a relative path is resolved against the working directory)
 * @param appHost the host name of the landing site, the dashboard, the API reference and the API;
 *     requests to any other host get redirects only. Empty: one host serves everything
 */
public record WebSettings(Path dir, Optional<String> appHost) {
  /** A host name: letters, digits, hyphens and dots (internationalised names as punycode). */
  private static final Pattern HOST_NAME =
      Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$");

  public WebSettings {
    appHost = appHost.map(WebSettings::hostName);
  }

  public static WebSettings from(Config config) {
    Optional<String> appHost =
        config.hasPath("smo1.http.app-host") && !config.getString("smo1.http.app-host").isBlank()
            ? Optional.of(config.getString("smo1.http.app-host"))
            : Optional.empty();
    return new WebSettings(Path.of(config.getString("smo1.web.dir")), appHost);
  }

  public Path landing() {
    return dir.resolve("landing").resolve("out");
  }

  public Path dashboard() {
    return dir.resolve("dashboard").resolve("out");
  }

  public Path apiReference() {
    return dir.resolve("api-docs").resolve("out");
  }

  /**
   * Where people open the landing site and the dashboard: {@code https://<app host>} when one is
   * set (TLS ends in front of the node), else the public base URL, which then serves everything.
   */
  public URI appBaseUrl(URI publicBaseUrl) {
    return appHost.map(host -> URI.create("https://" + host)).orElse(publicBaseUrl);
  }

  /** The dashboard's address: the app base URL and the dashboard's mount ({@code /app}). */
  public URI dashboardUrl(URI publicBaseUrl) {
    String base = appBaseUrl(publicBaseUrl).toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
            + "/"
            + SitePaths.DASHBOARD);
  }

  /** Whether a request's host (its port already left out) is the app host. */
  public boolean isAppHost(String host) {
    return appHost.isPresent() && appHost.get().equals(normalized(host));
  }

  private static String hostName(String configured) {
    String host = normalized(configured.strip());
    if (!HOST_NAME.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "smo1.http.app-host (SMO1_APP_HOST) must be a host name such as app.example.com,"
              + " without scheme, port or path; was: "
              + configured);
    }
    return host;
  }

  /** Host names compare without case and without the root's trailing dot. */
  private static String normalized(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
