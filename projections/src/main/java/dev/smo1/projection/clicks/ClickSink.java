package dev.smo1.projection.clicks;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where accepted clicks go; the stage completes once they are durable, and fails otherwise. */
public interface ClickSink {
  CompletionStage<Void> append(List<Click> clicks);
}
