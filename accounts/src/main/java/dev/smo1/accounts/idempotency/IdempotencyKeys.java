package dev.smo1.accounts.idempotency;

import dev.smo1.accounts.access.Access;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Requests sent with an {@code Idempotency-Key} (decision 0019): the first attempt of a request
 * holds its key while it runs, later attempts of the same request get its answer once there is one
 * worth keeping, and the key is refused for any other request for as long as it is kept. {@link
 * JdbcIdempotencyKeys} keeps them in PostgreSQL; route tests use fakes.
 *
 * <p>An attempt that ends without such an answer (a timeout: the outcome is unknown) {@linkplain
 * #release releases} the key, keeping the request's id and the resource id it chose, so the next
 * attempt continues the same request instead of starting another.
 */
public interface IdempotencyKeys {

  /** Who sent a key: a workspace and, in it, an API key or a signed-in user. */
  record Caller(String workspaceId, String principal) {
    /** The caller of a request, as its access says. */
    public static Caller of(Access access) {
      return new Caller(
          access.workspaceId(),
          access.principal().actorKind() + ":" + access.principal().actorId());
    }
  }

  /**
   * A request sent with a key: the key, what it asks ({@code operation}, e.g. {@code create_link})
   * and the fingerprint of its content (64 characters: a hex SHA-256).
   */
  record KeyedRequest(Caller caller, String key, String operation, String fingerprint) {}

  /** An answer worth giving again: its status, its {@code Location} (or null) and JSON body. */
  record Answer(int status, String location, String body) {}

  /** What {@link #begin} found. */
  sealed interface Begun {
    /**
     * This attempt holds the key and runs the request: {@code requestId} is the same in every
     * attempt of the request, {@code resourceId} what an earlier attempt chose.
     */
    record Started(UUID requestId, int attempt, Optional<String> resourceId) implements Begun {}

    /** The request was answered before: give that answer again. */
    record Replay(Answer answer) implements Begun {}

    /** Another attempt of the request holds the key now. */
    record InUse() implements Begun {}

    /** The key was used for another request (another operation or content). */
    record Reused() implements Begun {}
  }

  /** The store could not be reached or failed: nothing is known of the key; retry shortly. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Looks the key up and, when this attempt may run the request, holds it. */
  CompletionStage<Begun> begin(KeyedRequest request);

  /**
   * Keeps {@code resourceId} as the request's in place of {@code replaced} (empty: none chosen yet)
   * unless another attempt changed it first; completes with the request's resource id now.
   */
  CompletionStage<String> choose(
      KeyedRequest request, Begun.Started started, Optional<String> replaced, String resourceId);

  /** Keeps {@code answer} for later attempts and frees the key of its holder. */
  CompletionStage<Void> complete(KeyedRequest request, Begun.Started started, Answer answer);

  /**
   * This attempt ends without an answer worth keeping: the next attempt may take the key over
   * (continuing the same request). Does nothing when another attempt took it over already.
   */
  CompletionStage<Void> release(KeyedRequest request, Begun.Started started);

  /** For route tests that send no key: every call fails. */
  IdempotencyKeys NOT_KEPT =
      new IdempotencyKeys() {
        @Override
        public CompletionStage<Begun> begin(KeyedRequest request) {
          throw new IllegalStateException("these routes keep no idempotency keys");
        }

        @Override
        public CompletionStage<String> choose(
            KeyedRequest request,
            Begun.Started started,
            Optional<String> replaced,
            String resourceId) {
          throw new IllegalStateException("these routes keep no idempotency keys");
        }

        @Override
        public CompletionStage<Void> complete(
            KeyedRequest request, Begun.Started started, Answer answer) {
          throw new IllegalStateException("these routes keep no idempotency keys");
        }

        @Override
        public CompletionStage<Void> release(KeyedRequest request, Begun.Started started) {
          throw new IllegalStateException("these routes keep no idempotency keys");
        }
      };
}
