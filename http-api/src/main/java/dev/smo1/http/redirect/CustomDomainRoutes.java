package dev.smo1.http.redirect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.smo1.accounts.domains.DomainDirectory;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Requests for a custom domain (decision 0028): the domain is the request's host, or what the edge
 * Worker says in {@code X-SMO1-Domain} when it asks the origin for a visitor (its request's host is
 * the origin's). Such a request is answered by the domain's own site ({@link RedirectRoutes#site}):
 * its links, its root and not-found settings, nothing else; one for a domain removed answers 410
 * for every code. Any other host gets SMO1's routes. Each domain's route tree is built once per
 * version of its directory entry.
 */
public final class CustomDomainRoutes {
  /** The header in which the edge names the custom domain a visitor asked for. */
  public static final String DOMAIN_HEADER = "X-SMO1-Domain";

  private final DomainDirectory directory;
  private final RedirectRoutes defaults;
  private final Cache<DomainDirectory.Entry, Route> sites =
      Caffeine.newBuilder().maximumSize(10_000).build();

  public CustomDomainRoutes(DomainDirectory directory, RedirectRoutes defaults) {
    this.directory = directory;
    this.defaults = defaults;
  }

  /** The custom domain's site when {@code request} is for one. */
  public Optional<Route> routeFor(HttpRequest request) {
    return hostOf(request).flatMap(directory::find).map(entry -> sites.get(entry, this::site));
  }

  private Route site(DomainDirectory.Entry entry) {
    if (!entry.active()) {
      return defaults.disabledOn(entry.domain()).site(null);
    }
    var settings = entry.settings();
    return defaults
        .on(
            entry.domain(),
            new RedirectRoutes.DomainFallbacks(settings.notFoundUrl(), settings.expiredUrl()))
        .site(settings.rootUrl());
  }

  private static Optional<String> hostOf(HttpRequest request) {
    Optional<String> named = request.getHeader(DOMAIN_HEADER).map(HttpHeader::value);
    if (named.isPresent()) {
      return named.map(host -> host.strip().toLowerCase(Locale.ROOT));
    }
    String host = request.getUri().host().address();
    if (host == null || host.isEmpty()) {
      host = request.getHeader("Host").map(HttpHeader::value).orElse("");
      int colon = host.lastIndexOf(':');
      if (colon > 0 && !host.endsWith("]")) {
        host = host.substring(0, colon);
      }
    }
    return host.isEmpty() ? Optional.empty() : Optional.of(host.toLowerCase(Locale.ROOT));
  }
}
