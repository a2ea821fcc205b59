package dev.smo1.clicks;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where accepted clicks go. The stage completes once they are durable, with the number of clicks
 * that were new (a click already appended under the same id is not appended again), and fails
 * otherwise.
 */
public interface ClickSink {
  CompletionStage<Integer> append(List<Click> clicks);
}
