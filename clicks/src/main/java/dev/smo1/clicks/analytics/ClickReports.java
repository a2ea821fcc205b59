package dev.smo1.clicks.analytics;

import java.util.concurrent.CompletionStage;

/**
 * Click analytics as the HTTP layer needs them; {@link ClickAnalytics} reads ClickHouse. Failures
 * that a retry may cure complete the stage with {@link AnalyticsUnavailableException}.
 */
public interface ClickReports {
  CompletionStage<AnalyticsReport> report(AnalyticsQuery query);

  /**
   * The raw clicks of a range as CSV with a header row ({@link ClickExport#COLUMNS}), oldest first,
   * streamed from ClickHouse as it reads them: the stream is the caller's to close.
   */
  CompletionStage<java.io.InputStream> export(ClickExport query);
}
