package dev.smo1.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Analytics API latency: {@code requests} calls over {@code concurrency} connections, alternating
 * one random link's report ({@code /api/v1/links/{code}/analytics}) and the whole account's ({@code
 * /api/v1/analytics}), both with the same query string.
 *
 * <p>Usage: {@code AnalyticsLoad <baseUrl> <apiKey> <codesFile> <requests> <concurrency> <query>};
 * prints one {@code RUN link_p50_ms=… link_p95_ms=… account_p50_ms=… account_p95_ms=… errors=…}
 * line.
 */
public final class AnalyticsLoad {
  private AnalyticsLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String authorization = "Bearer " + args[1];
    List<String> codes = Files.readAllLines(Path.of(args[2]));
    int requests = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);
    String query = args[5];
    var http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<Double> link = Collections.synchronizedList(new ArrayList<>());
    List<Double> account = Collections.synchronizedList(new ArrayList<>());
    var errors = new AtomicInteger();
    var random = new SplittableRandom(requests);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        boolean whole = i % 2 == 1;
        String path =
            whole
                ? "/api/v1/analytics?" + query
                : "/api/v1/links/"
                    + codes.get(random.nextInt(codes.size()))
                    + "/analytics?"
                    + query;
        calls.add(
            pool.submit(
                () -> {
                  long start = System.nanoTime();
                  try {
                    var response =
                        http.send(
                            HttpRequest.newBuilder(base.resolve(path))
                                .header("Authorization", authorization)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                      errors.incrementAndGet();
                      System.err.println("  " + response.statusCode() + " " + response.body());
                      return;
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    return;
                  }
                  (whole ? account : link).add((System.nanoTime() - start) / 1e6);
                }));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf(
        "RUN link_p50_ms=%.1f link_p95_ms=%.1f account_p50_ms=%.1f account_p95_ms=%.1f errors=%d%n",
        percentile(link, 50),
        percentile(link, 95),
        percentile(account, 50),
        percentile(account, 95),
        errors.get());
  }

  private static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
