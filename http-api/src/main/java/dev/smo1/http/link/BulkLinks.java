package dev.smo1.http.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.idempotency.IdempotencyKeys;
import dev.smo1.accounts.idempotency.IdempotencyKeys.Answer;
import dev.smo1.accounts.idempotency.IdempotencyKeys.Begun;
import dev.smo1.accounts.idempotency.IdempotencyKeys.KeyedRequest;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.link.LinkReply;
import dev.smo1.link.RetryableCreate;
import dev.smo1.link.ShortCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk link operations ({@code POST}, {@code PATCH}, {@code DELETE /api/v1/links/bulk}): up to
 * {@value #MAX_ITEMS} items, each validated and applied on its own (a create takes its own quota
 * slot), all at once; 200 with one result per item, in the order of the request.
 *
 * <p>With an {@code Idempotency-Key} the whole request is one keyed request: its answer is kept and
 * replayed. Every item of a keyed create carries an id derived from the request's and, for a
 * generated code, a code derived from that id, so an attempt sent again asks each link entity the
 * same question and gets the link it made, not a second one. When an item's outcome is unknown (its
 * entity did not answer in time) nothing is kept and the request is answered 503: its retry with
 * the same key completes it, each link made once.
 */
final class BulkLinks {
  static final int MAX_ITEMS = 100;

  /**
   * Items asked at once: all of them. The journal batches the writes of entities persisting
   * together, so 100 creates at once take about what 10 take one after another (a cap of 16 made
   * the bulk call 3.6 times faster than single calls, none 9.3 times: src-docs/benchmarks.md).
   */
  static final int IN_FLIGHT = MAX_ITEMS;

  static final long MAX_BYTES = 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(BulkLinks.class);

  /** One item's outcome: {@code link} when it was applied and has one, else {@code error}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Result(boolean ok, LinkBody link, ApiError error) {
    static Result failed(ApiError error) {
      return new Result(false, null, error);
    }
  }

  /** The answer: one result per item, in order. */
  record Results(List<Result> results) {}

  /** One item, applied: its result, or a failed stage when its outcome is unknown. */
  @FunctionalInterface
  interface Item {
    CompletionStage<Result> apply(int index, Optional<UUID> requestId);
  }

  private final IdempotencyKeys keys;

  BulkLinks(IdempotencyKeys keys) {
    this.keys = keys;
  }

  /**
   * Runs {@code count} items (without a key), or the keyed request (with one): the answer to send.
   */
  CompletionStage<HttpResponse> run(Optional<KeyedRequest> keyed, int count, Item item) {
    if (keyed.isEmpty()) {
      return all(count, index -> settled(item.apply(index, Optional.empty())))
          .thenApply(results -> Json.response(StatusCodes.OK, new Results(results)));
    }
    KeyedRequest request = keyed.get();
    return keys.begin(request)
        .thenCompose(
            begun ->
                switch (begun) {
                  case Begun.Replay replay ->
                      CompletableFuture.completedFuture(
                          IdempotentCreates.response(replay.answer(), true));
                  case Begun.InUse ignored ->
                      CompletableFuture.completedFuture(IdempotentCreates.inUse());
                  case Begun.Reused ignored ->
                      CompletableFuture.completedFuture(IdempotentCreates.reused());
                  case Begun.Started started -> keyed(request, started, count, item);
                });
  }

  private CompletionStage<HttpResponse> keyed(
      KeyedRequest request, Begun.Started started, int count, Item item) {
    var unknown = new AtomicInteger();
    return all(
            count,
            index ->
                item.apply(index, Optional.of(itemId(started.requestId(), index)))
                    .exceptionally(
                        error -> {
                          unknown.incrementAndGet();
                          return Result.failed(unknownOutcome());
                        }))
        .thenCompose(
            results -> {
              if (unknown.get() > 0) {
                // the next attempt asks every entity the same again: nothing is kept now
                return keys.release(request, started)
                    .handle(
                        (released, error) -> {
                          if (error != null) {
                            log.warn(
                                "bulk idempotency key not released requestId={} error={}",
                                started.requestId(),
                                error.toString());
                          }
                          return Json.response(
                                  StatusCodes.SERVICE_UNAVAILABLE,
                                  ApiError.of(
                                      HttpErrorCodes.UNAVAILABLE,
                                      unknown.get()
                                          + " of the items were not answered in time; send the"
                                          + " request again with the same Idempotency-Key: each"
                                          + " item is applied once"))
                              .addHeader(RetryAfter.create(1L));
                        });
              }
              var answer =
                  new Answer(
                      StatusCodes.OK.intValue(),
                      null,
                      new String(Json.write(new Results(results)), StandardCharsets.UTF_8));
              return keys.complete(request, started, answer)
                  .handle(
                      (kept, error) -> {
                        if (error != null) {
                          log.warn(
                              "bulk answer not kept requestId={} error={}",
                              started.requestId(),
                              error.toString());
                        }
                        return IdempotentCreates.response(answer, false);
                      });
            });
  }

  /**
   * Applies every item, at most {@value #IN_FLIGHT} at a time; completes with their results in
   * order.
   */
  private static CompletableFuture<List<Result>> all(
      int count, IntFunction<CompletionStage<Result>> apply) {
    var results = new ArrayList<Result>(count);
    for (int i = 0; i < count; i++) {
      results.add(null);
    }
    var next = new AtomicInteger();
    var lanes = new ArrayList<CompletableFuture<Void>>();
    for (int lane = 0; lane < Math.min(IN_FLIGHT, count); lane++) {
      lanes.add(lane(next, count, apply, results));
    }
    return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
        .thenApply(done -> List.copyOf(results));
  }

  /** One lane: takes the next item, applies it, and goes on until none is left. */
  private static CompletableFuture<Void> lane(
      AtomicInteger next,
      int count,
      IntFunction<CompletionStage<Result>> apply,
      List<Result> results) {
    int index = next.getAndIncrement();
    if (index >= count) {
      return CompletableFuture.completedFuture(null);
    }
    return started(() -> apply.apply(index))
        .toCompletableFuture()
        .thenCompose(
            result -> {
              synchronized (results) {
                results.set(index, result);
              }
              return lane(next, count, apply, results);
            });
  }

  /** An item whose outcome is unknown, without a key: it says so, the others stand. */
  private static CompletionStage<Result> settled(CompletionStage<Result> item) {
    return item.exceptionally(error -> Result.failed(unknownOutcome()));
  }

  private static ApiError unknownOutcome() {
    return ApiError.of(
        HttpErrorCodes.UNAVAILABLE,
        "not answered in time: it may or may not have been applied; read it, or send the request"
            + " with an Idempotency-Key to retry it safely");
  }

  /**
   * An item's own refusal, found before its link was asked (its body, its domain): as an error
   * result; anything else still fails the stage.
   */
  static CompletionStage<Result> refusedEarly(
      java.util.function.Supplier<CompletionStage<Result>> item) {
    try {
      return item.get()
          .exceptionally(
              error -> {
                Throwable cause =
                    error instanceof java.util.concurrent.CompletionException
                            && error.getCause() != null
                        ? error.getCause()
                        : error;
                if (cause instanceof ApiException refused) {
                  return Result.failed(refused.error());
                }
                throw error instanceof RuntimeException runtime
                    ? runtime
                    : new java.util.concurrent.CompletionException(error);
              });
    } catch (ApiException refused) {
      return CompletableFuture.completedFuture(Result.failed(refused.error()));
    }
  }

  /** A link's reply as an item's result. */
  static Result of(
      LinkReply reply, java.util.function.Function<dev.smo1.link.LinkView, LinkBody> body) {
    return switch (reply) {
      case LinkReply.Ok ok -> new Result(true, body.apply(ok.link()), null);
      case LinkReply.Rejected rejected ->
          Result.failed(
              new ApiError(rejected.code().wireName(), rejected.message(), rejected.field()));
    };
  }

  /** The items of a bulk body: its array {@code field}, 1 to {@value #MAX_ITEMS} entries. */
  static List<JsonNode> items(JsonNode body, String field) {
    JsonNode items = body.get(field);
    if (items == null || !items.isArray()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, "field '" + field + "' must be an array", field);
    }
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw new ApiException(
          StatusCodes.UNPROCESSABLE_CONTENT,
          new ApiError(
              HttpErrorCodes.INVALID_ITEMS,
              field + " must have 1 to " + MAX_ITEMS + " entries, not " + items.size(),
              field));
    }
    var list = new ArrayList<JsonNode>();
    items.forEach(list::add);
    return list;
  }

  /** The fingerprint of a bulk request: its body as the API read it (SHA-256). */
  static String fingerprint(JsonNode body) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Json.write(body)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Item {@code index}'s id: the same in every attempt of the request. */
  static UUID itemId(UUID requestId, int index) {
    return UUID.nameUUIDFromBytes((requestId + "/" + index).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A keyed bulk create's item: its id, and generated codes derived from it, so every attempt asks
   * the same codes in the same order (a code found taken by another link leads to the next).
   */
  record DerivedCreate(UUID requestId) implements RetryableCreate {
    @Override
    public Optional<String> code() {
      return Optional.empty();
    }

    @Override
    public CompletionStage<String> choose(Optional<String> replaced, String generated) {
      return CompletableFuture.completedFuture(
          ShortCodes.derive(requestId + "/" + replaced.orElse(""), generated.length()));
    }
  }

  /** A call that may throw before it returns its stage, as a failed stage. */
  private static <T> CompletionStage<T> started(
      java.util.function.Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
