package dev.smo1.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedCheckTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void callersWithinTheIntervalShareOneCheck() throws Exception {
    var release = new CountDownLatch(1);
    try (var executor = Executors.newFixedThreadPool(4)) {
      var check =
          new SharedCheck<>(
              () -> {
                runs.incrementAndGet();
                await(release);
                return "ok";
              },
              executor,
              Duration.ofSeconds(1),
              "refused",
              now::get);
      var answers = new ArrayList<CompletableFuture<String>>();
      try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 10_000; i++) {
          callers.execute(
              () -> {
                synchronized (answers) {
                  answers.add(check.get());
                }
              });
        }
      }
      release.countDown();
      for (var answer : answers) {
        assertThat(answer.get()).isEqualTo("ok");
      }
      assertThat(runs).as("one check for 10,000 callers while it ran").hasValue(1);

      now.addAndGet(Duration.ofMillis(999).toNanos());
      assertThat(check.get().get()).isEqualTo("ok");
      assertThat(runs).as("answer reused within the second").hasValue(1);

      now.addAndGet(Duration.ofMillis(1).toNanos());
      assertThat(check.get().get()).isEqualTo("ok");
      assertThat(runs).as("asked again after a second").hasValue(2);
    }
  }

  @Test
  void aCheckThatCannotStartAnswersTheRefusal() throws Exception {
    var full = new BoundedExecutor("full", 1, 1);
    var block = new CountDownLatch(1);
    full.execute(() -> await(block));
    full.execute(() -> {}); // the queue's one place
    var check = new SharedCheck<>(() -> "ok", full, Duration.ofSeconds(1), "refused", now::get);
    assertThat(check.get().get()).isEqualTo("refused");
    block.countDown();
    full.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
