package dev.smo1.projection.edge;

import dev.smo1.link.LinkStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Workers KV in memory: a link's record under its key, and no key for a deleted link, as {@link
 * KvWriter} leaves it. It records every batch it accepted, and can hold batches back or fail one.
 */
final class InMemoryKv implements KvRecords {
  private final Map<String, String> records = new HashMap<>();
  private final List<List<EdgeLink>> accepted = new ArrayList<>();
  private final List<Runnable> held = new ArrayList<>();
  private boolean holding;
  private int handedOver;
  private int failingBatch;

  @Override
  public synchronized CompletionStage<Void> write(Collection<EdgeLink> links) {
    if (++handedOver == failingBatch) {
      return CompletableFuture.failedFuture(new IllegalStateException("the KV writer stopped"));
    }
    var batch = List.copyOf(links);
    var answer = new CompletableFuture<Void>();
    Runnable accept =
        () -> {
          accept(batch);
          answer.complete(null);
        };
    if (holding) {
      held.add(accept);
    } else {
      accept.run();
    }
    return answer;
  }

  /** Leaves the following batches unaccepted until {@link #release()}. */
  synchronized void hold() {
    holding = true;
  }

  /** Accepts the batches held back, and stops holding. */
  void release() {
    List<Runnable> accepting;
    synchronized (this) {
      holding = false;
      accepting = List.copyOf(held);
      held.clear();
    }
    accepting.forEach(Runnable::run);
  }

  /**
   * The {@code number}th batch handed over (from 1) fails, as the node's {@link KvWriter} fails its
   * callers when it stops, and changes nothing.
   */
  synchronized void failBatch(int number) {
    failingBatch = number;
  }

  synchronized int heldBatches() {
    return held.size();
  }

  /** The batches accepted, in order. */
  synchronized List<List<EdgeLink>> accepted() {
    return List.copyOf(accepted);
  }

  synchronized Optional<String> read(String key) {
    return Optional.ofNullable(records.get(key));
  }

  private synchronized void accept(List<EdgeLink> batch) {
    for (EdgeLink link : batch) {
      if (link.status() == LinkStatus.DELETED) {
        records.remove(KvLinkRecord.key(link));
      } else {
        records.put(KvLinkRecord.key(link), KvLinkRecord.value(link));
      }
    }
    accepted.add(batch);
  }
}
