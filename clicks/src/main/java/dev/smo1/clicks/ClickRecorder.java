package dev.smo1.clicks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Group commit for clicks made on this node (origin redirects): each click waits until it is
 * durable in the buffer, and the clicks that arrive while the writes under way are in flight go
 * together in the next one. At most {@code maxInFlight} writes are in flight, so under load a write
 * carries what queued meanwhile (up to {@code maxBatch}), and a lone click is written at once.
 * Writes in flight together reach Redis in one read and are made durable by one fsync.
 */
public final class ClickRecorder {
  private record Waiting(Click click, CompletableFuture<Void> durable) {}

  /** Refusal of a click because {@code maxQueued} clicks already wait for a write. */
  public static final class QueueFullException extends IllegalStateException {
    QueueFullException(int maxQueued) {
      super("the click recorder's queue is full (" + maxQueued + " clicks wait for the buffer)");
    }
  }

  private final Function<List<Click>, CompletionStage<Integer>> write;
  private final int maxBatch;
  private final int maxInFlight;
  private final int maxQueued;
  private final List<Waiting> queue = new ArrayList<>();
  private int inFlight;

  public ClickRecorder(
      Function<List<Click>, CompletionStage<Integer>> write, int maxBatch, int maxInFlight) {
    this(write, maxBatch, maxInFlight, Integer.MAX_VALUE);
  }

  /**
   * @param maxQueued clicks that may wait for a write; beyond, a click fails at once (the redirect
   *     goes on, counted unrecorded) instead of memory growing while the buffer is slow or down
   */
  public ClickRecorder(
      Function<List<Click>, CompletionStage<Integer>> write,
      int maxBatch,
      int maxInFlight,
      int maxQueued) {
    this.write = write;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  /** Completes when the click is durable; fails when the write failed or the queue is full. */
  public CompletionStage<Void> record(Click click) {
    var durable = new CompletableFuture<Void>();
    List<Waiting> batch;
    synchronized (this) {
      if (queue.size() >= maxQueued) {
        return CompletableFuture.failedFuture(new QueueFullException(maxQueued));
      }
      queue.add(new Waiting(click, durable));
      if (inFlight >= maxInFlight) {
        return durable;
      }
      inFlight++;
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
              inFlight--;
              return;
            }
            next = take();
          }
          send(next);
        });
  }
}
