package dev.smo1.http.clicks;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickSink;
import dev.smo1.clicks.visitor.VisitorSalt;
import dev.smo1.clicks.visitor.VisitorSalts;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import dev.smo1.http.metrics.HttpMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The edge Worker's calls to the origin, signed alike ({@link ClickSignature}).
 *
 * <p>{@code POST /internal/clicks}: click batches from the edge. Checked before the body is read:
 * the node takes clicks (else 503 {@code clicks_not_configured}), the signature headers are there,
 * well formed and within the time window (else 401 {@code invalid_signature}), and a declared
 * length is within {@link #MAX_BODY_BYTES} (else 413; a body without a length is cut off there).
 * Then the signature is checked over the raw body before anything is parsed (401); the batch is
 * read strictly (400 {@code invalid_click_batch}, a click time out of range included); the answer
 * is 202 only once every click is durable in the click buffer (clicks it already holds, by id, are
 * counted as duplicates and not stored again), else 503 and the edge sends the batch again.
 *
 * <p>{@code POST /internal/visitor-salt} {@code {"day":"YYYY-MM-DD"}}: the day's visitor salt, for
 * a Worker that did not find it in Workers KV (published there ahead of each day; decision 0021),
 * so its clicks' pseudonyms are still the origin's. Signed like a batch (401 otherwise); only for
 * yesterday, today and tomorrow by the node's clock, while the salt lives (400 {@code
 * invalid_parameter} otherwise); made if no node has made it yet; 503 while Redis fails.
 */
public final class ClickRoutes {
  /**
   * What the edge Worker sends at most: it closes a batch before it would exceed this many bytes
   * ({@code MAX_BATCH_BYTES} in {@code edge-redirect/src/clicks.ts}).
   */
  public static final long MAX_BODY_BYTES = 512L * 1024;

  /** A salt request's body is {@code {"day":"YYYY-MM-DD"}}: a few bytes. */
  static final long MAX_SALT_BODY_BYTES = 1024;

  private final Optional<ClickSignature> signature;
  private final Optional<ClickSink> sink;
  private final Optional<VisitorSalts> salts;
  private final Clock clock;

  private final HttpMetrics metrics;

  public ClickRoutes(
      Optional<ClickSignature> signature,
      Optional<ClickSink> sink,
      Clock clock,
      HttpMetrics metrics) {
    this(signature, sink, Optional.empty(), clock, metrics);
  }

  public ClickRoutes(
      Optional<ClickSignature> signature,
      Optional<ClickSink> sink,
      Optional<VisitorSalts> salts,
      Clock clock,
      HttpMetrics metrics) {
    this.signature = signature;
    this.sink = sink;
    this.salts = salts;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Route routes() {
    return pathPrefix(
        "internal",
        () ->
            concat(
                path(
                    "clicks",
                    () ->
                        endpoint(
                            Endpoint.INGEST_CLICKS,
                            () -> signed(sink.isPresent(), MAX_BODY_BYTES, this::accept))),
                path(
                    "visitor-salt",
                    () ->
                        endpoint(
                            Endpoint.FETCH_VISITOR_SALT,
                            () -> signed(salts.isPresent(), MAX_SALT_BODY_BYTES, this::salt)))));
  }

  /** What a signed call does with its body once the headers passed. */
  @FunctionalInterface
  private interface SignedBody {
    Route apply(Optional<String> timestamp, Optional<String> signed, byte[] body);
  }

  /** The signature's headers checked before the body (at most {@code maxBytes}) is read. */
  private Route signed(boolean served, long maxBytes, SignedBody inner) {
    return optionalHeaderValueByName(
        ClickSignature.TIMESTAMP_HEADER,
        timestamp ->
            optionalHeaderValueByName(
                ClickSignature.SIGNATURE_HEADER,
                signed -> {
                  checkBeforeReading(served, timestamp, signed);
                  return JsonBody.bytes(maxBytes, body -> inner.apply(timestamp, signed, body));
                }));
  }

  /** Refuses what the headers alone show to be refused, so such a body is never read. */
  private void checkBeforeReading(
      boolean served, Optional<String> timestamp, Optional<String> signed) {
    if (signature.isEmpty() || !served) {
      throw new ApiException(
          StatusCodes.SERVICE_UNAVAILABLE,
          ApiError.of(
              HttpErrorCodes.CLICKS_NOT_CONFIGURED,
              "this node takes no clicks: SMO1_EDGE_CLICK_SECRET and Redis are required"));
    }
    signature
        .get()
        .headerRefusal(timestamp, signed, clock.instant())
        .ifPresent(
            refusal -> {
              throw new ApiException(
                  StatusCodes.UNAUTHORIZED, ApiError.of(HttpErrorCodes.INVALID_SIGNATURE, refusal));
            });
  }

  private void checkSignature(Optional<String> timestamp, Optional<String> signed, byte[] body) {
    Optional<String> refusal = signature.get().refusal(timestamp, signed, body, clock.instant());
    if (refusal.isPresent()) {
      throw new ApiException(
          StatusCodes.UNAUTHORIZED, ApiError.of(HttpErrorCodes.INVALID_SIGNATURE, refusal.get()));
    }
  }

  private Route accept(Optional<String> timestamp, Optional<String> signed, byte[] body) {
    checkSignature(timestamp, signed, body);
    List<Click> clicks = ClickBatches.read(JsonBody.parse(body), clock.instant());
    CompletionStage<HttpResponse> stored =
        sink.get()
            .append(clicks)
            .handle(
                (added, error) -> {
                  if (error != null) {
                    return unavailable("the click buffer is unavailable; send the batch again");
                  }
                  // each click the edge reports is a redirect it answered; repeats count once
                  metrics.edgeRedirects(added);
                  return HttpResponse.create()
                      .withStatus(StatusCodes.ACCEPTED)
                      .withEntity(
                          ContentTypes.APPLICATION_JSON,
                          Json.write(
                              Map.of(
                                  "accepted", clicks.size(), "duplicates", clicks.size() - added)));
                });
    return completeWithFuture(stored);
  }

  /** 503 with {@code Retry-After: 5}: the edge sends the same call again later. */
  private static HttpResponse unavailable(String message) {
    return HttpResponse.create()
        .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
        .addHeader(RetryAfter.create(5L))
        .withEntity(
            ContentTypes.APPLICATION_JSON,
            Json.write(ApiError.of(HttpErrorCodes.UNAVAILABLE, message)));
  }

  /** The salt of the day the body names, if it is one the edge may ask for now. */
  private Route salt(Optional<String> timestamp, Optional<String> signed, byte[] body) {
    checkSignature(timestamp, signed, body);
    LocalDate day = requestedDay(JsonBody.parse(body));
    Instant now = clock.instant();
    LocalDate today = VisitorSalt.dayOf(now);
    if (day.isBefore(today.minusDays(1))
        || day.isAfter(today.plusDays(1))
        || !VisitorSalt.expiry(day).isAfter(now)) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER,
          "the visitor salt of "
              + day
              + " cannot be had now: only a live one of yesterday, today"
              + " or tomorrow (UTC)",
          "day");
    }
    CompletionStage<HttpResponse> answer =
        salts
            .get()
            .forDay(day)
            .handle(
                (salt, error) -> {
                  if (error != null) {
                    return unavailable("the visitor salt is unavailable; try again shortly");
                  }
                  return HttpResponse.create()
                      .withStatus(StatusCodes.OK)
                      .withEntity(
                          ContentTypes.APPLICATION_JSON,
                          Json.write(
                              Map.of(
                                  "day",
                                  salt.day().toString(),
                                  "salt",
                                  salt.hex(),
                                  "expiresAt",
                                  salt.expiresAt().toString())));
                });
    return completeWithFuture(answer);
  }

  /** {@code {"day":"YYYY-MM-DD"}} and nothing else, or 400. */
  private static LocalDate requestedDay(JsonNode request) {
    var fields = request.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (!field.equals("day")) {
        throw ApiException.badRequest(
            HttpErrorCodes.UNKNOWN_FIELD, "unknown field '" + field + "'", field);
      }
    }
    JsonNode day = request.get("day");
    if (day == null || !day.isTextual()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, "field 'day' must be a date (YYYY-MM-DD)", "day");
    }
    try {
      if (!day.asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new DateTimeParseException("not YYYY-MM-DD", day.asText(), 0);
      }
      return LocalDate.parse(day.asText());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER, "field 'day' must be a date (YYYY-MM-DD)", "day");
    }
  }
}
