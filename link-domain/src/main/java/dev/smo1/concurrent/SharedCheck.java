package dev.smo1.concurrent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A blocking check (a database query, say) whose answer is shared: at most one runs at a time, and
 * its answer is reused for {@code reuseFor} after it started, so any number of callers cost one
 * check per interval. A check that cannot be started (its executor refuses) answers {@code
 * whenRefused}.
 */
public final class SharedCheck<T> {
  private final Supplier<T> check;
  private final Executor executor;
  private final long reuseForNanos;
  private final LongSupplier nanoTime;
  private final T whenRefused;
  private final AtomicReference<Run<T>> last = new AtomicReference<>();

  private record Run<T>(CompletableFuture<T> answer, long startedNanos) {}

  public SharedCheck(Supplier<T> check, Executor executor, Duration reuseFor, T whenRefused) {
    this(check, executor, reuseFor, whenRefused, System::nanoTime);
  }

  SharedCheck(
      Supplier<T> check,
      Executor executor,
      Duration reuseFor,
      T whenRefused,
      LongSupplier nanoTime) {
    this.check = check;
    this.executor = executor;
    this.reuseForNanos = reuseFor.toNanos();
    this.whenRefused = whenRefused;
    this.nanoTime = nanoTime;
  }

  public CompletableFuture<T> get() {
    long now = nanoTime.getAsLong();
    Run<T> previous = last.get();
    if (previous != null
        && (!previous.answer().isDone() || now - previous.startedNanos() < reuseForNanos)) {
      return previous.answer();
    }
    var next = new Run<T>(new CompletableFuture<>(), now);
    if (!last.compareAndSet(previous, next)) {
      return last.get().answer(); // another caller started one just now
    }
    try {
      executor.execute(
          () -> {
            try {
              next.answer().complete(check.get());
            } catch (RuntimeException e) {
              next.answer().completeExceptionally(e);
            }
          });
    } catch (RuntimeException refused) {
      next.answer().complete(whenRefused);
    }
    return next.answer();
  }
}
