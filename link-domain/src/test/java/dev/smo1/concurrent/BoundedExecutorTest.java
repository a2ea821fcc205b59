package dev.smo1.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedExecutorTest {
  @Test
  void refusesAtOnceWhenThreadsAreBusyAndTheQueueIsFull() throws Exception {
    var release = new CountDownLatch(1);
    var done = new AtomicInteger();
    try (var pool = new BoundedExecutor("test", 2, 3)) {
      for (int i = 0; i < 5; i++) { // two running, three queued
        pool.execute(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              done.incrementAndGet();
            });
      }
      assertThatThrownBy(() -> pool.execute(done::incrementAndGet))
          .isInstanceOf(BoundedExecutor.Overloaded.class)
          .hasMessage("the test pool is full");
      assertThatThrownBy(() -> CompletableFuture.supplyAsync(() -> "late", pool))
          .as("what callers of supplyAsync see")
          .isInstanceOf(BoundedExecutor.Overloaded.class);
      assertThat(pool.rejected()).isEqualTo(2);
      assertThat(pool.queued()).isEqualTo(3);

      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (done.get() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(done).hasValue(5);
      assertThat(CompletableFuture.supplyAsync(() -> "after", pool).get(5, TimeUnit.SECONDS))
          .as("room again once the queue drained")
          .isEqualTo("after");
    }
  }

  @Test
  void needsThreadsAndAQueue() {
    assertThatThrownBy(() -> new BoundedExecutor("x", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BoundedExecutor("x", 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
