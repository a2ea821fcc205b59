package dev.smo1.localstores;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waiting for a store: as long as it makes progress, no longer once it stops. */
class PollingTest {
  private static final Duration EVERY = Duration.ofMillis(10);
  private static final Duration STALL_LIMIT = Duration.ofMillis(200);

  @Test
  void aServerThatKeepsMakingProgressIsWaitedForLongerThanTheStallLimit() throws Exception {
    var checks = new AtomicInteger();
    long start = System.nanoTime();

    var outcome =
        Polling.untilReady(
            () -> Duration.ofNanos(System.nanoTime() - start).toMillis() > 600,
            checks::incrementAndGet, // changes at every look
            EVERY,
            STALL_LIMIT,
            waited -> {});

    assertThat(outcome).isEqualTo(Polling.Outcome.READY);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(STALL_LIMIT);
  }

  @Test
  void aServerThatMakesNoProgressIsGivenUpAfterTheStallLimit() throws Exception {
    long start = System.nanoTime();

    var outcome = Polling.untilReady(() -> false, () -> "same", EVERY, STALL_LIMIT, waited -> {});

    assertThat(outcome).isEqualTo(Polling.Outcome.STALLED);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(STALL_LIMIT)
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aServerThatIsGoneEndsTheWaitAtOnce() throws Exception {
    var outcome =
        Polling.untilReady(() -> null, () -> "same", EVERY, Duration.ofMinutes(1), w -> {});

    assertThat(outcome).isEqualTo(Polling.Outcome.GONE);
  }

  @Test
  void aCheckThatThrowsCountsAsNotYet() throws Exception {
    var calls = new AtomicInteger();

    var outcome =
        Polling.untilReady(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new java.io.IOException("connection refused");
              }
              return true;
            },
            calls::get,
            EVERY,
            STALL_LIMIT,
            waited -> {});

    assertThat(outcome).isEqualTo(Polling.Outcome.READY);
    assertThat(calls).hasValue(3);
  }
}
