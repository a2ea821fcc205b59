package dev.smo1.http.analytics;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMultiMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Scope;
import dev.smo1.clicks.analytics.AnalyticsQuery;
import dev.smo1.clicks.analytics.AnalyticsQuery.Interval;
import dev.smo1.clicks.analytics.AnalyticsUnavailableException;
import dev.smo1.clicks.analytics.ClickReports;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.Rejections;
import dev.smo1.link.LinkReply;
import dev.smo1.link.Links;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/links/{code}/analytics} and {@code GET /api/v1/analytics}: click analytics for
 * the authenticated owner only (every query filters on the owner; a link of another owner is 404,
 * as in the link API). Parameters are validated completely before anything is asked: a bad one is
 * 400 {@code invalid_parameter} with its {@code field}, and nothing is queried. Without ClickHouse
 * configured the endpoints answer 503 {@code analytics_not_configured}; a query that overruns its
 * time limit, or a ClickHouse that cannot be reached, 503 with {@code Retry-After}.
 */
public final class AnalyticsRoutes {
  static final Set<String> PARAMETERS =
      Set.of("from", "to", "interval", "tz", "top", "bots", "workspace", "domain");
  static final int DEFAULT_TOP = 10;
  static final Duration DEFAULT_DAILY_RANGE = Duration.ofDays(7);
  static final Duration DEFAULT_HOURLY_RANGE = Duration.ofHours(24);

  /** Times outside these are refused: far beyond any click, and inside ClickHouse's DateTime. */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private static final int MAX_PARAMETER_LENGTH = 64;

  /** The owner's view of a link: {@link Links#get}. */
  @FunctionalInterface
  public interface LinkLookup {
    CompletionStage<LinkReply> get(String owner, String code);
  }

  private final LinkLookup links;
  private final String defaultDomain;
  private final Optional<? extends ClickReports> reports;
  private final Clock clock;
  private dev.smo1.accounts.workspace.PlanQuotas plans =
      dev.smo1.accounts.workspace.PlanQuotas.NONE;

  public AnalyticsRoutes(Links links, Optional<? extends ClickReports> reports, Clock clock) {
    this(links::get, links.defaultDomain(), reports, clock);
    this.byId = links::get;
  }

  /** A link on any domain ({@code ?domain=}); a test's lookup knows the default domain's only. */
  private java.util.function.BiFunction<String, dev.smo1.link.LinkId, CompletionStage<LinkReply>>
      byId;

  /** With another way to look links up, for tests. */
  public AnalyticsRoutes(
      LinkLookup links,
      String defaultDomain,
      Optional<? extends ClickReports> reports,
      Clock clock) {
    this.links = links;
    this.defaultDomain = defaultDomain;
    this.reports = reports;
    this.clock = clock;
    this.byId =
        (owner, id) ->
            id.domain().equals(defaultDomain)
                ? links.get(owner, id.code())
                : java.util.concurrent.CompletableFuture.completedFuture(
                    new LinkReply.Rejected(
                        dev.smo1.link.ErrorCode.NOT_FOUND, "no such link", null));
  }

  /**
   * Ranges reaching further back than the workspace's plan keeps analytics ({@code
   * analyticsRetentionDays}) are clamped to it, and the answer says so in {@code retention}. Set
   * while wiring, before the routes serve.
   */
  public AnalyticsRoutes withPlans(dev.smo1.accounts.workspace.PlanQuotas quotas) {
    this.plans = quotas;
    return this;
  }

  /** A range clamped to the plan's retention: {@code days} kept, the start asked for. */
  record Clamp(int days, Instant requestedFrom) {}

  /**
   * The request within the plan's retention, and the clamp when one was needed; a range that ends
   * before the retention's start is refused (400 on {@code to}, as every parameter here).
   */
  private Map.Entry<Parameters, Optional<Clamp>> withinRetention(
      Parameters request, Optional<dev.smo1.accounts.workspace.QuotaReply.Quota> quota) {
    Integer days = quota.map(found -> found.limits().analyticsRetentionDays()).orElse(null);
    if (days == null) {
      return Map.entry(request, Optional.empty());
    }
    Instant earliest = clock.instant().minus(java.time.Duration.ofDays(days));
    if (!request.from().isBefore(earliest)) {
      return Map.entry(request, Optional.empty());
    }
    if (!request.to().isAfter(earliest)) {
      throw new ApiException(
          StatusCodes.BAD_REQUEST,
          new ApiError(
              HttpErrorCodes.INVALID_PARAMETER,
              "the "
                  + quota.get().plan().plan()
                  + " plan keeps analytics for "
                  + days
                  + " days: the range must end after "
                  + earliest,
              "to"));
    }
    return Map.entry(
        new Parameters(
            earliest,
            request.to(),
            request.interval(),
            request.zone(),
            request.includeBots(),
            request.top()),
        Optional.of(new Clamp(days, request.from())));
  }

  /**
   * Within {@code /api/v1} and the owner's authentication; composed before the link routes (which
   * leave {@code links/{code}/analytics} alone, so the order is for clarity, not precedence).
   */
  public Route routes(Access access) {
    return concat(
        pathPrefix(
            "links",
            () ->
                pathPrefix(
                    segment(),
                    code ->
                        concat(
                            path("analytics", () -> linkReport(access, code)),
                            path(
                                segment("clicks").slash("live"), () -> liveClicks(access, code))))),
        path("analytics", () -> accountReport(access)));
  }

  /** Each link's clicks as they reach the click stream; empty: none on this node (no Redis). */
  private Optional<dev.smo1.clicks.live.LiveClickFeed> live = Optional.empty();

  /** Adds the live view ({@code /links/{code}/clicks/live}); set while wiring. */
  public AnalyticsRoutes withLiveClicks(Optional<dev.smo1.clicks.live.LiveClickFeed> live) {
    this.live = live;
    return this;
  }

  /** How often an idle live view gets a comment line, so proxies keep the connection. */
  static final Duration LIVE_HEARTBEAT = Duration.ofSeconds(15);

  /**
   * {@code GET /links/{code}/clicks/live}: server-sent events, {@code ready} once the view is
   * watching, then a {@code click} event per click of the link (JSON {@link
   * dev.smo1.clicks.live.LiveClick}) as it reaches the click stream; a comment every 15 s while
   * idle. 503 when this node has no click stream, or as many views as it allows.
   */
  private Route liveClicks(Access access, String code) {
    String owner = access.workspaceId();
    return endpoint(
        Endpoint.WATCH_LINK_CLICKS,
        () -> {
          Authenticator.require(access, Scope.ANALYTICS_READ);
          return parameterMultiMap(
              parameters -> {
                for (String name : parameters.keySet()) {
                  if (!Set.of("workspace", "domain").contains(name)) {
                    throw new ApiException(
                        StatusCodes.BAD_REQUEST,
                        new ApiError(
                            HttpErrorCodes.INVALID_PARAMETER,
                            "unknown query parameter '" + name + "'",
                            name));
                  }
                }
                var feed =
                    live.orElseThrow(
                        () ->
                            new ApiException(
                                StatusCodes.SERVICE_UNAVAILABLE,
                                new ApiError(
                                    HttpErrorCodes.ANALYTICS_NOT_CONFIGURED,
                                    "live clicks need the click stream (Redis), which this node"
                                        + " does not have",
                                    null)));
                String domain = domainOf(parameters);
                return onSuccess(
                    byId.apply(owner, new dev.smo1.link.LinkId(domain, code)),
                    reply ->
                        switch (reply) {
                          case LinkReply.Rejected rejected ->
                              complete(Rejections.response(rejected));
                          case LinkReply.Ok ok ->
                              feed.watch(ok.link().domain(), ok.link().code())
                                  .map(AnalyticsRoutes::events)
                                  .orElseGet(
                                      () ->
                                          complete(
                                              Json.response(
                                                  StatusCodes.SERVICE_UNAVAILABLE,
                                                  ApiError.of(
                                                      HttpErrorCodes.UNAVAILABLE,
                                                      "this node has as many live views open as"
                                                          + " it allows; try again shortly"))));
                        });
              });
        });
  }

  private static Route events(
      org.apache.pekko.stream.javadsl.Source<
              dev.smo1.clicks.live.LiveClick, org.apache.pekko.NotUsed>
          clicks) {
    var ready =
        org.apache.pekko.stream.javadsl.Source.single(
            org.apache.pekko.http.javadsl.model.sse.ServerSentEvent.create("{}", "ready"));
    var events =
        ready
            .concat(
                clicks.map(
                    click ->
                        org.apache.pekko.http.javadsl.model.sse.ServerSentEvent.create(
                            new String(Json.write(click), java.nio.charset.StandardCharsets.UTF_8),
                            "click")))
            .keepAlive(
                LIVE_HEARTBEAT, org.apache.pekko.http.javadsl.model.sse.ServerSentEvent::heartbeat);
    return org.apache.pekko.http.javadsl.server.Directives.completeOK(
        events,
        org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling.toEventStream());
  }

  /**
   * {@code /exports/clicks}: the workspace's raw clicks of a range as CSV, streamed from
   * ClickHouse; one link's with {@code code} (on {@code domain}, else the default one), else every
   * link's (on {@code domain} when named, else on every domain). The range and {@code bots} are
   * read as analytics reads them, clamped to the plan's retention ({@code SMO1-Retention-Days} says
   * so).
   */
  public Route exportRoutes(Access access) {
    return pathPrefix(
        "exports",
        () ->
            path(
                "clicks",
                () ->
                    endpoint(
                        Endpoint.EXPORT_CLICKS,
                        () -> {
                          Authenticator.require(access, Scope.ANALYTICS_READ);
                          return parameterMultiMap(
                              parameters -> exportClicks(access.workspaceId(), parameters));
                        })));
  }

  private Route exportClicks(String owner, Map<String, List<String>> parameters) {
    var rest = new java.util.HashMap<>(parameters);
    List<String> codes = rest.remove("code");
    if (codes != null && (codes.size() != 1 || codes.get(0).length() > MAX_PARAMETER_LENGTH)) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER, "code must be given once, a link's code", "code");
    }
    Parameters asked = Parameters.parse(rest, clock.instant());
    ClickReports analytics = configured();
    boolean domainNamed = parameters.containsKey("domain");
    String domain = domainOf(parameters);
    return onSuccess(
        plans.of(owner),
        quota -> {
          var within = withinRetention(asked, quota);
          Instant from = within.getKey().from().truncatedTo(ChronoUnit.SECONDS);
          Instant to = within.getKey().to().truncatedTo(ChronoUnit.SECONDS);
          boolean bots = within.getKey().includeBots();
          if (codes == null) {
            return stream(
                analytics,
                new dev.smo1.clicks.analytics.ClickExport(
                    owner,
                    domainNamed ? Optional.of(domain) : Optional.empty(),
                    Optional.empty(),
                    from,
                    to,
                    bots),
                within.getValue());
          }
          return onSuccess(
              byId.apply(owner, new dev.smo1.link.LinkId(domain, codes.get(0))),
              reply ->
                  switch (reply) {
                    case LinkReply.Ok ok ->
                        stream(
                            analytics,
                            new dev.smo1.clicks.analytics.ClickExport(
                                owner,
                                Optional.of(ok.link().domain()),
                                Optional.of(ok.link().code()),
                                from,
                                to,
                                bots),
                            within.getValue());
                    case LinkReply.Rejected rejected -> complete(Rejections.response(rejected));
                  });
        });
  }

  /** The export's CSV as it streams, or why it cannot start. */
  private static Route stream(
      ClickReports analytics, dev.smo1.clicks.analytics.ClickExport export, Optional<Clamp> clamp) {
    CompletionStage<HttpResponse> response =
        analytics
            .export(export)
            .handle(
                (stream, error) -> {
                  if (error == null) {
                    var csv =
                        HttpResponse.create()
                            .withStatus(StatusCodes.OK)
                            .withEntity(
                                org.apache.pekko.http.javadsl.model.HttpEntities.createChunked(
                                    org.apache.pekko.http.javadsl.model.ContentTypes.TEXT_CSV_UTF8,
                                    org.apache.pekko.stream.javadsl.StreamConverters
                                        .fromInputStream(() -> stream)))
                            .addHeader(
                                org.apache.pekko.http.javadsl.model.headers.CacheControl.create(
                                    org.apache.pekko.http.javadsl.model.headers.CacheDirectives
                                        .NO_STORE))
                            .addHeader(
                                org.apache.pekko.http.javadsl.model.headers.RawHeader.create(
                                    "Content-Disposition",
                                    "attachment; filename=\"clicks-"
                                        + export
                                            .code()
                                            .orElse("workspace")
                                            .replaceAll("[^A-Za-z0-9_-]", "_")
                                        + "-"
                                        + export.from().toString().substring(0, 10)
                                        + ".csv\""));
                    return clamp
                        .map(
                            found ->
                                csv.addHeader(
                                    org.apache.pekko.http.javadsl.model.headers.RawHeader.create(
                                        "SMO1-Retention-Days", Integer.toString(found.days()))))
                        .orElse(csv);
                  }
                  return failed(error);
                });
    return onSuccess(response, httpResponse -> complete(httpResponse));
  }

  /** {@code /links/{code}/analytics}. */
  private Route linkReport(Access access, String code) {
    String owner = access.workspaceId();
    return endpoint(
        Endpoint.GET_LINK_ANALYTICS,
        () -> {
          Authenticator.require(access, Scope.ANALYTICS_READ);
          return parameterMultiMap(parameters -> link(owner, code, parameters));
        });
  }

  /** {@code /analytics}: every link of the owner. */
  private Route accountReport(Access access) {
    String owner = access.workspaceId();
    return endpoint(
        Endpoint.GET_WORKSPACE_ANALYTICS,
        () -> {
          Authenticator.require(access, Scope.ANALYTICS_READ);
          return parameterMultiMap(parameters -> account(owner, parameters));
        });
  }

  private Route link(String owner, String code, Map<String, List<String>> parameters) {
    Parameters asked = Parameters.parse(parameters, clock.instant());
    ClickReports analytics = configured();
    String domain = domainOf(parameters);
    return onSuccess(
        plans.of(owner),
        quota -> {
          var within = withinRetention(asked, quota);
          Parameters request = within.getKey();
          return onSuccess(
              byId.apply(owner, new dev.smo1.link.LinkId(domain, code)),
              reply ->
                  switch (reply) {
                    case LinkReply.Ok ok ->
                        respond(
                            analytics,
                            request.query(owner, ok.link().domain(), Optional.of(ok.link().code())),
                            within.getValue());
                    case LinkReply.Rejected rejected -> complete(Rejections.response(rejected));
                  });
        });
  }

  private Route account(String owner, Map<String, List<String>> parameters) {
    Parameters asked = Parameters.parse(parameters, clock.instant());
    ClickReports analytics = configured();
    String domain = domainOf(parameters);
    return onSuccess(
        plans.of(owner),
        quota -> {
          var within = withinRetention(asked, quota);
          return respond(
              analytics, within.getKey().query(owner, domain, Optional.empty()), within.getValue());
        });
  }

  /** The domain {@code ?domain=} names (a custom domain), else the default one. */
  private String domainOf(Map<String, List<String>> parameters) {
    List<String> named = parameters.get("domain");
    if (named == null || named.isEmpty()) {
      return defaultDomain;
    }
    if (named.size() > 1) {
      throw dev.smo1.http.json.ApiException.badRequest(
          dev.smo1.http.json.HttpErrorCodes.INVALID_PARAMETER,
          "domain must be a host name",
          "domain");
    }
    return dev.smo1.http.link.DomainParameter.parse(named.getFirst());
  }

  private ClickReports configured() {
    if (reports.isEmpty()) {
      throw new ApiException(
          StatusCodes.SERVICE_UNAVAILABLE,
          ApiError.of(
              HttpErrorCodes.ANALYTICS_NOT_CONFIGURED,
              "this node has no click analytics: ClickHouse is not configured"));
    }
    return reports.get();
  }

  private static Route respond(
      ClickReports analytics, AnalyticsQuery query, Optional<Clamp> clamp) {
    CompletionStage<HttpResponse> response =
        analytics
            .report(query)
            .handle(
                (report, error) -> {
                  if (error == null) {
                    if (clamp.isEmpty()) {
                      return Json.response(StatusCodes.OK, report);
                    }
                    var body =
                        (com.fasterxml.jackson.databind.node.ObjectNode)
                            Json.MAPPER.valueToTree(report);
                    var retention = body.putObject("retention");
                    retention.put("days", clamp.get().days());
                    retention.put("requestedFrom", clamp.get().requestedFrom().toString());
                    return Json.response(StatusCodes.OK, body);
                  }
                  return failed(error);
                });
    return onSuccess(response, httpResponse -> complete(httpResponse));
  }

  /** A report or an export that failed: its answer when analytics are unavailable, else thrown. */
  private static HttpResponse failed(Throwable error) {
    return AnalyticsUnavailableException.in(error)
        .map(AnalyticsRoutes::unavailable)
        .orElseThrow(
            () ->
                error instanceof CompletionException completion
                    ? completion
                    : new CompletionException(error));
  }

  private static HttpResponse unavailable(AnalyticsUnavailableException error) {
    return switch (error.reason()) {
      case TIMEOUT ->
          retryIn(
              5,
              StatusCodes.SERVICE_UNAVAILABLE,
              ApiError.of(
                  HttpErrorCodes.ANALYTICS_TIMEOUT,
                  "the analytics query took too long; retry, or ask for a shorter range"));
      case UNAVAILABLE ->
          retryIn(
              5,
              StatusCodes.SERVICE_UNAVAILABLE,
              ApiError.of(
                  HttpErrorCodes.ANALYTICS_UNAVAILABLE,
                  "click analytics are unavailable right now; retry shortly"));
      case BUSY ->
          retryIn(
              1,
              StatusCodes.TOO_MANY_REQUESTS,
              ApiError.of(HttpErrorCodes.RATE_LIMITED, error.getMessage()));
    };
  }

  private static HttpResponse retryIn(long seconds, StatusCode status, ApiError body) {
    return Json.response(status, body).addHeader(RetryAfter.create(seconds));
  }

  /** The validated query parameters, before the link (and so the domain) is known. */
  record Parameters(
      Instant from, Instant to, Interval interval, ZoneId zone, boolean includeBots, int top) {

    AnalyticsQuery query(String owner, String domain, Optional<String> code) {
      return new AnalyticsQuery(owner, domain, code, from, to, interval, zone, includeBots, top);
    }

    static Parameters parse(Map<String, List<String>> parameters, Instant now) {
      for (var entry : parameters.entrySet()) {
        String name = entry.getKey();
        if (!PARAMETERS.contains(name)) {
          throw invalid(sanitized(name), "unknown query parameter '" + sanitized(name) + "'");
        }
        if (entry.getValue().size() != 1) {
          throw invalid(name, name + " is given more than once");
        }
        if (entry.getValue().get(0).length() > MAX_PARAMETER_LENGTH) {
          throw invalid(name, name + " is longer than " + MAX_PARAMETER_LENGTH + " characters");
        }
      }
      String tz = single(parameters, "tz").orElse("UTC");
      if (!AnalyticsQuery.isTimeZone(tz)) {
        throw invalid("tz", "tz must be an IANA time zone id such as Europe/Paris or UTC");
      }
      ZoneId zone = ZoneId.of(tz);
      Interval interval =
          single(parameters, "interval")
              .map(
                  name ->
                      Interval.ofWireName(name)
                          .orElseThrow(() -> invalid("interval", "interval must be hour or day")))
              .orElse(Interval.DAY);
      int top =
          single(parameters, "top")
              .map(
                  text -> {
                    try {
                      int value = Integer.parseInt(text);
                      if (value >= 1 && value <= AnalyticsQuery.MAX_TOP) {
                        return value;
                      }
                    } catch (NumberFormatException e) {
                      // reported below
                    }
                    throw invalid("top", "top must be 1 to " + AnalyticsQuery.MAX_TOP);
                  })
              .orElse(DEFAULT_TOP);
      boolean includeBots =
          single(parameters, "bots")
              .map(
                  value ->
                      switch (value) {
                        case "include" -> true;
                        case "exclude" -> false;
                        default -> throw invalid("bots", "bots must be include or exclude");
                      })
              .orElse(false);
      Instant to =
          single(parameters, "to")
              .map(text -> time("to", text, zone))
              .orElse(now.truncatedTo(ChronoUnit.SECONDS));
      Instant from =
          single(parameters, "from")
              .map(text -> time("from", text, zone))
              .orElseGet(
                  () ->
                      to.minus(
                          interval == Interval.HOUR ? DEFAULT_HOURLY_RANGE : DEFAULT_DAILY_RANGE));
      if (!to.isAfter(from)) {
        throw invalid("to", "to must be after from");
      }
      if (Duration.between(from, to).compareTo(interval.maxRange()) > 0) {
        throw invalid(
            "from",
            "with interval="
                + interval.wireName()
                + " the range from..to is at most "
                + interval.maxRange().toDays()
                + " days");
      }
      return new Parameters(from, to, interval, zone, includeBots, top);
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
      List<String> values = parameters.get(name);
      return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * An instant ({@code 2026-11-01T00:00:00Z}, any offset) or a date (its start in {@code zone}).
     */
    private static Instant time(String name, String text, ZoneId zone) {
      Instant at;
      try {
        at =
            text.length() == 10
                ? LocalDate.parse(text).atStartOfDay(zone).toInstant()
                : Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw invalid(
            name,
            name + " must be an ISO-8601 instant (2026-11-01T00:00:00Z) or date (2026-11-01)");
      }
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw invalid(name, name + " must be between 2000-01-01 and 2100-01-01");
      }
      return at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A parameter name echoed back: printable ASCII only, and short. */
    private static String sanitized(String name) {
      String printable = name.replaceAll("[^\\x21-\\x7E]", "?");
      return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

    private static ApiException invalid(String field, String message) {
      return ApiException.badRequest(HttpErrorCodes.INVALID_PARAMETER, message, field);
    }
  }
}
