package dev.smo1.prober;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Pushes a run's metrics to a Prometheus Pushgateway with its documented protocol: {@code PUT
 * /metrics/job/<job>/instance/<instance>} with the text exposition format. PUT replaces every
 * metric of that group, so a run's series never mix with the previous run's (a target dropped from
 * the command line disappears too). A short-lived job (the CronJob, a CI step) cannot be scraped;
 * the Pushgateway keeps its last push for Prometheus, and {@code
 * smo1_probe_last_run_timestamp_seconds} says how old it is.
 */
public final class Pushgateway {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI group;

  public Pushgateway(URI base, String job, String instance) {
    this.group =
        URI.create(base + "/metrics/job/" + segment(job) + "/instance/" + segment(instance));
  }

  /** The URL of this job's and instance's group. */
  public URI group() {
    return group;
  }

  /** Replaces the group's metrics with {@code text} (the exposition format). */
  public void push(byte[] text) throws IOException {
    HttpResponse<String> answer;
    try {
      answer =
          client.send(
              HttpRequest.newBuilder(group)
                  .timeout(TIMEOUT)
                  .header("Content-Type", ProbeMetrics.CONTENT_TYPE)
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(text))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted pushing to " + group, e);
    }
    if (answer.statusCode() / 100 != 2) {
      throw new IOException(
          "the Pushgateway answered "
              + answer.statusCode()
              + " to "
              + group
              + ": "
              + answer.body());
    }
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
