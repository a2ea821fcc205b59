package dev.smo1.bench;

import java.util.Arrays;

/** Per-request latencies of one run, in nanoseconds; percentiles by nearest rank. */
final class Latencies {
  private final long[] nanos;
  private int count;

  Latencies(int capacity) {
    this.nanos = new long[capacity];
  }

  synchronized void record(long latencyNanos) {
    nanos[count++] = latencyNanos;
  }

  synchronized int count() {
    return count;
  }

  /** Nearest-rank percentile in milliseconds (100 gives the maximum); NaN when empty. */
  synchronized double percentileMillis(double percentile) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
  }
}
