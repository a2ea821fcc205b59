package dev.smo1.prober;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One edge URL's results so far: every latency (the prober's options bound their number, {@link
 * ProbeOptions#MAX_SAMPLES_PER_TARGET}, so exact quantiles need no sketch), requests, errors by
 * reason, and the first few errors in words. Written from the HTTP client's threads.
 */
public final class TargetStats {
  /** Errors described in the report, per target: enough to see what is wrong, bounded. */
  static final int MAX_EXAMPLES = 10;

  private final URI target;
  private long[] latencies;
  private int samples;
  private long requests;
  private final EnumMap<ErrorReason, Long> errors = new EnumMap<>(ErrorReason.class);
  private final List<String> examples = new ArrayList<>();

  public TargetStats(URI target, long expectedRequests) {
    this.target = target;
    this.latencies = new long[(int) Math.min(expectedRequests, 1 << 16)];
    for (ErrorReason reason : ErrorReason.values()) {
      errors.put(reason, 0L);
    }
  }

  public URI target() {
    return target;
  }

  /** A request that got an answer, or timed out ({@code nanos} since it was due). */
  synchronized void answered(long nanos) {
    requests++;
    if (samples == latencies.length) {
      latencies = Arrays.copyOf(latencies, Math.min(samples * 2, Integer.MAX_VALUE - 8));
    }
    latencies[samples++] = nanos;
  }

  /** A request whose connection failed: counted, but its time says nothing about latency. */
  synchronized void unanswered() {
    requests++;
  }

  synchronized void failed(ErrorReason reason, String example) {
    errors.merge(reason, 1L, Long::sum);
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(example);
    }
  }

  /** A consistent copy of the results so far, latencies sorted. */
  public synchronized Snapshot snapshot() {
    long[] sorted = Arrays.copyOf(latencies, samples);
    Arrays.sort(sorted);
    return new Snapshot(target, requests, new EnumMap<>(errors), sorted, List.copyOf(examples));
  }

  /** One target's results at one moment. */
  public record Snapshot(
      URI target,
      long requests,
      Map<ErrorReason, Long> errors,
      long[] sortedNanos,
      List<String> examples) {

    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The nearest-rank quantile in seconds; NaN without a sample. */
    public double quantileSeconds(double quantile) {
      if (sortedNanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(quantile * sortedNanos.length);
      return sortedNanos[Math.clamp(rank - 1, 0, sortedNanos.length - 1)] / 1e9;
    }
  }
}
