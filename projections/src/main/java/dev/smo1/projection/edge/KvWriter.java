package dev.smo1.projection.edge;

import dev.smo1.link.LinkStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one writer to Workers KV. The KV sync projection instances on this node hand it the
 * current records of the links they touched; it merges them into bulk requests (at most 10,000 keys
 * each, writes and deletes apart), at most {@value #MAX_IN_FLIGHT} in flight and at most {@code
 * maxRequestsPerSecond} started per second (Cloudflare limits requests per user; the node's share
 * changes with the cluster's members: {@link #requestsPerSecond}). A key is never in two requests
 * at once, so its writes reach KV in order; a key waiting to be sent keeps only its newest version;
 * a request's keys are acknowledged to their callers when Cloudflare accepted them. Failures are
 * retried until they succeed: 429 after Retry-After (or backoff), anything else with exponential
 * backoff up to 30 s; keys Cloudflare reports as unsuccessful are sent again. Nothing is dropped.
 */
public final class KvWriter implements KvRecords, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KvWriter.class);
  private static final Duration LINGER = Duration.ofMillis(20);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  static final int MAX_IN_FLIGHT = 2;

  private final CloudflareKvApi api;
  private long minIntervalNanos;
  private final ScheduledExecutorService timer;
  private final Map<String, Waiting> waiting = new LinkedHashMap<>();
  private final Counter requests;
  private final Gauge waitingKeys;
  private final Gauge rate;
  private boolean scheduled;
  private int inFlight;
  private final Set<String> keysInFlight = new HashSet<>();
  private long nextStartNanos;
  private int failures;
  private boolean lastWasDelete;

  /** A record to write (or a key to delete) and the callers waiting for it. */
  private record Waiting(EdgeLink link, List<CompletableFuture<Void>> callers) {}

  public KvWriter(CloudflareKvApi api, double maxRequestsPerSecond, PrometheusRegistry registry) {
    this.api = api;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("smo1-kv-writer").unstarted(runnable));
    this.requests =
        Counter.builder()
            .name("smo1_edge_kv_requests_total")
            .help("Bulk requests to the Cloudflare KV API, by kind and outcome")
            .labelNames("kind", "outcome")
            .register(registry);
    this.waitingKeys =
        Gauge.builder()
            .name("smo1_edge_kv_waiting_keys")
            .help("Keys waiting to be written to or deleted from Workers KV on this node")
            .register(registry);
    this.rate =
        Gauge.builder()
            .name("smo1_edge_kv_requests_per_second_limit")
            .help("Bulk requests to the Cloudflare KV API this node may start per second")
            .register(registry);
    requestsPerSecond(maxRequestsPerSecond);
  }

  /**
   * Changes how many requests this node may start per second (its share of the cluster's budget
   * changes with the members up); the next request waits for the new interval.
   */
  public synchronized void requestsPerSecond(double maxRequestsPerSecond) {
    if (!(maxRequestsPerSecond > 0)) {
      throw new IllegalArgumentException("maxRequestsPerSecond must be positive");
    }
    long interval = (long) (1e9 / maxRequestsPerSecond);
    if (interval != minIntervalNanos) {
      minIntervalNanos = interval;
      rate.set(maxRequestsPerSecond);
      log.info(
          "Workers KV: at most {} bulk requests per second from this node", maxRequestsPerSecond);
    }
  }

  /** Completes once every given link's current record (or a newer one) is in KV. */
  @Override
  public CompletionStage<Void> write(Collection<EdgeLink> links) {
    if (links.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    var done = new ArrayList<CompletableFuture<Void>>(links.size());
    synchronized (this) {
      for (EdgeLink link : links) {
        var caller = new CompletableFuture<Void>();
        done.add(caller);
        enqueue(new Waiting(link, new ArrayList<>(List.of(caller))));
      }
      waitingKeys.set(waiting.size());
      if (inFlight < MAX_IN_FLIGHT) {
        schedule(Math.max(LINGER.toNanos(), nextStartNanos - System.nanoTime()));
      }
    }
    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
  }

  /** Keeps the newest version per key; callers of an older version wait for the newer one. */
  private void enqueue(Waiting entry) {
    String key = KvLinkRecord.key(entry.link());
    Waiting present = waiting.get(key);
    if (present == null) {
      waiting.put(key, entry);
    } else if (entry.link().version() >= present.link().version()) {
      entry.callers().addAll(present.callers());
      waiting.put(key, entry);
    } else {
      present.callers().addAll(entry.callers());
    }
  }

  private void schedule(long delayNanos) {
    if (!scheduled) {
      scheduled = true;
      timer.schedule(this::sendNext, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
  }

  private void sendNext() {
    List<Waiting> batch = new ArrayList<>();
    boolean deletes;
    synchronized (this) {
      scheduled = false;
      if (waiting.isEmpty() || inFlight >= MAX_IN_FLIGHT) {
        return;
      }
      long wait = nextStartNanos - System.nanoTime();
      if (wait > 0) {
        schedule(wait);
        return;
      }
      // writes and deletes take turns when both wait (a key is in one of them: one entry per key)
      boolean anyDelete =
          waiting.values().stream().anyMatch(w -> sendable(w) && isDelete(w.link()));
      boolean anyWrite =
          waiting.values().stream().anyMatch(w -> sendable(w) && !isDelete(w.link()));
      if (!anyDelete && !anyWrite) {
        return; // every waiting key is in flight: the completion sends them
      }
      deletes = anyDelete && (!anyWrite || !lastWasDelete);
      lastWasDelete = deletes;
      for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
        Waiting entry = it.next();
        if (sendable(entry) && isDelete(entry.link()) == deletes) {
          batch.add(entry);
          keysInFlight.add(KvLinkRecord.key(entry.link()));
          it.remove();
          if (batch.size() == CloudflareKvApi.MAX_KEYS_PER_REQUEST) {
            break;
          }
        }
      }
      inFlight++;
      nextStartNanos = System.nanoTime() + minIntervalNanos;
      waitingKeys.set(waiting.size());
      if (inFlight < MAX_IN_FLIGHT && !waiting.isEmpty()) {
        schedule(minIntervalNanos);
      }
    }
    CompletionStage<CloudflareKvApi.Outcome> request;
    try {
      request =
          deletes
              ? api.bulkDelete(batch.stream().map(w -> KvLinkRecord.key(w.link())).toList())
              : api.bulkWrite(
                  batch.stream()
                      .map(
                          w ->
                              new CloudflareKvApi.Pair(
                                  KvLinkRecord.key(w.link()), KvLinkRecord.value(w.link())))
                      .toList());
    } catch (RuntimeException e) {
      request = CompletableFuture.failedFuture(e);
    }
    String kind = deletes ? "delete" : "write";
    request.whenComplete(
        (outcome, error) ->
            completed(
                kind,
                batch,
                error != null ? new CloudflareKvApi.Outcome.Failed(0, error.toString()) : outcome));
  }

  private void completed(String kind, List<Waiting> batch, CloudflareKvApi.Outcome outcome) {
    List<Waiting> acknowledged = new ArrayList<>(batch.size());
    synchronized (this) {
      inFlight--;
      batch.forEach(entry -> keysInFlight.remove(KvLinkRecord.key(entry.link())));
      long delay = Math.max(0, nextStartNanos - System.nanoTime());
      switch (outcome) {
        case CloudflareKvApi.Outcome.Done done -> {
          requests.labelValues(kind, "ok").inc();
          failures = 0;
          for (Waiting entry : batch) {
            if (done.unsuccessfulKeys().contains(KvLinkRecord.key(entry.link()))) {
              enqueue(entry);
            } else {
              acknowledged.add(entry);
            }
          }
          if (!done.unsuccessfulKeys().isEmpty()) {
            log.warn(
                "Workers KV did not take {} of {} keys; sending them again",
                done.unsuccessfulKeys().size(),
                batch.size());
          }
        }
        case CloudflareKvApi.Outcome.RateLimited limited -> {
          requests.labelValues(kind, "rate_limited").inc();
          batch.forEach(this::enqueue);
          // Cloudflare says when to come back; without Retry-After, back off like a failure
          if (limited.retryAfter().isPresent()) {
            delay = Math.max(delay, limited.retryAfter().get().toNanos());
          } else {
            delay = Math.max(delay, backoff());
            failures++;
          }
          log.info("Workers KV API rate limit reached; retrying in {} ms", delay / 1_000_000);
        }
        case CloudflareKvApi.Outcome.Failed failed -> {
          requests.labelValues(kind, failed.status() == 0 ? "unreachable" : "failed").inc();
          batch.forEach(this::enqueue);
          delay = Math.max(delay, backoff());
          failures++;
          log.warn(
              "Workers KV {} of {} keys failed (status {}: {}); retrying in {} ms",
              kind,
              batch.size(),
              failed.status(),
              failed.message(),
              delay / 1_000_000);
        }
      }
      // a failure holds every request back, not only this one's retry
      nextStartNanos = Math.max(nextStartNanos, System.nanoTime() + delay);
      waitingKeys.set(waiting.size());
      if (!waiting.isEmpty()) {
        schedule(delay);
      }
    }
    for (Waiting entry : acknowledged) {
      entry.callers().forEach(caller -> caller.complete(null));
    }
  }

  /** 250 ms doubling per consecutive failure, at most 30 s, with ±20 % jitter. */
  private long backoff() {
    long base =
        Math.min(MAX_BACKOFF.toNanos(), Duration.ofMillis(250).toNanos() << Math.min(failures, 10));
    return (long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
  }

  private boolean sendable(Waiting entry) {
    return !keysInFlight.contains(KvLinkRecord.key(entry.link()));
  }

  private static boolean isDelete(EdgeLink link) {
    return link.status() == LinkStatus.DELETED;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (this) {
      var stopped = new IllegalStateException("the KV writer stopped");
      waiting.values().forEach(w -> w.callers().forEach(c -> c.completeExceptionally(stopped)));
      waiting.clear();
    }
  }
}
