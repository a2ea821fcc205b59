package dev.smo1.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Creates N links through the API over C kept-alive connections (closed loop, one request in flight
 * per connection, like wrk), records each request's latency, fails on any answer but 201, and
 * appends the created codes to a file (the redirect scenario's input).
 *
 * <p>Usage: {@code CreateLoad <baseUrl> <apiKey> <n> <concurrency> <codesFile> <runTag>
 * [pairsFile]}; the optional pairs file gets {@code code<TAB>target} lines.
 */
public final class CreateLoad {
  private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

  private CreateLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String authorization = "Bearer " + args[1];
    int n = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    Path codesFile = Path.of(args[4]);
    String runTag = args[5];
    Path pairsFile = args.length > 6 ? Path.of(args[6]) : null;

    var latencies = new Latencies(n);
    var next = new AtomicInteger();
    var progress = new AtomicInteger();
    String[] codes = new String[n];
    String[] targets = new String[n];
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    List<Future<?>> running = new ArrayList<>();
    long start = System.nanoTime();
    for (int worker = 0; worker < concurrency; worker++) {
      running.add(
          workers.submit(
              () -> {
                try (var http = new KeepAliveHttp(base)) {
                  int i;
                  while ((i = next.getAndIncrement()) < n) {
                    targets[i] = "https://example.com/bench/" + runTag + "/" + i;
                    String body = "{\"target\":\"" + targets[i] + "\",\"tags\":[\"bench\"]}";
                    long sent = System.nanoTime();
                    var response = http.post("/api/v1/links", authorization, body);
                    latencies.record(System.nanoTime() - sent);
                    if (response.status() != 201) {
                      throw new IllegalStateException(
                          "create answered " + response.status() + ": " + response.body());
                    }
                    var matcher = CODE.matcher(response.body());
                    codes[i] = matcher.find() ? matcher.group(1) : null;
                    int done = progress.incrementAndGet();
                    if (done % 10_000 == 0) {
                      System.err.printf("  created %d/%d%n", done, n);
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : running) {
      worker.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    workers.shutdown();
    var lines = new StringBuilder();
    for (String code : codes) {
      lines.append(code).append('\n');
    }
    Files.writeString(codesFile, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (pairsFile != null) {
      var pairs = new StringBuilder();
      for (int i = 0; i < n; i++) {
        pairs.append(codes[i]).append('\t').append(targets[i]).append('\n');
      }
      Files.writeString(pairsFile, pairs, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.out.println(new Run(n, seconds, latencies).line());
  }
}
