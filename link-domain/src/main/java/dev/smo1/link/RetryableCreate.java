package dev.smo1.link;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One attempt at a create its client may send again (an {@code Idempotency-Key}): the id every
 * attempt of that create carries to the entity, and the code the create asks for, kept where every
 * attempt finds it (decision 0019). An attempt that timed out may still have created the link; the
 * next one asks the same code with the same id, and the entity answers it with that link instead of
 * {@link ErrorCode#ALIAS_TAKEN}. So however often the create is sent, at most one link is made.
 */
public interface RetryableCreate {

  /** A create that is never sent again: no id, nothing kept. */
  RetryableCreate ONCE =
      new RetryableCreate() {
        @Override
        public UUID requestId() {
          return null;
        }

        @Override
        public Optional<String> code() {
          return Optional.empty();
        }

        @Override
        public CompletionStage<String> choose(Optional<String> replaced, String code) {
          return CompletableFuture.completedFuture(code);
        }
      };

  /** The id of the create, the same in every attempt; null for {@link #ONCE}. */
  UUID requestId();

  /** The generated code an earlier attempt chose, if one did. */
  Optional<String> code();

  /**
   * Keeps {@code code} as the create's generated code in place of {@code replaced} (empty: none
   * chosen yet; a code: it was found taken by another link), before any entity is asked for it.
   * Completes with the create's code now: {@code code}, or the one another attempt kept first,
   * which this attempt must then ask for instead.
   */
  CompletionStage<String> choose(Optional<String> replaced, String code);
}
