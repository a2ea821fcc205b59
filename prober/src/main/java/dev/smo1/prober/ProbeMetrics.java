package dev.smo1.prober;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * The prober's metrics, one series per edge URL ({@code target}). A run's counters start at zero:
 * pushed to a Pushgateway they are the last run's totals, which is why the alert rules read the
 * last run's exact quantiles ({@code smo1_probe_latency_quantile_seconds}) rather than {@code
 * rate()} of pushed counters, which restart every run. Scraped live ({@code --metrics-port}), the
 * histogram serves {@code rate()} as usual; its buckets are dense around the 50 ms budget of
 * SMO1-ARCH-001 so a p99 near it is read to within a few milliseconds.
 */
public final class ProbeMetrics {
  static final double[] BUCKETS = {
    0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.06, 0.075, 0.1, 0.15, 0.2,
    0.3, 0.5, 1, 2.5, 5
  };
  static final double[] QUANTILES = {0.5, 0.99, 0.999};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  // no _created series: the Pushgateway and the alert rules have no use for them
  private final PrometheusTextFormatWriter writer =
      PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();
  private final Counter requests;
  private final Counter errors;
  private final Histogram latency;
  private final Gauge lastRun;
  private final Clock clock;

  public ProbeMetrics(List<TargetStats> targets, Clock clock) {
    this.clock = clock;
    requests =
        Counter.builder()
            .name("smo1_probe_requests_total")
            .help("Probes sent to the edge URL in this run")
            .labelNames("target")
            .register(registry);
    errors =
        Counter.builder()
            .name("smo1_probe_errors_total")
            .help("Probes of this run that failed: status, location, timeout, connect")
            .labelNames("target", "reason")
            .register(registry);
    latency =
        Histogram.builder()
            .name("smo1_probe_latency_seconds")
            .help("Time from a probe's due time to the edge's answer (timeouts included)")
            .labelNames("target")
            .classicOnly()
            .classicUpperBounds(BUCKETS)
            .register(registry);
    GaugeWithCallback.builder()
        .name("smo1_probe_latency_quantile_seconds")
        .help("Exact latency quantiles of this run's probes (nearest rank), per edge URL")
        .labelNames("target", "quantile")
        .callback(
            callback -> {
              for (TargetStats stats : targets) {
                TargetStats.Snapshot snapshot = stats.snapshot();
                for (double quantile : QUANTILES) {
                  callback.call(
                      snapshot.quantileSeconds(quantile),
                      stats.target().toString(),
                      Double.toString(quantile));
                }
              }
            })
        .register(registry);
    lastRun =
        Gauge.builder()
            .name("smo1_probe_last_run_timestamp_seconds")
            .help("When the last run ended (Unix seconds), per edge URL")
            .labelNames("target")
            .register(registry);
    for (TargetStats stats : targets) {
      String target = stats.target().toString();
      requests.labelValues(target);
      latency.labelValues(target);
      for (ErrorReason reason : ErrorReason.values()) {
        errors.labelValues(target, reason.label());
      }
    }
  }

  void request(TargetStats target) {
    requests.labelValues(target.target().toString()).inc();
  }

  void latency(TargetStats target, long nanos) {
    latency.labelValues(target.target().toString()).observe(nanos / 1e9);
  }

  void error(TargetStats target, ErrorReason reason) {
    errors.labelValues(target.target().toString(), reason.label()).inc();
  }

  /** Marks the run ended now for every target. */
  public void ended(List<TargetStats> targets) {
    double now = clock.millis() / 1000.0;
    for (TargetStats stats : targets) {
      lastRun.labelValues(stats.target().toString()).set(now);
    }
  }

  /** Everything in the Prometheus text exposition format (0.0.4), without timestamps. */
  public byte[] text() {
    var out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
}
