package dev.smo1.localstores;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a local server the node started to be ready: the check runs again every {@code every}
 * on a delayed executor (no thread sleeps in between) until it passes, or the time is up. For
 * start-up of the local profile only, where the caller has nothing else to do meanwhile.
 */
final class Polling {
  private Polling() {}

  /**
   * Whether {@code check} passed within {@code within}; a check that throws counts as not yet, a
   * check that answers {@code null} stops the waiting (the server is gone).
   */
  static boolean until(Callable<Boolean> check, Duration every, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    try {
      return attempt(check, every, deadline).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static CompletableFuture<Boolean> attempt(
      Callable<Boolean> check, Duration every, long deadline) {
    Boolean passed;
    try {
      passed = check.call();
    } catch (Exception notYet) {
      passed = false;
    }
    if (passed == null) {
      return CompletableFuture.completedFuture(false);
    }
    if (passed || System.nanoTime() > deadline) {
      return CompletableFuture.completedFuture(passed);
    }
    return CompletableFuture.supplyAsync(
            () -> attempt(check, every, deadline),
            CompletableFuture.delayedExecutor(every.toMillis(), TimeUnit.MILLISECONDS))
        .thenCompose(next -> next);
  }
}
