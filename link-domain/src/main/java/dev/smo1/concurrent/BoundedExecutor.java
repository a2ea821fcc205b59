package dev.smo1.concurrent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed pool of platform threads for blocking work (JDBC, files) with a bounded queue: when every
 * thread is busy and the queue is full, {@link #execute} throws {@link Overloaded} at once instead
 * of queueing without end, so a flood of one kind of request fails fast (503) and cannot delay the
 * work of another pool.
 */
public final class BoundedExecutor implements Executor, AutoCloseable {
  private final String name;
  private final ThreadPoolExecutor pool;
  private final LongAdder rejected = new LongAdder();

  /** Thrown when the pool's queue is full: the caller answers "overloaded, retry shortly". */
  public static final class Overloaded extends RejectedExecutionException {
    private final String pool;

    Overloaded(String pool) {
      super("the " + pool + " pool is full");
      this.pool = pool;
    }

    public String pool() {
      return pool;
    }
  }

  public BoundedExecutor(String name, int threads, int queueCapacity) {
    if (threads < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("threads and queue capacity must be positive");
    }
    this.name = name;
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            Thread.ofPlatform().daemon().name("smo1-" + name + "-", 0).factory(),
            (task, executor) -> {
              rejected.increment();
              throw new Overloaded(name);
            });
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  public String name() {
    return name;
  }

  /** Tasks waiting for a thread. */
  public int queued() {
    return pool.getQueue().size();
  }

  /** Tasks running now. */
  public int active() {
    return pool.getActiveCount();
  }

  /** Tasks refused because the queue was full, since start. */
  public long rejected() {
    return rejected.sum();
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
