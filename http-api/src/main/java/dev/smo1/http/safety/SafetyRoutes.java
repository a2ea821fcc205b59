package dev.smo1.http.safety;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.Caller;
import dev.smo1.http.auth.RequestOrigins;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import dev.smo1.http.link.LinkBody;
import dev.smo1.http.ratelimit.RateLimitDirectives;
import dev.smo1.http.ratelimit.RateLimits;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkView;
import dev.smo1.link.Links;
import dev.smo1.link.ShortCodes;
import dev.smo1.safety.abuse.AbuseReports;
import dev.smo1.safety.abuse.Takedowns;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Abuse reports and takedowns (decision 0034).
 *
 * <p>{@code POST /api/v1/abuse-reports}: anyone reports a short link (no login; limited per client
 * address). Under {@code /api/v1/admin}, for platform admins: {@code GET abuse-reports} (the queue,
 * oldest first), {@code POST abuse-reports/{id}/dismiss}, {@code POST
 * links/{domain}/{code}/takedown} and {@code …/restore}, and {@code GET audit} (the platform's own
 * audit entries).
 */
public final class SafetyRoutes {
  private static final int MAX_URL = 2048;
  private static final int MAX_DETAILS = 2000;
  private static final int MAX_CONTACT = 320;
  private static final int MAX_REASON = 500;
  private static final int DEFAULT_LIMIT = 50;

  private final AbuseReports reports;
  private final Takedowns takedowns;
  private final Links links;
  private final RateLimits limits;
  private final HttpSettings settings;

  public SafetyRoutes(
      AbuseReports reports,
      Takedowns takedowns,
      Links links,
      RateLimits limits,
      HttpSettings settings) {
    this.reports = reports;
    this.takedowns = takedowns;
    this.links = links;
    this.limits = limits;
    this.settings = settings;
  }

  /** A report as sent: every field but {@code details} and {@code contact} required. */
  record ReportRequest(String url, String reason, String details, String contact) {}

  /** A report as the queue shows it. */
  record ReportBody(
      UUID id,
      Instant receivedAt,
      String url,
      String domain,
      String code,
      String reason,
      String details,
      String contact,
      String status,
      Instant resolvedAt,
      String resolvedBy) {
    static ReportBody of(AbuseReports.Report report) {
      return new ReportBody(
          report.id(),
          report.receivedAt(),
          report.shortUrl(),
          report.link().domain(),
          report.link().code(),
          report.reason().wireName(),
          report.details(),
          report.contact(),
          report.status().wireName(),
          report.resolvedAt(),
          report.resolvedBy());
    }
  }

  /** What the reporter is told: the report's id and that it is queued. */
  record Received(UUID id, String status, Instant receivedAt) {}

  record TakedownRequest(String reason, UUID reportId) {}

  record RestoreRequest(String reason) {}

  record TakedownBody(LinkBody link, boolean alreadyBlocked) {}

  record RestoreBody(LinkBody link) {}

  record Page<T>(java.util.List<T> items, String nextCursor) {}

  /** The anonymous part, under {@code /api/v1}. */
  public Route publicRoutes() {
    return path(
        "abuse-reports",
        () ->
            endpoint(
                Endpoint.REPORT_ABUSE,
                () ->
                    RateLimitDirectives.clientAddress(
                        address ->
                            RequestOrigins.origin(
                                origin ->
                                    JsonBody.as(
                                        ReportRequest.class,
                                        body ->
                                            limits.abuseReport(
                                                address, () -> receive(body, origin)))))));
  }

  /** The platform admins' part, under {@code /api/v1}. */
  public Route adminRoutes(Caller caller) {
    return pathPrefix(
        "admin",
        () -> {
          Authenticator.requirePlatformAdmin(caller);
          var actor =
              new AuditLog.Actor(caller.principal().actorKind(), caller.principal().actorId());
          return RequestOrigins.origin(
              origin ->
                  concat(
                      pathPrefix(
                          "abuse-reports",
                          () ->
                              concat(
                                  pathEnd(
                                      () ->
                                          endpoint(
                                              Endpoint.LIST_ABUSE_REPORTS,
                                              () -> parameterMap(this::queue))),
                                  pathPrefix(
                                      segment(),
                                      id ->
                                          path(
                                              "dismiss",
                                              () ->
                                                  endpoint(
                                                      Endpoint.DISMISS_ABUSE_REPORT,
                                                      () -> dismiss(id, actor, origin)))))),
                      pathPrefix(
                          "links",
                          () ->
                              pathPrefix(
                                  segment(),
                                  domain ->
                                      pathPrefix(
                                          segment(),
                                          code ->
                                              concat(
                                                  path(
                                                      "takedown",
                                                      () ->
                                                          endpoint(
                                                              Endpoint.TAKE_DOWN_LINK,
                                                              () ->
                                                                  takedown(
                                                                      new LinkId(
                                                                          domain.toLowerCase(
                                                                              Locale.ROOT),
                                                                          code),
                                                                      actor,
                                                                      origin))),
                                                  path(
                                                      "restore",
                                                      () ->
                                                          endpoint(
                                                              Endpoint.RESTORE_LINK,
                                                              () ->
                                                                  restore(
                                                                      new LinkId(
                                                                          domain.toLowerCase(
                                                                              Locale.ROOT),
                                                                          code),
                                                                      actor,
                                                                      origin))))))),
                      path(
                          "audit",
                          () ->
                              endpoint(
                                  Endpoint.LIST_PLATFORM_AUDIT_LOG,
                                  () -> parameterMap(this::audit)))));
        });
  }

  private Route receive(ReportRequest body, RequestOrigin origin) {
    LinkId link = reported(body.url());
    var reason =
        AbuseReports.Reason.of(body.reason() == null ? "" : body.reason())
            .orElseThrow(
                () ->
                    unprocessable(
                        HttpErrorCodes.INVALID_REASON,
                        "reason must be one of phishing, malware, spam, illegal, other",
                        "reason"));
    String details = optional(body.details(), MAX_DETAILS, "details");
    String contact = optional(body.contact(), MAX_CONTACT, "contact");
    return onSuccess(
        reports.receive(body.url().strip(), link, reason, details, contact, origin),
        report ->
            complete(
                Json.response(
                    StatusCodes.CREATED,
                    new Received(report.id(), report.status().wireName(), report.receivedAt()))));
  }

  /**
   * The link a reported URL names: {@code https://<domain>/<code>} (or without the scheme), on the
   * default short domain or a custom one; a URL that names no link that may exist is refused, so
   * the queue holds reports of links only.
   */
  LinkId reported(String url) {
    if (url == null || url.isBlank()) {
      throw unprocessable(HttpErrorCodes.UNKNOWN_LINK, "url is required", "url");
    }
    if (url.length() > MAX_URL) {
      throw unprocessable(
          HttpErrorCodes.UNKNOWN_LINK, "url is longer than " + MAX_URL + " characters", "url");
    }
    String value = url.strip();
    URI uri;
    try {
      uri = URI.create(value.contains("://") ? value : "https://" + value);
    } catch (IllegalArgumentException e) {
      throw unprocessable(HttpErrorCodes.UNKNOWN_LINK, "url is not a URL", "url");
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getPath() == null ? "" : uri.getPath();
    String code = path.startsWith("/") ? path.substring(1) : path;
    if (host.isEmpty() || code.isEmpty() || code.contains("/") || !ShortCodes.mayExist(code)) {
      throw unprocessable(
          HttpErrorCodes.UNKNOWN_LINK, "url must be a short link: https://<domain>/<code>", "url");
    }
    for (String domain : new java.util.LinkedHashSet<>(java.util.List.of(host, ownDomain(host)))) {
      var id = new LinkId(domain, code);
      if (links.mayExist(id)) {
        return id;
      }
    }
    throw unprocessable(HttpErrorCodes.UNKNOWN_LINK, "no short link at " + value, "url");
  }

  /** The public base URL's host names the default domain's links (they may differ locally). */
  private String ownDomain(String host) {
    return host.equals(settings.publicBaseUrl().getHost()) ? links.defaultDomain() : host;
  }

  private Route queue(Map<String, String> parameters) {
    known(parameters, Set.of("status", "cursor", "limit"));
    Optional<AbuseReports.Status> status = Optional.of(AbuseReports.Status.OPEN);
    if (parameters.containsKey("status")) {
      String value = parameters.get("status");
      status =
          value.equals("all")
              ? Optional.empty()
              : Optional.of(
                  AbuseReports.Status.of(value)
                      .orElseThrow(
                          () ->
                              ApiException.badRequest(
                                  HttpErrorCodes.INVALID_PARAMETER,
                                  "status must be open, actioned, dismissed or all",
                                  "status")));
    }
    int limit = limit(parameters, AbuseReports.MAX_LIMIT);
    Optional<String> cursor = Optional.ofNullable(parameters.get("cursor"));
    if (cursor.isPresent() && !AbuseReports.validCursor(cursor.get())) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER, "cursor is not one this API issued", "cursor");
    }
    return onSuccess(
        reports.queue(status, cursor, limit),
        page ->
            complete(
                Json.response(
                    StatusCodes.OK,
                    new Page<>(
                        page.items().stream().map(ReportBody::of).toList(),
                        page.nextCursor().orElse(null)))));
  }

  private Route dismiss(String id, AuditLog.Actor actor, RequestOrigin origin) {
    UUID report = reportId(id);
    return onSuccess(
        reports.resolve(report, AbuseReports.Status.DISMISSED, actor, origin),
        found ->
            found
                .map(value -> complete(Json.response(StatusCodes.OK, ReportBody.of(value))))
                .orElseGet(() -> notFound("no abuse report " + id)));
  }

  private Route takedown(LinkId id, AuditLog.Actor actor, RequestOrigin origin) {
    return JsonBody.as(
        TakedownRequest.class,
        body -> {
          String reason = required(body.reason(), MAX_REASON, "reason");
          CompletionStage<Takedowns.Outcome> done =
              takedowns.block(id, reason, "admin:" + actor.id(), actor, origin);
          if (body.reportId() != null) {
            done =
                done.thenCompose(
                    outcome ->
                        reports
                            .resolve(body.reportId(), AbuseReports.Status.ACTIONED, actor, origin)
                            .thenApply(ignored -> outcome));
          }
          return onSuccess(
              done,
              outcome ->
                  switch (outcome) {
                    case Takedowns.Outcome.Blocked blocked ->
                        complete(
                            Json.response(
                                StatusCodes.OK,
                                new TakedownBody(body(blocked.link()), !blocked.now())));
                    case Takedowns.Outcome.NotFound ignored ->
                        notFound("no link '" + id.code() + "' on " + id.domain());
                    case Takedowns.Outcome.Unblocked ignored ->
                        throw new IllegalStateException("a takedown cannot unblock");
                  });
        });
  }

  private Route restore(LinkId id, AuditLog.Actor actor, RequestOrigin origin) {
    return JsonBody.as(
        RestoreRequest.class,
        body -> {
          String reason = required(body.reason(), MAX_REASON, "reason");
          return onSuccess(
              takedowns.unblock(id, reason, actor, "admin:" + actor.id(), origin),
              outcome ->
                  switch (outcome) {
                    case Takedowns.Outcome.Unblocked unblocked ->
                        complete(
                            Json.response(StatusCodes.OK, new RestoreBody(body(unblocked.link()))));
                    case Takedowns.Outcome.NotFound ignored ->
                        notFound("no link '" + id.code() + "' on " + id.domain());
                    case Takedowns.Outcome.Blocked ignored ->
                        throw new IllegalStateException("a restore cannot block");
                  });
        });
  }

  private Route audit(Map<String, String> parameters) {
    known(parameters, Set.of("cursor", "limit"));
    int limit = limit(parameters, AuditLog.MAX_LIMIT);
    Optional<String> cursor = Optional.ofNullable(parameters.get("cursor"));
    if (cursor.isPresent() && !AuditLog.validCursor(cursor.get())) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER, "cursor is not one this API issued", "cursor");
    }
    return onSuccess(
        takedowns.auditPage(cursor, limit),
        page ->
            complete(
                Json.response(
                    StatusCodes.OK, new Page<>(page.items(), page.nextCursor().orElse(null)))));
  }

  private LinkBody body(LinkView link) {
    String shortUrl =
        link.domain().equals(links.defaultDomain())
            ? settings.shortUrl(link.code())
            : settings.on(link.domain()).shortUrl(link.code());
    return LinkBody.of(link, shortUrl);
  }

  private static UUID reportId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          StatusCodes.NOT_FOUND, ApiError.of(HttpErrorCodes.NOT_FOUND, "no abuse report " + id));
    }
  }

  private static Route notFound(String message) {
    return complete(
        Json.response(StatusCodes.NOT_FOUND, ApiError.of(HttpErrorCodes.NOT_FOUND, message)));
  }

  private static void known(Map<String, String> parameters, Set<String> names) {
    for (String name : parameters.keySet()) {
      if (!names.contains(name)) {
        throw ApiException.badRequest(
            HttpErrorCodes.INVALID_PARAMETER, "unknown query parameter '" + name + "'", name);
      }
    }
  }

  private static int limit(Map<String, String> parameters, int max) {
    if (!parameters.containsKey("limit")) {
      return Math.min(DEFAULT_LIMIT, max);
    }
    int limit;
    try {
      limit = Integer.parseInt(parameters.get("limit"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > max) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER, "limit must be 1 to " + max, "limit");
    }
    return limit;
  }

  private static String required(String value, int max, String field) {
    if (value == null || value.isBlank()) {
      throw unprocessable(HttpErrorCodes.INVALID_REASON, field + " is required", field);
    }
    return optional(value, max, field);
  }

  private static String optional(String value, int max, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > max) {
      throw unprocessable(
          field.equals("reason") ? HttpErrorCodes.INVALID_REASON : HttpErrorCodes.INVALID_DETAILS,
          field + " is longer than " + max + " characters",
          field);
    }
    if (stripped.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
      throw unprocessable(
          field.equals("reason") ? HttpErrorCodes.INVALID_REASON : HttpErrorCodes.INVALID_DETAILS,
          field + " contains control characters",
          field);
    }
    return stripped;
  }

  private static ApiException unprocessable(String code, String message, String field) {
    return new ApiException(StatusCodes.UNPROCESSABLE_CONTENT, new ApiError(code, message, field));
  }
}
