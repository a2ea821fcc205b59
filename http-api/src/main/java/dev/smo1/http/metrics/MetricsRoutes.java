package dev.smo1.http.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics}: this node's metrics in the Prometheus text format, for scraping. */
public final class MetricsRoutes {
  private static final ContentType TEXT_FORMAT =
      ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

  public MetricsRoutes(PrometheusRegistry registry) {
    this.registry = registry;
  }

  public Route routes() {
    return path(
        "metrics",
        () ->
            get(
                () -> {
                  var body = new ByteArrayOutputStream(8192);
                  try {
                    writer.write(body, registry.scrape());
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  return complete(
                      HttpResponse.create().withEntity(TEXT_FORMAT, body.toByteArray()));
                }));
  }
}
