package dev.smo1.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a link change takes to reach Workers KV and the edge, under a steady (paced, open-loop)
 * load of changes through the API: every other change creates a link, the others change the target
 * of a link created earlier (whose last change was answered 5 s before or more). Each change has a
 * target of its own, by which it is recognised downstream.
 *
 * <p>Observed from outside the node: the local edge's KV API stand-in logs, per key, each write it
 * acknowledged with the record's target and the time ({@code GET /__smo1/writes}); the lag of a
 * change is that time minus the time the API answered it (same machine, milliseconds). One change
 * in five is also followed at the Worker: asked every 20 ms (redirects not followed) until it
 * redirects to the change's target from its KV record ({@code X-SMO1-Source: edge}; until KV has a
 * new link, the Worker has the origin answer for it).
 *
 * <p>Usage: {@code KvLagLoad <baseUrl> <apiKey> <kvStandInUrl> <workerUrl> <changes/s> <seconds>};
 * prints one RUN line; changes KV has not taken 30 s after the last one are {@code missing}.
 */
public final class KvLagLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SERVED_EVERY = 5;
  private static final Duration SETTLE = Duration.ofSeconds(30);

  /** One change: the link's code, the target it set, when the API answered it (epoch ms). */
  private record Change(String code, String target, long answeredAt) {}

  private KvLagLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String authorization = "Bearer " + args[1];
    URI standIn = URI.create(args[2]);
    URI worker = URI.create(args[3]);
    int rate = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    int n = rate * seconds;
    String run = Long.toString(System.currentTimeMillis(), 36);

    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    var changes = new ConcurrentLinkedQueue<Change>();
    var updatable = new ConcurrentLinkedQueue<String>(); // codes whose last change was answered
    var failed = new AtomicInteger();
    var served = new Latencies(n / SERVED_EVERY + 1);
    var servedMissing = new AtomicInteger();
    var following = new AtomicInteger(); // changes still being asked for at the Worker
    ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2);
    ExecutorService senders = Executors.newFixedThreadPool(16);
    var creates = new AtomicInteger();
    var updates = new AtomicInteger();

    System.err.printf(Locale.ROOT, "  %d changes at %d/s for %d s%n", n, rate, seconds);
    long start = System.nanoTime();
    var sent = new ArrayList<java.util.concurrent.Future<?>>(n);
    for (int i = 0; i < n; i++) {
      LockSupport.parkNanos(start + (long) (i * 1e9 / rate) - System.nanoTime());
      int index = i;
      String code = index % 2 == 1 ? updatable.poll() : null;
      sent.add(
          senders.submit(
              () -> {
                String target = "https://example.com/kv-lag/" + run + "/" + index;
                try {
                  HttpResponse<String> response =
                      code == null
                          ? http.send(
                              request(base.resolve("/api/v1/links"), authorization)
                                  .POST(body("{\"target\":\"" + target + "\"}"))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString())
                          : http.send(
                              request(base.resolve("/api/v1/links/" + code), authorization)
                                  .method("PATCH", body("{\"target\":\"" + target + "\"}"))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                  long answeredAt = System.currentTimeMillis();
                  if (response.statusCode() != (code == null ? 201 : 200)) {
                    if (failed.getAndIncrement() == 0) {
                      System.err.println(
                          "  first failure: " + response.statusCode() + " " + response.body());
                    }
                    return;
                  }
                  String changed = JSON.readTree(response.body()).path("code").asText();
                  (code == null ? creates : updates).incrementAndGet();
                  changes.add(new Change(changed, target, answeredAt));
                  if (index % SERVED_EVERY == 0) {
                    following.incrementAndGet();
                    follow(
                        http,
                        pollers,
                        worker,
                        changed,
                        target,
                        answeredAt,
                        served,
                        servedMissing,
                        following);
                  }
                  // changed again only once this change is surely out (a key waiting to be sent
                  // keeps only its newest record: a quicker second change would hide this one)
                  pollers.schedule(() -> updatable.add(changed), 5, TimeUnit.SECONDS);
                } catch (Exception e) {
                  if (failed.getAndIncrement() == 0) {
                    System.err.println("  first failure: " + e);
                  }
                }
              }));
    }
    for (var future : sent) {
      future.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    senders.shutdown();

    System.err.println("  waiting for KV to acknowledge every change (30 s at most)");
    List<Change> all = new ArrayList<>(changes);
    Latencies lags = new Latencies(all.size());
    long deadline = System.currentTimeMillis() + SETTLE.toMillis();
    List<Change> missing;
    do {
      Thread.sleep(500);
      missing = measure(http, standIn, all, lags, System.currentTimeMillis() >= deadline);
    } while (missing != null && System.currentTimeMillis() < deadline);
    if (missing == null) {
      missing = List.of();
    } else {
      measure(http, standIn, all, lags, true);
    }
    long followDeadline = System.currentTimeMillis() + SETTLE.toMillis();
    while (following.get() > 0 && System.currentTimeMillis() < followDeadline) {
      Thread.sleep(100);
    }
    pollers.shutdownNow();

    System.out.printf(
        Locale.ROOT,
        "RUN changes=%d creates=%d updates=%d rate=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f"
            + " served_p50_ms=%.1f served_p99_ms=%.1f served_max_ms=%.1f served_samples=%d"
            + " served_missing=%d missing=%d failed=%d%n",
        all.size(),
        creates.get(),
        updates.get(),
        all.size() / elapsed,
        lags.percentileMillis(50),
        lags.percentileMillis(99),
        lags.percentileMillis(100),
        served.percentileMillis(50),
        served.percentileMillis(99),
        served.percentileMillis(100),
        served.count(),
        servedMissing.get(),
        missing.size(),
        failed.get());
    if (!missing.isEmpty()) {
      System.err.println("  first missing change: " + missing.get(0));
    }
  }

  /**
   * Records each change's lag from the stand-in's log and returns the changes not in it yet, or
   * null when none is missing; records nothing until every change is there, unless {@code last}.
   */
  private static List<Change> measure(
      HttpClient http, URI standIn, List<Change> all, Latencies lags, boolean last)
      throws Exception {
    JsonNode writes =
        JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(standIn.resolve("/__smo1/writes")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .path("writes");
    List<Change> missing = new ArrayList<>();
    List<Long> found = new ArrayList<>(all.size());
    for (Change change : all) {
      long at = writtenAt(writes, change);
      if (at < 0) {
        missing.add(change);
      } else {
        found.add(at - change.answeredAt());
      }
    }
    if (missing.isEmpty() || last) {
      found.forEach(lag -> lags.record(Math.max(0, lag) * 1_000_000L));
    }
    return missing.isEmpty() ? null : missing;
  }

  /** When the stand-in acknowledged the first write of the change's target, or -1. */
  private static long writtenAt(JsonNode writes, Change change) {
    for (Iterator<JsonNode> it = writes.path(key(change.code())).elements(); it.hasNext(); ) {
      JsonNode write = it.next();
      if (change.target().equals(write.path("target").asText(null))) {
        return write.path("at").asLong();
      }
    }
    return -1;
  }

  /** The link's KV key: its domain (the node's default short domain here) and code. */
  private static String key(String code) {
    return System.getProperty("smo1.bench.domain", "localhost") + "/" + code;
  }

  /** Asks the Worker for the code every 20 ms until it redirects to the target (30 s at most). */
  private static void follow(
      HttpClient http,
      ScheduledExecutorService pollers,
      URI worker,
      String code,
      String target,
      long answeredAt,
      Latencies served,
      AtomicInteger servedMissing,
      AtomicInteger following) {
    var ask =
        new Runnable() {
          @Override
          public void run() {
            try {
              HttpResponse<Void> response =
                  http.send(
                      HttpRequest.newBuilder(worker.resolve("/" + code))
                          .timeout(Duration.ofSeconds(5))
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
              // from its KV record: a link KV does not have yet is served by the origin meanwhile
              if (target.equals(response.headers().firstValue("Location").orElse(null))
                  && "edge".equals(response.headers().firstValue("X-SMO1-Source").orElse(null))) {
                served.record((System.currentTimeMillis() - answeredAt) * 1_000_000L);
                following.decrementAndGet();
                return;
              }
            } catch (Exception e) {
              // asked again below
            }
            if (System.currentTimeMillis() - answeredAt > SETTLE.toMillis()) {
              servedMissing.incrementAndGet();
              following.decrementAndGet();
            } else {
              pollers.schedule(this, 20, TimeUnit.MILLISECONDS);
            }
          }
        };
    pollers.execute(ask);
  }

  private static HttpRequest.Builder request(URI uri, String authorization) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }
}
