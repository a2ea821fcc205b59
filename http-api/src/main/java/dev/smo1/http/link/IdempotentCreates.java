package dev.smo1.http.link;

import dev.smo1.accounts.idempotency.IdempotencyKeys;
import dev.smo1.accounts.idempotency.IdempotencyKeys.Answer;
import dev.smo1.accounts.idempotency.IdempotencyKeys.Begun;
import dev.smo1.accounts.idempotency.IdempotencyKeys.KeyedRequest;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.link.LinkDraft;
import dev.smo1.link.LinkReply;
import dev.smo1.link.Links;
import dev.smo1.link.RetryableCreate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /links} with an {@code Idempotency-Key} (decision 0019). The key is held before the
 * link entity is asked, and a generated code is kept with it before its entity is asked, so every
 * attempt of the request asks the same code under the same request id. The entity's answer, a link
 * or a refusal of the request, is kept and replayed to every later attempt with {@value
 * #REPLAYED}{@code : true}. An attempt that fails without one (the entity did not answer in time:
 * it may or may not have made the link) releases the key and keeps nothing else, so the client's
 * retry runs the same create again and gets the link, made once.
 */
final class IdempotentCreates {
  /** The operation's name in the key store: a key used for another operation is refused. */
  static final String OPERATION = "create_link";

  /** Says that an answer is a replay of the first attempt's. */
  static final String REPLAYED = "Idempotent-Replayed";

  private static final Logger log = LoggerFactory.getLogger(IdempotentCreates.class);

  private final Links links;
  private final IdempotencyKeys keys;

  IdempotentCreates(Links links, IdempotencyKeys keys) {
    this.links = links;
    this.keys = keys;
  }

  /**
   * Runs, replays or refuses the create {@code request}; {@code answer} turns the entity's reply
   * into the answer to keep.
   */
  CompletionStage<HttpResponse> create(
      KeyedRequest request,
      String owner,
      String domain,
      String alias,
      LinkDraft draft,
      Function<LinkReply, Answer> answer) {
    return keys.begin(request)
        .thenCompose(
            begun ->
                switch (begun) {
                  case Begun.Replay replay ->
                      CompletableFuture.completedFuture(response(replay.answer(), true));
                  case Begun.InUse ignored -> CompletableFuture.completedFuture(inUse());
                  case Begun.Reused ignored -> CompletableFuture.completedFuture(reused());
                  case Begun.Started started ->
                      run(request, started, owner, domain, alias, draft, answer);
                });
  }

  private CompletionStage<HttpResponse> run(
      KeyedRequest request,
      Begun.Started started,
      String owner,
      String domain,
      String alias,
      LinkDraft draft,
      Function<LinkReply, Answer> answer) {
    var result = new CompletableFuture<HttpResponse>();
    attempt(() -> links.create(owner, domain, alias, draft, new KeptCreate(request, started)))
        .whenComplete(
            (reply, error) -> {
              if (error != null) {
                // no answer: the link may exist or not; the next attempt finds out
                attempt(() -> keys.release(request, started))
                    .whenComplete(
                        (ignored, releaseError) -> {
                          if (releaseError != null) {
                            log.warn(
                                "idempotency key not released; it is free again after its"
                                    + " lease requestId={} error={}",
                                started.requestId(),
                                releaseError.toString());
                          }
                          result.completeExceptionally(error);
                        });
                return;
              }
              Answer kept;
              try {
                kept = answer.apply(reply);
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
              }
              attempt(() -> keys.complete(request, started, kept))
                  .whenComplete(
                      (ignored, keepError) -> {
                        if (keepError != null) {
                          // the answer stands; a retry after the key's lease gets it again from
                          // the entity, which knows the request by its id
                          log.warn(
                              "idempotent answer not kept requestId={} error={}",
                              started.requestId(),
                              keepError.toString());
                        }
                        result.complete(response(kept, false));
                      });
            });
    return result;
  }

  /** The answer as HTTP; a replay says so. */
  static HttpResponse response(Answer answer, boolean replayed) {
    HttpResponse response =
        HttpResponse.create()
            .withStatus(answer.status())
            .withEntity(
                ContentTypes.APPLICATION_JSON, answer.body().getBytes(StandardCharsets.UTF_8));
    if (answer.location() != null) {
      response = response.addHeader(Location.create(answer.location()));
    }
    if (replayed) {
      response = response.addHeader(RawHeader.create(REPLAYED, "true"));
    }
    return response;
  }

  static HttpResponse inUse() {
    return Json.response(
            StatusCodes.CONFLICT,
            ApiError.of(
                HttpErrorCodes.IDEMPOTENCY_KEY_IN_USE,
                "a request with this Idempotency-Key is still being processed; retry once it"
                    + " has been answered"))
        .addHeader(RetryAfter.create(1L));
  }

  static HttpResponse reused() {
    return Json.response(
        StatusCodes.UNPROCESSABLE_CONTENT,
        new ApiError(
            HttpErrorCodes.IDEMPOTENCY_KEY_REUSED,
            "this Idempotency-Key was used for a different request; send a new key with a new"
                + " request",
            IdempotencyKeyHeader.NAME));
  }

  /**
   * The fingerprint of a create: its body as the API read it, so spacing and the order of fields do
   * not matter, but every value does, except a password's (kept nowhere but as its Argon2id hash: a
   * retry with another password gets the first answer).
   */
  static String fingerprint(CreateLinkRequest body) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(Json.write(body.withoutPassword())));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A call that may throw before it returns its stage (a full pool), as a failed stage. */
  private static <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The create's id and generated code, kept with its key. */
  private final class KeptCreate implements RetryableCreate {
    private final KeyedRequest request;
    private final Begun.Started started;

    KeptCreate(KeyedRequest request, Begun.Started started) {
      this.request = request;
      this.started = started;
    }

    @Override
    public UUID requestId() {
      return started.requestId();
    }

    @Override
    public Optional<String> code() {
      return started.resourceId();
    }

    @Override
    public CompletionStage<String> choose(Optional<String> replaced, String code) {
      return keys.choose(request, started, replaced, code);
    }
  }
}
