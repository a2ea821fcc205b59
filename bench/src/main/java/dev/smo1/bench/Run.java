package dev.smo1.bench;

import java.util.Locale;

/** Outcome of one measured run, printed as one key=value line for bench/run.sh to aggregate. */
record Run(long requests, double seconds, Latencies latencies) {
  String line() {
    return String.format(
        Locale.ROOT,
        "RUN requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f",
        requests,
        requests / seconds,
        latencies.percentileMillis(50),
        latencies.percentileMillis(99));
  }
}
