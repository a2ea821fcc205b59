package dev.smo1.http.clicks;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickSink;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import dev.smo1.http.metrics.HttpMetrics;
import java.time.Clock;
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
 * {@code POST /internal/clicks}: click batches from the edge. Checked before the body is read: the
 * node takes clicks (else 503 {@code clicks_not_configured}), the signature headers are there, well
 * formed and within the time window (else 401 {@code invalid_signature}), and a declared length is
 * within {@link #MAX_BODY_BYTES} (else 413; a body without a length is cut off there). Then the
 * signature is checked over the raw body before anything is parsed (401); the batch is read
 * strictly (400 {@code invalid_click_batch}, a click time out of range included); the answer is 202
 * only once every click is durable in the click buffer (clicks it already holds, by id, are counted
 * as duplicates and not stored again), else 503 and the edge sends the batch again.
 */
public final class ClickRoutes {
  /**
   * What the edge Worker sends at most: it closes a batch before it would exceed this many bytes
   * ({@code MAX_BATCH_BYTES} in {@code edge-redirect/src/clicks.ts}).
   */
  public static final long MAX_BODY_BYTES = 512L * 1024;

  private final Optional<ClickSignature> signature;
  private final Optional<ClickSink> sink;
  private final Clock clock;

  private final HttpMetrics metrics;

  public ClickRoutes(
      Optional<ClickSignature> signature,
      Optional<ClickSink> sink,
      Clock clock,
      HttpMetrics metrics) {
    this.signature = signature;
    this.sink = sink;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Route routes() {
    return pathPrefix(
        "internal",
        () ->
            path(
                "clicks",
                () ->
                    endpoint(
                        Endpoint.INGEST_CLICKS,
                        () ->
                            optionalHeaderValueByName(
                                ClickSignature.TIMESTAMP_HEADER,
                                timestamp ->
                                    optionalHeaderValueByName(
                                        ClickSignature.SIGNATURE_HEADER,
                                        signed -> {
                                          checkBeforeReading(timestamp, signed);
                                          return JsonBody.bytes(
                                              MAX_BODY_BYTES,
                                              body -> accept(timestamp, signed, body));
                                        })))));
  }

  /** Refuses what the headers alone show to be refused, so such a body is never read. */
  private void checkBeforeReading(Optional<String> timestamp, Optional<String> signed) {
    if (signature.isEmpty() || sink.isEmpty()) {
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

  private Route accept(Optional<String> timestamp, Optional<String> signed, byte[] body) {
    Optional<String> refusal = signature.get().refusal(timestamp, signed, body, clock.instant());
    if (refusal.isPresent()) {
      throw new ApiException(
          StatusCodes.UNAUTHORIZED, ApiError.of(HttpErrorCodes.INVALID_SIGNATURE, refusal.get()));
    }
    List<Click> clicks = ClickBatches.read(JsonBody.parse(body), clock.instant());
    CompletionStage<HttpResponse> stored =
        sink.get()
            .append(clicks)
            .handle(
                (added, error) -> {
                  if (error != null) {
                    return HttpResponse.create()
                        .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
                        .addHeader(RetryAfter.create(5L))
                        .withEntity(
                            ContentTypes.APPLICATION_JSON,
                            Json.write(
                                ApiError.of(
                                    HttpErrorCodes.UNAVAILABLE,
                                    "the click buffer is unavailable; send the batch again")));
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
}
