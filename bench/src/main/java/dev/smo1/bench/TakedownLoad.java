package dev.smo1.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a takedown takes to reach the edge: from the platform admin's acknowledgement ({@code
 * POST /api/v1/admin/links/{domain}/{code}/takedown} answered 200) to the Worker serving the 451
 * page from its KV record ({@code X-SMO1-Source: edge}), asked every {@value #POLL_MS} ms (the
 * resolution). The reference, in the same run, is the owner disabling a link ({@code POST
 * /links/{code}/disable}) until the Worker serves its 410 from KV: the same path through the
 * entity, the projections and the KV sync.
 *
 * <p>Every link is first created and followed at the Worker until it redirects from KV, so the
 * Worker never answers a takedown from the origin (which knows it at once). Takedowns and disables
 * alternate, paced at {@code rate} per second.
 *
 * <p>Usage: {@code TakedownLoad <baseUrl> <adminKey> <workerUrl> <domain> <takedowns> <rate>};
 * prints one RUN line. A takedown or disable not answered 200 is {@code failed}; one the Worker
 * does not serve within 30 s is {@code missing}.
 */
public final class TakedownLoad {
  static final int POLL_MS = 20;
  private static final long SETTLE_MS = 30_000;

  private TakedownLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String authorization = "Bearer " + args[1];
    URI worker = URI.create(args[2]);
    String domain = args[3];
    int takedowns = Integer.parseInt(args[4]);
    int rate = Integer.parseInt(args[5]);
    String run = Long.toString(System.currentTimeMillis(), 36);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    // takedowns and as many disables, alternating: codes t-… and d-…
    List<String> codes = new ArrayList<>(2 * takedowns);
    for (int i = 0; i < takedowns; i++) {
      codes.add("t-" + run + "-" + i);
      codes.add("d-" + run + "-" + i);
    }
    var failed = new AtomicInteger();
    System.err.printf(Locale.ROOT, "  creating %d links in bulk%n", codes.size());
    for (int from = 0; from < codes.size(); from += 100) {
      var items = new StringBuilder();
      for (String code : codes.subList(from, Math.min(codes.size(), from + 100))) {
        items.append(items.isEmpty() ? "" : ",");
        items
            .append("{\"target\":\"https://example.com/takedown/")
            .append(code)
            .append("\",\"alias\":\"")
            .append(code)
            .append("\"}");
      }
      var created =
          http.send(
              request(base.resolve("/api/v1/links/bulk"), authorization)
                  .POST(body("{\"links\":[" + items + "]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 200 || created.body().contains("\"ok\":false")) {
        throw new IllegalStateException(
            "bulk create: " + created.statusCode() + " " + created.body());
      }
    }
    System.err.println("  waiting until the Worker redirects every link from KV");
    long readyBy = System.currentTimeMillis() + 60_000;
    for (String code : codes) {
      while (!fromEdge(http, worker, code, 302)) {
        if (System.currentTimeMillis() > readyBy) {
          throw new IllegalStateException("the Worker does not redirect " + code + " from KV");
        }
        Thread.sleep(50);
      }
    }

    var takedownLags = new Latencies(takedowns);
    var disableLags = new Latencies(takedowns);
    var missing = new AtomicInteger();
    ScheduledExecutorService pollers = Executors.newScheduledThreadPool(4);
    ExecutorService senders = Executors.newFixedThreadPool(8);
    var done = new CountDownLatch(codes.size());
    System.err.printf(
        Locale.ROOT,
        "  %d takedowns and %d disables, alternating, %d/s%n",
        takedowns,
        takedowns,
        rate);
    long start = System.nanoTime();
    for (int i = 0; i < codes.size(); i++) {
      LockSupport.parkNanos(start + (long) (i * 1e9 / rate) - System.nanoTime());
      String code = codes.get(i);
      boolean takedown = code.startsWith("t-");
      senders.submit(
          () -> {
            try {
              var answer =
                  takedown
                      ? http.send(
                          request(
                                  base.resolve(
                                      "/api/v1/admin/links/" + domain + "/" + code + "/takedown"),
                                  authorization)
                              .POST(body("{\"reason\":\"bench: phishing\"}"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      : http.send(
                          request(base.resolve("/api/v1/links/" + code + "/disable"), authorization)
                              .POST(HttpRequest.BodyPublishers.noBody())
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
              long acknowledged = System.currentTimeMillis();
              if (answer.statusCode() != 200) {
                if (failed.getAndIncrement() == 0) {
                  System.err.println(
                      "  first failure: " + answer.statusCode() + " " + answer.body());
                }
                done.countDown();
                return;
              }
              follow(
                  http,
                  pollers,
                  worker,
                  code,
                  takedown ? 451 : 410,
                  acknowledged,
                  takedown ? takedownLags : disableLags,
                  missing,
                  done);
            } catch (Exception e) {
              if (failed.getAndIncrement() == 0) {
                System.err.println("  first failure: " + e);
              }
              done.countDown();
            }
          });
    }
    done.await(SETTLE_MS + codes.size() * 1000L / rate + 10_000, TimeUnit.MILLISECONDS);
    senders.shutdownNow();
    pollers.shutdownNow();
    System.out.printf(
        Locale.ROOT,
        "RUN takedowns=%d takedown_p50_ms=%.1f takedown_p99_ms=%.1f takedown_max_ms=%.1f"
            + " disables=%d disable_p50_ms=%.1f disable_p99_ms=%.1f resolution_ms=%d"
            + " missing=%d failed=%d%n",
        takedownLags.count(),
        takedownLags.percentileMillis(50),
        takedownLags.percentileMillis(99),
        takedownLags.percentileMillis(100),
        disableLags.count(),
        disableLags.percentileMillis(50),
        disableLags.percentileMillis(99),
        POLL_MS,
        missing.get(),
        failed.get());
  }

  /** Asks the Worker every {@value #POLL_MS} ms until it answers {@code status} from KV. */
  private static void follow(
      HttpClient http,
      ScheduledExecutorService pollers,
      URI worker,
      String code,
      int status,
      long acknowledged,
      Latencies lags,
      AtomicInteger missing,
      CountDownLatch done) {
    var ask =
        new Runnable() {
          @Override
          public void run() {
            if (fromEdge(http, worker, code, status)) {
              lags.record(Math.max(0, System.currentTimeMillis() - acknowledged) * 1_000_000L);
              done.countDown();
            } else if (System.currentTimeMillis() - acknowledged > SETTLE_MS) {
              missing.incrementAndGet();
              done.countDown();
            } else {
              pollers.schedule(this, POLL_MS, TimeUnit.MILLISECONDS);
            }
          }
        };
    pollers.execute(ask);
  }

  /** Whether the Worker answers {@code status} for the code from its KV record. */
  private static boolean fromEdge(HttpClient http, URI worker, String code, int status) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(worker.resolve("/" + code))
                  .header("Accept", "application/json")
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == status
          && "edge".equals(response.headers().firstValue("X-SMO1-Source").orElse(null));
    } catch (Exception e) {
      return false;
    }
  }

  private static HttpRequest.Builder request(URI uri, String authorization) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }
}
