package dev.smo1.clicks;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The click consumer's metrics. Their names are an interface of the alerts and dashboards (decision
 * 0011): rename one only together with {@code observability/}.
 */
final class IngestMetrics {
  /**
   * {@link #deadLettered}'s reasons: a stream entry that cannot be read, clicks ClickHouse refused.
   */
  static final String UNREADABLE = "unreadable";

  static final String REFUSED = "refused";

  final Counter inserted;
  final Counter skipped;
  final Counter failures;
  final Counter withoutLink;
  final Counter deadLettered;
  final Gauge backlog;

  IngestMetrics(PrometheusRegistry registry) {
    this.inserted =
        Counter.builder()
            .name("smo1_clicks_inserted_total")
            .help("Clicks inserted into ClickHouse by this node")
            .register(registry);
    this.skipped =
        Counter.builder()
            .name("smo1_clicks_redelivered_skipped_total")
            .help("Clicks delivered again that ClickHouse already held, so not inserted again")
            .register(registry);
    this.failures =
        Counter.builder()
            .name("smo1_clicks_insert_failures_total")
            .help("Failed attempts to insert a batch of clicks (each is retried)")
            .register(registry);
    this.withoutLink =
        Counter.builder()
            .name("smo1_clicks_without_link_total")
            .help(
                "Clicks inserted under the owner '(no link)': their code is no link's (it has no"
                    + " first event in the journal)")
            .register(registry);
    this.deadLettered =
        Counter.builder()
            .name("smo1_clicks_dead_letter_total")
            .help(
                "Set aside in the dead-letter stream ("
                    + RedisClickStream.DEAD_LETTERS
                    + ") and never inserted: stream entries that could not be read (reason"
                    + " unreadable, counted per entry) and clicks ClickHouse refused for their"
                    + " values (reason refused, counted per click)")
            .labelNames("reason")
            .register(registry);
    deadLettered.initLabelValues(UNREADABLE);
    deadLettered.initLabelValues(REFUSED);
    this.backlog =
        Gauge.builder()
            .name("smo1_clicks_backlog")
            .help("Clicks in the buffer not yet in ClickHouse (pending plus not yet read)")
            .register(registry);
  }
}
