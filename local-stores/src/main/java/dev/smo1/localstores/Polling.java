package dev.smo1.localstores;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits for a local server the node started to be ready: the check runs again every {@code every}
 * (the pause is a delayed executor's) until it passes, the server is gone, or it stops making
 * progress. For start-up of the local profile only, where the caller has nothing else to do
 * meanwhile.
 */
final class Polling {
  /** How often a long wait says that it is still waiting. */
  static final Duration NOTICE_EVERY = Duration.ofSeconds(15);

  private Polling() {}

  /** How a wait for readiness ended. */
  enum Outcome {
    READY,
    /** the check answered {@code null}: the server is gone */
    GONE,
    /** the server showed no progress for the whole stall limit */
    STALLED
  }

  /**
   * Waits for {@code check} with no deadline as long as the server makes progress: a wait ends
   * {@link Outcome#STALLED} only once {@code progress} (a snapshot compared with {@code equals}:
   * CPU time, log size, bytes loaded) has not changed for {@code stallLimit}. A crashed store may
   * replay minutes of log before it answers, and such a start must not be cut off by a fixed
   * timeout; a wedged one must not be waited for forever. {@code waiting} hears the time waited so
   * far every {@link #NOTICE_EVERY}.
   */
  static Outcome untilReady(
      Callable<Boolean> check,
      Supplier<?> progress,
      Duration every,
      Duration stallLimit,
      Consumer<Duration> waiting)
      throws InterruptedException {
    long start = System.nanoTime();
    long lastProgress = start;
    long nextNotice = start + NOTICE_EVERY.toNanos();
    Object snapshot = progress.get();
    while (true) {
      Boolean passed;
      try {
        passed = check.call();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception notYet) {
        passed = false;
      }
      if (passed == null) {
        return Outcome.GONE;
      }
      if (passed) {
        return Outcome.READY;
      }
      long now = System.nanoTime();
      Object next = progress.get();
      if (!Objects.equals(next, snapshot)) {
        snapshot = next;
        lastProgress = now;
      } else if (now - lastProgress > stallLimit.toNanos()) {
        return Outcome.STALLED;
      }
      if (now >= nextNotice) {
        waiting.accept(Duration.ofNanos(now - start));
        nextNotice = now + NOTICE_EVERY.toNanos();
      }
      pause(every);
    }
  }

  private static void pause(Duration every) throws InterruptedException {
    try {
      CompletableFuture.runAsync(
              () -> {}, CompletableFuture.delayedExecutor(every.toMillis(), TimeUnit.MILLISECONDS))
          .get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
