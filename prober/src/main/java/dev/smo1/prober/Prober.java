package dev.smo1.prober;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the probes: open loop, each target at the options' rate on a fixed schedule, codes taken in
 * turn, whatever the answers take (a slow edge gets the same load, and its slowness shows in the
 * latencies instead of thinning the requests). A probe's latency runs from when it was due, so a
 * prober that falls behind (a GC pause) counts its own delay rather than hiding the edge's. No
 * redirect is followed; connections are reused, so latency is the edge's answer plus one round
 * trip, not a TLS handshake each time.
 */
public final class Prober {
  /**
   * The identity probes give: a crawler by SMO1's user-agent rules (the token "bot"), so a GET
   * probe of a link with a visit limit uses up none, and routing treats it as the unknown device it
   * is.
   */
  public static final String USER_AGENT = "smo1-probe/1.0 (synthetic monitoring bot)";

  /** Requests in flight at most, across targets: bounds sockets and memory when an edge hangs. */
  static final int MAX_IN_FLIGHT = 512;

  private final ProbeOptions options;
  private final Map<String, Expectation> expectations;
  private final List<TargetStats> targets;
  private final ProbeMetrics metrics;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  public Prober(
      ProbeOptions options,
      Map<String, Expectation> expectations,
      List<TargetStats> targets,
      ProbeMetrics metrics) {
    this.options = options;
    this.expectations = expectations;
    this.targets = targets;
    this.metrics = metrics;
  }

  /** Probes for the options' duration, then waits for the answers still due. */
  public void run() throws InterruptedException {
    List<String> codes = options.codes().stream().map(CodeLine::code).toList();
    List<HttpClient> clients = targets.stream().map(stats -> client(stats.target())).toList();
    long requests = options.requestsPerTarget();
    long period = Math.round(1e9 / options.rate());
    long offset = period / targets.size();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    long start = System.nanoTime();
    for (long i = 0; i < requests; i++) {
      String code = codes.get((int) (i % codes.size()));
      for (int t = 0; t < targets.size(); t++) {
        long due = start + i * period + t * offset;
        long wait = due - System.nanoTime();
        while (wait > 0) {
          LockSupport.parkNanos(wait);
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
          wait = due - System.nanoTime();
        }
        pending.add(probe(clients.get(t), targets.get(t), code, due));
        pending.removeIf(CompletableFuture::isDone);
      }
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
          .get(options.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // every probe completes on its own (answer, timeout or failure, each recorded)
    }
  }

  private CompletableFuture<Void> probe(
      HttpClient client, TargetStats stats, String code, long due) {
    metrics.request(stats);
    if (!inFlight.tryAcquire()) {
      stats.answered(System.nanoTime() - due);
      fail(stats, code, ErrorReason.TIMEOUT, MAX_IN_FLIGHT + " probes still unanswered");
      return CompletableFuture.completedFuture(null);
    }
    URI uri = ProbeOptions.probeUrl(stats.target(), code);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .method(options.method(), HttpRequest.BodyPublishers.noBody())
            .timeout(options.timeout())
            .header("User-Agent", USER_AGENT)
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .orTimeout(options.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)
        .handle(
            (response, failure) -> {
              try {
                long nanos = System.nanoTime() - due;
                if (failure == null) {
                  answered(stats, code, response, nanos);
                } else {
                  failed(stats, code, failure, nanos);
                }
                return null;
              } finally {
                inFlight.release();
              }
            });
  }

  private void answered(TargetStats stats, String code, HttpResponse<Void> response, long nanos) {
    stats.answered(nanos);
    metrics.latency(stats, nanos);
    Optional<String> location = response.headers().firstValue("Location");
    Expectation expected = expectations.get(code);
    expected
        .check(response.statusCode(), location)
        .ifPresent(
            reason ->
                fail(
                    stats,
                    code,
                    reason,
                    "status="
                        + response.statusCode()
                        + " location="
                        + location.orElse("(none)")
                        + " expected_status="
                        + expected.statuses()
                        + " expected_location="
                        + expected.locations()));
  }

  private void failed(TargetStats stats, String code, Throwable failure, long nanos) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      // a visitor waited this long at least: it belongs in the latencies
      stats.answered(nanos);
      metrics.latency(stats, nanos);
      fail(
          stats,
          code,
          ErrorReason.TIMEOUT,
          "no answer within " + options.timeout().toMillis() + " ms");
    } else {
      stats.unanswered();
      // a refused connection's ConnectException has no message of its own: name the class
      String what =
          cause instanceof IOException
              ? cause.getClass().getSimpleName()
                  + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
              : "unexpected " + cause;
      fail(stats, code, ErrorReason.CONNECT, what);
    }
  }

  private void fail(TargetStats stats, String code, ErrorReason reason, String detail) {
    stats.failed(
        reason,
        "PROBE_ERROR target="
            + stats.target()
            + " code="
            + code
            + " reason="
            + reason.label()
            + " "
            + detail);
    metrics.error(stats, reason);
  }

  /**
   * One client per target. HTTP/2 over TLS where the edge offers it (Cloudflare does), HTTP/1.1 in
   * clear text: the JDK client would otherwise ask a plain-HTTP edge to upgrade to h2c.
   */
  private HttpClient client(URI target) {
    return HttpClient.newBuilder()
        .version(
            target.getScheme().equalsIgnoreCase("https")
                ? HttpClient.Version.HTTP_2
                : HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(options.timeout())
        .build();
  }
}
