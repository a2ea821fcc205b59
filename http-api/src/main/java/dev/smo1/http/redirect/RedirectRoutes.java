package dev.smo1.http.redirect;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.reject;
import static org.apache.pekko.http.javadsl.server.Directives.withExecutionContext;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.clicks.OriginClicks;
import dev.smo1.http.client.Client;
import dev.smo1.http.client.ClientAddresses;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.metrics.HttpMetrics;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.PreviewPage;
import dev.smo1.link.Resolution;
import dev.smo1.link.ScanMarker;
import dev.smo1.link.ShortCodes;
import dev.smo1.link.TargetUrls;
import dev.smo1.link.UtmMerge;
import dev.smo1.link.rules.LinkRouting;
import dev.smo1.link.rules.Routed;
import dev.smo1.link.rules.Visit;
import dev.smo1.link.rules.VisitorAgents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.dispatch.ExecutionContexts;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.Cookie;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContextExecutor;

/**
 * {@code GET|HEAD /{code}}: the origin redirect. Permanent redirects (301, 308) may be cached for
 * {@code smo1.http.permanent-redirect-max-age}; temporary ones (302, 307) and every error are
 * {@code no-store}, so a change of target or status is seen at once. The path is asynchronous end
 * to end ({@link RedirectCache}: memory, Redis, then the entity), with no blocking call.
 *
 * <p>The {@code Location} is the stored target as {@link Resolution.Redirect#location} sends it:
 * plain ASCII as the URL standard serialises it, byte for byte what the edge Worker sends (so it
 * goes out as a raw header: Pekko's {@code Location} model would re-encode it). A target stored
 * before targets were normalised is normalised here; one no redirect can carry (an invalid percent
 * escape) answers 502 {@code target_unavailable}, logged once per link, never a 500.
 *
 * <p>A redirect's rendering (its location, its HTML response) is made once per answer the resolver
 * hands out and reused (responses are immutable): the resolver's cache returns the same {@link
 * Resolution.Redirect} instance on every hit, and the renderings are held by weak identity keys, so
 * they live exactly as long as the resolver keeps that answer.
 */
public final class RedirectRoutes {
  private final LinkResolver links;
  private final HttpSettings settings;
  private static final Logger log = LoggerFactory.getLogger(RedirectRoutes.class);

  private final Cache<Resolution.Redirect, Rendering> rendered =
      Caffeine.newBuilder().weakKeys().build();

  /** Links whose target could not be sent, by code and target: each is logged once. */
  private final Cache<String, Boolean> reported = Caffeine.newBuilder().maximumSize(10_000).build();

  /** What a {@link Resolution.Redirect} renders to, whatever the request's query. */
  private sealed interface Rendering {
    /** {@code html}: the response of a request without a query to forward and HTML accepted. */
    record Sendable(String location, HttpResponse html) implements Rendering {}

    record Unsendable() implements Rendering {}
  }

  private final Optional<OriginClicks> clicks;

  /** Runs a continuation on the thread that completed the future (for trivial ones only). */
  private static final ExecutionContextExecutor ON_CALLING_THREAD =
      ExecutionContexts.fromExecutor(Runnable::run);

  private final HttpMetrics metrics;
  private final UnknownCodes unknownCodes;
  private final PasswordGate gate;
  private final Clock clock;

  /**
   * The cookie that keeps a visitor on the variant of a link's A/B test: the variant's index,
   * scoped to the link's path, so each link has its own.
   */
  static final String VARIANT_COOKIE = "smo1_variant";

  static final Duration VARIANT_COOKIE_AGE = Duration.ofDays(30);

  public RedirectRoutes(
      LinkResolver links,
      HttpSettings settings,
      Optional<OriginClicks> clicks,
      HttpMetrics metrics) {
    this(links, settings, clicks, metrics, UnknownCodes.NONE);
  }

  public RedirectRoutes(
      LinkResolver links,
      HttpSettings settings,
      Optional<OriginClicks> clicks,
      HttpMetrics metrics,
      UnknownCodes unknownCodes) {
    this(links, settings, clicks, metrics, unknownCodes, Clock.systemUTC());
  }

  public RedirectRoutes(
      LinkResolver links,
      HttpSettings settings,
      Optional<OriginClicks> clicks,
      HttpMetrics metrics,
      UnknownCodes unknownCodes,
      Clock clock) {
    this(links, settings, clicks, metrics, unknownCodes, clock, null);
  }

  /**
   * @param gate password-protected links' page, form and access cookies; null: such links answer
   *     503 and their form cannot be used
   */
  public RedirectRoutes(
      LinkResolver links,
      HttpSettings settings,
      Optional<OriginClicks> clicks,
      HttpMetrics metrics,
      UnknownCodes unknownCodes,
      Clock clock,
      PasswordGate gate) {
    this.gate = gate;
    this.links = links;
    this.settings = settings;
    this.clicks = clicks;
    this.metrics = metrics;
    this.unknownCodes = unknownCodes;
    this.clock = clock;
    this.fallbacks = DomainFallbacks.NONE;
    this.notFoundHtml = null;
    this.notFoundJson = null;
  }

  private RedirectRoutes(
      RedirectRoutes defaults, String domain, DomainFallbacks fallbacks, LinkResolver links) {
    this.gate = defaults.gate == null ? null : defaults.gate.on(domain);
    this.links = links;
    this.settings = defaults.settings.on(domain);
    this.clicks = defaults.clicks.map(origin -> origin.on(domain));
    this.metrics = defaults.metrics;
    this.unknownCodes = defaults.unknownCodes;
    this.clock = defaults.clock;
    this.fallbacks = fallbacks;
    this.notFoundHtml =
        fallbacks.notFoundUrl() == null ? null : fallback(fallbacks.notFoundUrl(), false);
    this.notFoundJson =
        fallbacks.notFoundUrl() == null ? null : fallback(fallbacks.notFoundUrl(), true);
  }

  /** A custom domain's redirect of unknown codes to its not-found URL (null: none). */
  private final HttpResponse notFoundHtml;

  private final HttpResponse notFoundJson;

  /**
   * The redirect path of a custom domain (decision 0028): its own codes, its clicks, its password
   * cookies, and where its unknown codes and gone links send visitors.
   */
  public RedirectRoutes on(String domain, DomainFallbacks fallbacks) {
    return new RedirectRoutes(this, domain, fallbacks, links.on(domain));
  }

  /** The redirect path of a custom domain removed (or pending again): every link answers 410. */
  public RedirectRoutes disabledOn(String domain) {
    Resolution disabled = new Resolution.Gone(LinkStatus.DISABLED);
    return new RedirectRoutes(
        this,
        domain,
        DomainFallbacks.NONE,
        code -> java.util.concurrent.CompletableFuture.completedFuture(disabled));
  }

  /**
   * A custom domain's whole site: its bare name ({@code GET|HEAD /}: a {@code no-store} 302 to
   * {@code rootUrl}, or the 404 page), its links, and the 404 page for any other path (no pages, no
   * API: those are SMO1's domains').
   */
  public Route site(String rootUrl) {
    return concat(
        org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash(
            () ->
                sitePage(
                    json ->
                        rootUrl == null
                            ? json ? NOT_FOUND_JSON : NOT_FOUND_HTML
                            : fallback(rootUrl, json))),
        routes(),
        // the API's paths answer as the API does (JSON), every other path as the browser asks
        sitePage(json -> json ? NOT_FOUND_JSON : NOT_FOUND_HTML));
  }

  /**
   * The not-found page for a host that is no domain holding links (a custom domain pending, say):
   * as the redirect path's, but kept by no one (the domain may hold links a minute later).
   */
  static HttpResponse unknownHostPage(boolean json) {
    return (json ? NOT_FOUND_JSON : NOT_FOUND_HTML)
        .removeHeader("Cache-Control")
        .removeHeader("Vary")
        .addHeader(CacheControl.create(CacheDirectives.NO_STORE));
  }

  /**
   * A custom domain's own page (its root, its 404): no part of the API's route table, like the web
   * apps' pages.
   */
  private static Route sitePage(java.util.function.Function<Boolean, HttpResponse> page) {
    return extractRequest(
        request -> {
          dev.smo1.http.endpoint.Endpoints.webPage(request);
          boolean api = request.getUri().path().startsWith("/api/");
          boolean json = api || wantsJson(request.getHeader("Accept").map(HttpHeader::value));
          return complete(page.apply(json));
        });
  }

  /**
   * Where a custom domain sends visitors of a code it has no link for, and of its links that are
   * gone without a fallback of their own (expired, used up, disabled); null: SMO1's pages.
   */
  public record DomainFallbacks(String notFoundUrl, String expiredUrl) {
    public static final DomainFallbacks NONE = new DomainFallbacks(null, null);
  }

  private final DomainFallbacks fallbacks;

  /**
   * One-segment paths other routes serve (never link codes: they are reserved words). Only these:
   * the other reserved words ({@code /api}, …) still get the redirect path's no-store 404.
   */
  private static final Set<String> OTHER_ROUTES = Set.of("healthz", "readyz");

  public Route routes() {
    return path(
        segment(),
        code ->
            OTHER_ROUTES.contains(code)
                ? reject()
                : optionalHeaderValueByName(
                    "Accept",
                    accept ->
                        extractRequest(
                            request -> {
                              // the QR code's scan marker is the link's own: no one else sees it
                              ScanMarker.Marked marked =
                                  ScanMarker.of(request.getUri().rawQueryString().orElse(""));
                              String rawQuery = marked.query();
                              boolean json = wantsJson(accept);
                              // built only for the method that matched: one resolve each
                              Supplier<Route> redirect =
                                  () ->
                                      onSuccess(
                                          links.resolve(code),
                                          resolution ->
                                              answer(
                                                  request,
                                                  render(
                                                      code, resolution, request, json, rawQuery)));
                              Supplier<Route> visit =
                                  () ->
                                      onSuccess(
                                          visitOf(code, request),
                                          resolution ->
                                              clicks.isEmpty()
                                                  ? answer(
                                                      request,
                                                      render(
                                                          code,
                                                          resolution,
                                                          request,
                                                          json,
                                                          rawQuery))
                                                  : counted(
                                                      code, request, marked, json, resolution));
                              Supplier<Route> unlock =
                                  () ->
                                      onSuccess(
                                          links.resolve(code),
                                          resolution -> unlock(code, request, resolution, json));
                              return concat(
                                  endpoint(Endpoint.FOLLOW_LINK, request, visit),
                                  endpoint(Endpoint.FOLLOW_LINK_HEAD, request, redirect),
                                  // only what may be a code: other POSTs (robots.txt) stay 405
                                  ShortCodes.mayExist(code)
                                      ? endpoint(Endpoint.UNLOCK_LINK, request, unlock)
                                      : reject());
                            })));
  }

  /**
   * {@code POST /{code}}: a protected link's password form ({@link PasswordGate}); for any other
   * link, back to it (303), or what it answers (404, 410).
   */
  private Route unlock(String code, HttpRequest request, Resolution resolution, boolean json) {
    String rawQuery = request.getUri().rawQueryString().orElse("");
    Supplier<Route> notProtected =
        () ->
            resolution instanceof Resolution.Redirect
                ? complete(
                    HttpResponse.create()
                        .withStatus(StatusCodes.SEE_OTHER)
                        .addHeader(RawHeader.create("Location", "/" + code))
                        .addHeader(CacheControl.create(CacheDirectives.NO_STORE)))
                : answer(request, render(code, resolution, request, json, rawQuery));
    if (gate == null) {
      return resolution instanceof Resolution.Redirect redirect
              && redirect.options().protectedByPassword()
          ? complete(protectedUnavailable(json))
          : notProtected.get();
    }
    return gate.unlock(request, code, resolution, json, rawQuery, notProtected);
  }

  private static HttpResponse protectedUnavailable(boolean json) {
    return failure(
        StatusCodes.SERVICE_UNAVAILABLE,
        HttpErrorCodes.UNAVAILABLE,
        "Protected links cannot be opened on this server.",
        json);
  }

  /** A HEAD, or a bot: on a link with max visits, neither uses up a visit (nor gets its target). */
  private static boolean uncounted(HttpRequest request) {
    return request.method().equals(HttpMethods.HEAD) || agentOf(request).isBot();
  }

  /**
   * What a request that uses up no visit gets of a link with max visits: never the target (every
   * redirect to it is counted, so exactly {@code maxVisits} ever reach it), but the link's preview
   * page or a plain page, linking to the short link itself.
   */
  private HttpResponse notCounted(String code, Resolution.Redirect redirect) {
    metrics.originRedirect(HttpMetrics.RedirectResult.PREVIEW);
    LinkOptions.Preview preview = redirect.options().preview();
    String shortUrl = settings.shortUrl(code);
    return visitorPage(
        PreviewPage.html(
            preview != null
                ? preview
                : new LinkOptions.Preview(
                    "A short link", "Open it in a browser to follow it.", null),
            shortUrl));
  }

  /** A page for this visitor alone (a preview): 200, never kept, never indexed. */
  private static HttpResponse visitorPage(String html) {
    return HttpResponse.create()
        .withStatus(StatusCodes.OK)
        .addHeader(CacheControl.create(CacheDirectives.NO_STORE))
        .addHeader(RawHeader.create("X-Robots-Tag", "noindex"))
        .addHeaders(PAGE_HEADERS)
        .withEntity(ContentTypes.TEXT_HTML_UTF8, html);
  }

  /** Whether {@code redirect} is a protected link this visitor has not given the password of. */
  private boolean locked(HttpRequest request, String code, Resolution.Redirect redirect) {
    LinkOptions.Password password = redirect.options().password();
    return password != null && (gate == null || !gate.admitted(request, code, password));
  }

  /**
   * Where a GET goes: a visitor (not a bot) of a link whose visits are counted asks the link
   * itself, which counts the visit; everyone else gets the resolver's answer (bots never use up a
   * visit).
   */
  private java.util.concurrent.CompletionStage<Resolution> visitOf(
      String code, HttpRequest request) {
    return links
        .resolve(code)
        .thenCompose(
            resolution ->
                resolution instanceof Resolution.Redirect redirect
                        && redirect.options().limited()
                        && !agentOf(request).isBot()
                        && !locked(request, code, redirect)
                    ? links.visit(code)
                    : java.util.concurrent.CompletableFuture.completedStage(resolution));
  }

  /**
   * A GET that redirects to the link's target, or gets a bot its preview page, is a visit: its
   * click is made durable before the answer goes out (a bot's is flagged by its user agent).
   */
  private Route counted(
      String code,
      HttpRequest request,
      ScanMarker.Marked marked,
      boolean json,
      Resolution resolution) {
    String rawQuery = marked.query();
    var taken = new AtomicReference<Routed>();
    HttpResponse response = render(code, resolution, request, json, rawQuery, taken::set);
    boolean visited =
        resolution instanceof Resolution.Redirect redirect
            && !locked(request, code, redirect)
            && (response.status().isRedirection() || response.status().intValue() == 200);
    if (!visited) {
      return answer(request, response);
    }
    // the buffer's answer arrives on Redis's I/O thread: completing there (a prepared response,
    // nothing blocking) spares a hop through the dispatcher before the connection's own
    return withExecutionContext(
        ON_CALLING_THREAD,
        () ->
            onSuccess(
                clicks
                    .get()
                    .record(
                        code,
                        request,
                        rawQuery,
                        marked.trigger().wireName(),
                        position(taken.get() == null ? null : taken.get().rule()),
                        position(taken.get() == null ? null : taken.get().variant())),
                recorded -> complete(response)));
  }

  /** A rule's or variant's index from 0 as a click's position from 1; 0 for none. */
  private static int position(OptionalInt index) {
    return index == null || index.isEmpty() ? 0 : index.getAsInt() + 1;
  }

  /**
   * A 404 goes through {@link UnknownCodes} (which may make it a 429); so does a custom domain's
   * redirect of an unknown code to its not-found URL (scans are limited alike); anything else as it
   * is.
   */
  private Route answer(HttpRequest request, HttpResponse response) {
    if (response == notFoundHtml || response == notFoundJson) {
      return onSuccess(
          unknownCodes.answer(request, NOT_FOUND_HTML),
          limited -> complete(limited.status().intValue() == 404 ? response : limited));
    }
    if (response.status().intValue() != 404) {
      return complete(response);
    }
    return onSuccess(unknownCodes.answer(request, response), answered -> complete(answered));
  }

  private HttpResponse render(
      String code, Resolution resolution, HttpRequest request, boolean json, String rawQuery) {
    return render(code, resolution, request, json, rawQuery, routed -> {});
  }

  /** As above; {@code taken} hears where a link with rules or variants sent this visitor. */
  private HttpResponse render(
      String code,
      Resolution resolution,
      HttpRequest request,
      boolean json,
      String rawQuery,
      Consumer<Routed> taken) {
    return switch (resolution) {
      case Resolution.Redirect redirect when locked(request, code, redirect) -> {
        metrics.originRedirect(HttpMetrics.RedirectResult.PASSWORD);
        yield gate == null ? protectedUnavailable(json) : gate.page(json);
      }
      case Resolution.Redirect redirect when redirect.options().limited() && uncounted(request) ->
          notCounted(code, redirect);
      case Resolution.Redirect redirect
          when redirect.options().preview() != null && agentOf(request).preview() ->
          preview(code, redirect, redirect.options().preview(), rawQuery, json);
      case Resolution.Redirect redirect when redirect.personal() ->
          routed(code, redirect, request, json, rawQuery, taken);
      case Resolution.Redirect redirect ->
          switch (rendered.get(redirect, r -> rendering(code, r))) {
            case Rendering.Unsendable ignored -> targetUnavailable(json);
            case Rendering.Sendable sendable -> {
              metrics.originRedirect(HttpMetrics.RedirectResult.REDIRECT);
              yield redirect.forwardQuery() && !rawQuery.isEmpty()
                  ? redirect(redirect, redirect.withQuery(sendable.location(), rawQuery), json)
                  : json ? redirect(redirect, sendable.location(), true) : sendable.html();
            }
          };
      case Resolution.Gone gone when gone.status() == LinkStatus.BLOCKED -> {
        // taken down by the platform: no fallback of the link's or its domain's (decision 0034)
        metrics.originRedirect(HttpMetrics.RedirectResult.GONE);
        yield failure(
            StatusCodes.UNAVAILABLE_FOR_LEGAL_REASONS,
            goneCode(gone.status()),
            goneText(gone.status()),
            json);
      }
      case Resolution.Gone gone
          when gone.fallback() == null
              && fallbacks.expiredUrl() != null
              && gone.status() != LinkStatus.DELETED -> {
        metrics.originRedirect(HttpMetrics.RedirectResult.FALLBACK);
        yield fallback(fallbacks.expiredUrl(), json);
      }
      case Resolution.Gone gone when gone.fallback() != null -> {
        metrics.originRedirect(HttpMetrics.RedirectResult.FALLBACK);
        yield fallback(gone.fallback(), json);
      }
      case Resolution.Gone gone -> {
        metrics.originRedirect(HttpMetrics.RedirectResult.GONE);
        yield failure(StatusCodes.GONE, goneCode(gone.status()), goneText(gone.status()), json);
      }
      case Resolution.NotFound ignored when notFoundHtml != null -> {
        metrics.originRedirect(HttpMetrics.RedirectResult.NOT_FOUND);
        yield json ? notFoundJson : notFoundHtml;
      }
      case Resolution.NotFound ignored -> {
        metrics.originRedirect(HttpMetrics.RedirectResult.NOT_FOUND);
        // the answer to every scan: built once (responses are immutable)
        yield json ? NOT_FOUND_JSON : NOT_FOUND_HTML;
      }
    };
  }

  /**
   * A link with targeting rules or an A/B test: where this visitor goes ({@link LinkRouting}), as
   * an answer no one may store (the next visitor may go elsewhere), with the variant cookie when a
   * variant was picked now.
   */
  private HttpResponse routed(
      String code,
      Resolution.Redirect redirect,
      HttpRequest request,
      boolean json,
      String rawQuery,
      Consumer<Routed> taken) {
    Routed routed =
        LinkRouting.route(
            redirect.target(),
            redirect.routing(),
            visit(request, rawQuery),
            ThreadLocalRandom.current().nextDouble());
    taken.accept(routed);
    Resolution.Redirect chosen = redirect.routedTo(routed.target());
    return switch (rendering(code, chosen)) {
      case Rendering.Unsendable ignored -> targetUnavailable(json);
      case Rendering.Sendable sendable -> {
        metrics.originRedirect(HttpMetrics.RedirectResult.REDIRECT);
        HttpResponse response =
            personal(chosen, chosen.withQuery(sendable.location(), rawQuery), json);
        yield routed.setVariantCookie() && routed.variant().isPresent()
            ? response.addHeader(variantCookie(code, routed.variant().getAsInt()))
            : response;
      }
    };
  }

  /**
   * A link-preview bot's page for a link with a preview ({@link PreviewPage}, the edge's too),
   * linking to where the link's target goes; for it alone, never indexed or kept.
   */
  private HttpResponse preview(
      String code,
      Resolution.Redirect redirect,
      LinkOptions.Preview preview,
      String rawQuery,
      boolean json) {
    return switch (rendered.get(redirect, r -> rendering(code, r))) {
      case Rendering.Unsendable ignored -> targetUnavailable(json);
      case Rendering.Sendable sendable -> {
        metrics.originRedirect(HttpMetrics.RedirectResult.PREVIEW);
        yield visitorPage(
            PreviewPage.html(preview, redirect.withQuery(sendable.location(), rawQuery)));
      }
    };
  }

  /**
   * A link gone (expired, exhausted or disabled) with a fallback URL: its visitors go there, with a
   * redirect no one keeps (the link may come back any moment).
   */
  private HttpResponse fallback(String location, boolean json) {
    return personal(
        new Resolution.Redirect(location, dev.smo1.link.RedirectType.FOUND, null), location, json);
  }

  /** The 502 of a link whose stored target no redirect can carry (logged once by rendering). */
  private HttpResponse targetUnavailable(boolean json) {
    metrics.originRedirect(HttpMetrics.RedirectResult.UNAVAILABLE);
    return failure(
        StatusCodes.BAD_GATEWAY,
        HttpErrorCodes.TARGET_UNAVAILABLE,
        "This short link's target cannot be used for a redirect.",
        json);
  }

  private static VisitorAgents.AgentClass agentOf(HttpRequest request) {
    return VisitorAgents.shared().classify(header(request, "User-Agent"));
  }

  /** What a rule can ask of this request ({@link Visit}). */
  private Visit visit(HttpRequest request, String rawQuery) {
    VisitorAgents.AgentClass agent = agentOf(request);
    return new Visit(
        agent.device(),
        agent.os(),
        agent.browser(),
        ClientAddresses.of(request).flatMap(Client::country),
        header(request, "Accept-Language"),
        rawQuery,
        header(request, "Referer"),
        clock.instant(),
        request.getHeader(Cookie.class).flatMap(RedirectRoutes::variantOf));
  }

  private static Optional<String> header(HttpRequest request, String name) {
    return request.getHeader(name).map(HttpHeader::value);
  }

  private static Optional<String> variantOf(Cookie cookies) {
    for (var cookie : cookies.getCookies()) {
      if (cookie.name().equals(VARIANT_COOKIE)) {
        return Optional.of(cookie.value());
      }
    }
    return Optional.empty();
  }

  private HttpHeader variantCookie(String code, int variant) {
    boolean secure = "https".equals(settings.publicBaseUrl().getScheme());
    return RawHeader.create(
        "Set-Cookie",
        VARIANT_COOKIE
            + "="
            + variant
            + "; Path=/"
            + code
            + "; Max-Age="
            + VARIANT_COOKIE_AGE.toSeconds()
            + "; HttpOnly; SameSite=Lax"
            + (secure ? "; Secure" : ""));
  }

  /** A redirect for this visitor alone: never stored by a browser or a cache. */
  private HttpResponse personal(Resolution.Redirect redirect, String location, boolean json) {
    HttpResponse response = redirect(redirect, location, json);
    return response
        .removeHeader("Cache-Control")
        .removeHeader("Vary")
        .addHeader(CacheControl.create(CacheDirectives.NO_STORE));
  }

  private Rendering rendering(String code, Resolution.Redirect redirect) {
    return switch (TargetUrls.location(redirect.target())) {
      case TargetUrls.Outgoing.Sendable sendable -> {
        String location = UtmMerge.merge(sendable.location(), redirect.options().utm());
        yield new Rendering.Sendable(location, redirect(redirect, location, false));
      }
      case TargetUrls.Outgoing.Unsendable unsendable -> {
        if (reported.asMap().putIfAbsent(code + " " + redirect.target(), true) == null) {
          log.warn(
              "redirect target cannot be sent, answering 502 code={} reason=\"{}\"",
              code,
              unsendable.violation().message());
        }
        yield new Rendering.Unsendable();
      }
    };
  }

  private HttpResponse redirect(Resolution.Redirect redirect, String location, boolean json) {
    var status = StatusCodes.get(redirect.redirectType().status());
    var cacheControl =
        redirect.redirectType().permanent()
            ? CacheControl.create(
                CacheDirectives.PUBLIC,
                CacheDirectives.MAX_AGE(settings.permanentMaxAge().toSeconds()))
            : CacheControl.create(CacheDirectives.NO_STORE);
    var body =
        json
            ? Json.write(
                Map.of("target", location, "redirectType", redirect.redirectType().status()))
            : html(
                "Redirecting",
                "Redirecting to <a href=\"" + escape(location) + "\">" + escape(location) + "</a>");
    var headers = new ArrayList<HttpHeader>(6);
    headers.add(RawHeader.create("Location", location));
    headers.add(cacheControl);
    if (redirect.redirectType().permanent()) {
      // a cache may keep it, and the same URL answers HTML or JSON by Accept
      headers.add(VARY_ACCEPT);
    }
    headers.addAll(PAGE_HEADERS);
    return HttpResponse.create()
        .withStatus(status)
        .addHeaders(headers)
        .withEntity(json ? ContentTypes.APPLICATION_JSON : ContentTypes.TEXT_HTML_UTF8, body);
  }

  private static final HttpHeader VARY_ACCEPT = RawHeader.create("Vary", "Accept");

  /**
   * On every answer of the redirect path: the small pages it renders load nothing, run nothing and
   * may not be framed; no answer is sniffed as another type. No Referrer-Policy: the visitor's
   * referrer reaches the target as the browser decides.
   */
  static final List<HttpHeader> PAGE_HEADERS =
      List.of(
          RawHeader.create(
              "Content-Security-Policy",
              "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
          RawHeader.create("X-Content-Type-Options", "nosniff"));

  private static final HttpResponse NOT_FOUND_HTML =
      failure(StatusCodes.NOT_FOUND, "not_found", "This short link does not exist.", false);
  private static final HttpResponse NOT_FOUND_JSON =
      failure(StatusCodes.NOT_FOUND, "not_found", "This short link does not exist.", true);

  private static HttpResponse failure(StatusCode status, String code, String text, boolean json) {
    var body =
        json
            ? Json.write(ApiError.of(code, text))
            : html(
                switch (status.intValue()) {
                  case 404 -> "Link not found";
                  case 502 -> "Link unavailable";
                  case 451 -> "Link disabled for abuse";
                  default -> "Link gone";
                },
                escape(text));
    return HttpResponse.create()
        .withStatus(status)
        .addHeader(CacheControl.create(CacheDirectives.NO_STORE))
        .addHeader(RawHeader.create("X-Robots-Tag", "noindex"))
        .addHeaders(PAGE_HEADERS)
        .withEntity(json ? ContentTypes.APPLICATION_JSON : ContentTypes.TEXT_HTML_UTF8, body);
  }

  private static String goneCode(LinkStatus status) {
    return "link_" + status.wireName();
  }

  private static String goneText(LinkStatus status) {
    return switch (status) {
      case DISABLED -> "This short link has been disabled by its owner.";
      case EXPIRED -> "This short link has expired.";
      case EXHAUSTED -> "This short link has been used as many times as its owner allowed.";
      case DELETED -> "This short link has been deleted.";
      case BLOCKED ->
          "This short link has been disabled for abuse: it was reported or found to lead to"
              + " phishing, malware or other harmful content.";
      case ACTIVE -> "This short link is not available.";
    };
  }

  /** JSON only when the client asks for it and does not also accept HTML (browsers do). */
  static boolean wantsJson(Optional<String> accept) {
    return accept
        .map(value -> value.contains("application/json") && !value.contains("text/html"))
        .orElse(false);
  }

  private static byte[] html(String title, String paragraph) {
    return page(title, "<p>" + paragraph + "</p>");
  }

  /**
   * The page every answer of the redirect path renders (the edge Worker's too: {@code
   * edge-redirect/src/pages.ts}): a language, a viewport, a main landmark and a heading, so a
   * visitor's screen reader and phone read it properly; {@code body} after the heading.
   */
  static byte[] page(String title, String body) {
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
            + title
            + "</title></head><body><main><h1>"
            + title
            + "</h1>"
            + body
            + "</main></body></html>\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Text for HTML content and quoted attributes ({@link PreviewPage#escape}). */
  static String escape(String text) {
    return PreviewPage.escape(text);
  }
}
