package dev.smo1.projection.edge;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * Workers KV as the KV sync projection writes to it ({@link KvWriter} in production): the caller
 * may save its offset once the returned stage completes.
 */
public interface KvRecords {
  /** Completes once every given link's current record (or a newer one) is in KV. */
  CompletionStage<Void> write(Collection<EdgeLink> links);
}
