package dev.smo1.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives N requests over C kept-alive connections, closed loop (one request in flight per
 * connection, like wrk): each connection takes the next index until N are done. Records each
 * request's latency and prints progress every 10,000 requests. Optionally paced: request i is not
 * sent before {@code start + i / ratePerSecond}, for a steady load rather than the most it takes.
 */
final class ClosedLoop {
  /** One request: sends it for index {@code i} over {@code http}; throws to fail the run. */
  interface Request {
    void send(KeepAliveHttp http, int i) throws Exception;
  }

  private ClosedLoop() {}

  static Run run(URI base, int n, int concurrency, String verb, Request request) throws Exception {
    return paced(base, n, concurrency, 0, verb, request);
  }

  /** As {@link #run}, request i sent no earlier than i / ratePerSecond after the start (0: now). */
  static Run paced(
      URI base, int n, int concurrency, double ratePerSecond, String verb, Request request)
      throws Exception {
    var latencies = new Latencies(n);
    var next = new AtomicInteger();
    var progress = new AtomicInteger();
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
                    if (ratePerSecond > 0) {
                      long due = start + (long) (i * 1e9 / ratePerSecond);
                      LockSupport.parkNanos(due - System.nanoTime());
                    }
                    long sent = System.nanoTime();
                    request.send(http, i);
                    latencies.record(System.nanoTime() - sent);
                    int done = progress.incrementAndGet();
                    if (done % 10_000 == 0) {
                      System.err.printf("  %s %d/%d%n", verb, done, n);
                    }
                  }
                }
                return null;
              }));
    }
    try {
      for (Future<?> worker : running) {
        worker.get();
      }
    } finally {
      workers.shutdownNow();
    }
    return new Run(n, (System.nanoTime() - start) / 1e9, latencies);
  }
}
