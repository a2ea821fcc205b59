package dev.smo1.projection.clicks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Group commit for clicks made on this node (origin redirects): each click waits until it is
 * durable in the buffer, and the clicks that arrive while a write is under way go together in the
 * next one. At most one write is in flight, so under load a write carries everything that queued
 * during the previous one (up to {@code maxBatch}), and a lone click is written at once.
 */
public final class ClickRecorder {
  private record Waiting(Click click, CompletableFuture<Void> durable) {}

  private final Function<List<Click>, CompletionStage<Integer>> write;
  private final int maxBatch;
  private final List<Waiting> queue = new ArrayList<>();
  private boolean writing;

  public ClickRecorder(Function<List<Click>, CompletionStage<Integer>> write, int maxBatch) {
    this.write = write;
    this.maxBatch = maxBatch;
  }

  /** Completes when the click is durable; fails when the write failed. */
  public CompletionStage<Void> record(Click click) {
    var durable = new CompletableFuture<Void>();
    List<Waiting> batch;
    synchronized (this) {
      queue.add(new Waiting(click, durable));
      if (writing) {
        return durable;
      }
      writing = true;
      batch = take();
    }
    send(batch);
    return durable;
  }

  private List<Waiting> take() {
    int size = Math.min(maxBatch, queue.size());
    List<Waiting> batch = new ArrayList<>(queue.subList(0, size));
    queue.subList(0, size).clear();
    return batch;
  }

  private void send(List<Waiting> batch) {
    CompletionStage<Integer> written;
    try {
      written = write.apply(batch.stream().map(Waiting::click).toList());
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    written.whenComplete(
        (count, error) -> {
          for (Waiting waiting : batch) {
            if (error == null) {
              waiting.durable().complete(null);
            } else {
              waiting.durable().completeExceptionally(error);
            }
          }
          List<Waiting> next;
          synchronized (this) {
            if (queue.isEmpty()) {
              writing = false;
              return;
            }
            next = take();
          }
          send(next);
        });
  }
}
