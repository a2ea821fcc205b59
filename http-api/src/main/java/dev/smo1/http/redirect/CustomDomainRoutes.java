package dev.smo1.http.redirect;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.smo1.accounts.domains.DomainDirectory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Requests for a custom domain (decision 0028). The domain is what the edge Worker names in {@code
 * X-SMO1-Domain} when it asks the origin for a visitor (its request's host is the origin's), else
 * the request's host. A custom domain's request is answered by the domain's own site ({@link
 * RedirectRoutes#site}): its links, its root and not-found settings, nothing else; one removed
 * answers 410 for every code.
 *
 * <p>Never the default domain's links for another name: a host that is neither SMO1's ({@code own}:
 * the default short domain, the API's and the web apps' hosts; addresses, {@code localhost} and
 * single-label names, as probes and local use reach a node) nor a domain that holds links (pending,
 * say, but already pointed at SMO1) gets a {@code no-store} 404 for its codes and its root, its
 * other paths (the API, probes, the edge's click posts) as SMO1's; a named domain the directory
 * does not know gets a {@code no-store} 404 for everything (503 until the directory was first
 * read). Answers to a request naming a domain carry {@code Vary: X-SMO1-Domain}, so no shared cache
 * hands one to a request for another.
 */
public final class CustomDomainRoutes {
  /** The header in which the edge names the domain a visitor asked for. */
  public static final String DOMAIN_HEADER = "X-SMO1-Domain";

  private static final Pattern ADDRESS = Pattern.compile("^[0-9.]+$|^\\[.*\\]$|^[0-9a-f:]+$");
  private static final HttpHeader VARY = RawHeader.create("Vary", DOMAIN_HEADER);

  private final DomainDirectory directory;
  private final RedirectRoutes defaults;
  private final Set<String> own;
  private final Cache<DomainDirectory.Entry, Route> sites =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10)).build();
  private final Route unknownCodes;
  private final Route unknownDomain;
  private final Route notReadYet;

  /**
   * @param own SMO1's host names (lower case): the default short domain, the API's and the web
   *     apps' hosts
   */
  public CustomDomainRoutes(DomainDirectory directory, RedirectRoutes defaults, Set<String> own) {
    this.directory = directory;
    this.defaults = defaults;
    this.own = Set.copyOf(own);
    Route notFound =
        optionalHeaderValueByName(
            "Accept",
            accept -> complete(RedirectRoutes.unknownHostPage(RedirectRoutes.wantsJson(accept))));
    this.unknownCodes = concat(pathSingleSlash(() -> notFound), path(segment(), code -> notFound));
    this.unknownDomain = notFound;
    this.notReadYet =
        complete(
            HttpResponse.create()
                .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
                .addHeader(RawHeader.create("Retry-After", "5"))
                .addHeader(RawHeader.create("Cache-Control", "no-store")));
  }

  /** The route for {@code request}: a custom domain's site, or SMO1's {@code features}. */
  public Route routeFor(HttpRequest request, Route features) {
    Optional<String> named = request.getHeader(DOMAIN_HEADER).map(HttpHeader::value);
    if (named.isPresent()) {
      String domain = plain(named.get());
      if (own.contains(domain)) {
        return varied(features);
      }
      if (!directory.loaded()) {
        return varied(notReadYet);
      }
      return varied(directory.find(domain).map(this::siteOf).orElse(unknownDomain));
    }
    String host = hostOf(request);
    if (host.isEmpty() || own.contains(host) || local(host)) {
      return features;
    }
    Optional<DomainDirectory.Entry> entry = directory.find(host);
    return entry.isPresent() ? siteOf(entry.get()) : concat(unknownCodes, features);
  }

  private Route siteOf(DomainDirectory.Entry entry) {
    return sites.get(entry, this::site);
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

  private static Route varied(Route inner) {
    return mapResponse(response -> response.addHeader(VARY), () -> inner);
  }

  /** Addresses, {@code localhost} and single-label names: how probes and local use reach a node. */
  private static boolean local(String host) {
    return host.equals("localhost") || !host.contains(".") || ADDRESS.matcher(host).matches();
  }

  private static String hostOf(HttpRequest request) {
    String host = request.getUri().host().address();
    if (host == null || host.isEmpty()) {
      host = request.getHeader("Host").map(HttpHeader::value).orElse("");
      int colon = host.lastIndexOf(':');
      if (colon > 0 && !host.endsWith("]")) {
        host = host.substring(0, colon);
      }
    }
    return plain(host);
  }

  /** A host name as the directory keeps it: lower case, no trailing dot. */
  static String plain(String host) {
    String name = host.strip().toLowerCase(Locale.ROOT);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
