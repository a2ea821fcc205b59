package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ClickRecorderTest {
  private final List<List<Click>> writes = new ArrayList<>();
  private final List<CompletableFuture<Integer>> pending = new ArrayList<>();

  private CompletionStage<Integer> write(List<Click> clicks) {
    writes.add(clicks);
    var done = new CompletableFuture<Integer>();
    pending.add(done);
    return done;
  }

  @Test
  void clicksArrivingDuringAWriteGoTogetherInTheNextOne() {
    var recorder = new ClickRecorder(this::write, 1_000, 1);

    var first = recorder.record(click()).toCompletableFuture();
    var second = recorder.record(click()).toCompletableFuture();
    var third = recorder.record(click()).toCompletableFuture();

    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).hasSize(1);
    assertThat(first).isNotDone();
    pending.get(0).complete(1);
    assertThat(first).isCompleted();
    assertThat(second).isNotDone();
    assertThat(writes).hasSize(2);
    assertThat(writes.get(1)).hasSize(2);
    pending.get(1).complete(2);
    assertThat(second).isCompleted();
    assertThat(third).isCompleted();

    recorder.record(click());
    assertThat(writes).hasSize(3);
  }

  @Test
  void aFailedWriteFailsItsClicksAndTheNextWriteStillGoes() {
    var recorder = new ClickRecorder(this::write, 2, 1);
    var first = recorder.record(click()).toCompletableFuture();
    var queued =
        List.of(recorder.record(click()), recorder.record(click()), recorder.record(click()));

    pending.get(0).completeExceptionally(new IllegalStateException("redis down"));

    assertThat(first).isCompletedExceptionally();
    // at most two per write
    assertThat(writes).hasSize(2);
    assertThat(writes.get(1)).hasSize(2);
    pending.get(1).complete(2);
    assertThat(writes).hasSize(3);
    pending.get(2).complete(1);
    assertThat(queued).allSatisfy(stage -> assertThat(stage.toCompletableFuture()).isCompleted());
  }

  @Test
  void aFullQueueRefusesAClickAtOnceUntilAWriteTakesSome() {
    var recorder = new ClickRecorder(this::write, 2, 1, 3);
    recorder.record(click()); // in flight, not queued
    var queued =
        List.of(recorder.record(click()), recorder.record(click()), recorder.record(click()));

    var refused = recorder.record(click()).toCompletableFuture();
    assertThat(refused).isCompletedExceptionally();
    assertThatThrownBy(refused::join).hasCauseInstanceOf(ClickRecorder.QueueFullException.class);
    assertThat(writes).hasSize(1);

    pending.get(0).complete(1); // the next write takes two of the three
    assertThat(recorder.record(click()).toCompletableFuture()).isNotCompleted();
    assertThat(queued.get(0).toCompletableFuture()).isNotCompleted();
  }

  @Test
  void upToMaxInFlightWritesGoAtOnceAndTheRestWaitsForOneOfThem() {
    var recorder = new ClickRecorder(this::write, 1_000, 2);

    recorder.record(click());
    recorder.record(click());
    recorder.record(click());
    recorder.record(click());

    assertThat(writes).hasSize(2);
    pending.get(1).complete(1);
    // the second write's slot takes both clicks that queued
    assertThat(writes).hasSize(3);
    assertThat(writes.get(2)).hasSize(2);
  }

  private static Click click() {
    return new Click(
        UUID.randomUUID(),
        "s.test",
        "abc",
        Instant.now(),
        "origin",
        null,
        null,
        null,
        null,
        "",
        null);
  }
}
