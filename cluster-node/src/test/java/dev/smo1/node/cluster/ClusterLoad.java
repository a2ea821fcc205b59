package dev.smo1.node.cluster;

import dev.smo1.node.testing.NodeProcess;
import dev.smo1.node.testing.PrometheusText;
import dev.smo1.node.testing.TestNodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load of creates and redirects over nodes in JVMs of their own, sent the way a Kubernetes
 * Service would: only to nodes whose {@code /ready} (management port) answers 200, polled every 250
 * ms as the endpoints controller follows readiness probes. A client whose connection is refused
 * tries once more on another ready node. Records every create that was acknowledged (201) and every
 * request that failed, by kind.
 */
final class ClusterLoad implements AutoCloseable {
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final String prefix;
  private final int clients;
  private final List<String> known;
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final Map<NodeProcess, Boolean> candidates = new ConcurrentHashMap<>();
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong creates = new AtomicLong();
  private final AtomicLong redirects = new AtomicLong();
  private final AtomicLong failedCreates = new AtomicLong();
  private final AtomicLong failedRedirects = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final ExecutorService threads;

  /** Load over {@code known} links (code to target) plus new ones named {@code prefix}N. */
  ClusterLoad(String prefix, int clients, Map<String, String> known) {
    this.prefix = prefix;
    this.clients = clients;
    this.known = List.copyOf(known.keySet());
    this.acknowledged.putAll(known);
    this.threads = Executors.newFixedThreadPool(clients + 1);
  }

  /** Six clients over {@code nodes}, started; returns once every node is in rotation. */
  static ClusterLoad over(List<NodeProcess> nodes, String prefix, Map<String, String> known)
      throws Exception {
    var load = new ClusterLoad(prefix, 6, known);
    nodes.forEach(load::add);
    load.start();
    for (NodeProcess node : nodes) {
      load.awaitInRotation(node, Duration.ofSeconds(60));
    }
    return load;
  }

  /** The nodes' HTTP base URLs (they are ready). */
  static List<String> bases(List<NodeProcess> nodes) {
    return nodes.stream().map(node -> node.httpUrl().orElseThrow()).toList();
  }

  /** A node the load balancer may send to once it is ready. */
  void add(NodeProcess node) {
    candidates.put(node, Boolean.TRUE);
  }

  void start() {
    running.set(true);
    threads.submit(this::followReadiness);
    for (int c = 0; c < clients; c++) {
      threads.submit(this::client);
    }
  }

  /** Stops the clients and waits for them. */
  void stop() throws InterruptedException {
    running.set(false);
    threads.shutdown();
    if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new AssertionError("load clients did not stop");
    }
  }

  @Override
  public void close() {
    running.set(false);
    threads.shutdownNow();
  }

  Map<String, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  long requests() {
    return creates.get() + redirects.get();
  }

  long failedCreates() {
    return failedCreates.get();
  }

  long failedRedirects() {
    return failedRedirects.get();
  }

  /** The first failures, for assertion messages. */
  List<String> failures() {
    return List.copyOf(failures.subList(0, Math.min(20, failures.size())));
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "requests=%d creates=%d redirects=%d failed_creates=%d failed_redirects=%d"
            + " retried_refused=%d acknowledged=%d",
        requests(),
        creates.get(),
        redirects.get(),
        failedCreates.get(),
        failedRedirects.get(),
        retried.get(),
        acknowledged.size());
  }

  /** Waits until {@code node} is in the load balancer's rotation (its /ready answered 200). */
  void awaitInRotation(NodeProcess node, Duration within) throws Exception {
    String base = node.awaitReady(within);
    long deadline = System.nanoTime() + within.toNanos();
    while (!ready.contains(base)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(base + " never became ready\n" + node.logTail());
      }
      Thread.sleep(100);
    }
  }

  private void followReadiness() {
    while (running.get()) {
      for (NodeProcess node : candidates.keySet()) {
        var url = node.httpUrl();
        if (url.isEmpty()) {
          continue;
        }
        String base = url.get();
        if (node.isAlive() && isReady(node)) {
          ready.add(base);
        } else {
          ready.remove(base);
        }
      }
      sleep(250);
    }
  }

  /** Whether the node's {@code /ready} (management port) answers 200. */
  static boolean isReady(NodeProcess node) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(node.managementUrl() + "/ready"))
                      .timeout(Duration.ofSeconds(1))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Void client() {
    while (running.get()) {
      List<String> rotation = new ArrayList<>(ready);
      if (rotation.isEmpty()) {
        sleep(50);
        continue;
      }
      Collections.shuffle(rotation);
      boolean create = ThreadLocalRandom.current().nextInt(4) == 0;
      String code =
          create
              ? prefix + sequence.incrementAndGet()
              : known.get(ThreadLocalRandom.current().nextInt(known.size()));
      (create ? creates : redirects).incrementAndGet();
      String outcome = attempt(rotation.get(0), code, create);
      if (outcome.equals("refused") && rotation.size() > 1) {
        retried.incrementAndGet();
        outcome = attempt(rotation.get(1), code, create);
      }
      if (!outcome.equals("ok")) {
        (create ? failedCreates : failedRedirects).incrementAndGet();
        if (failures.size() < 1000) {
          failures.add((create ? "create " : "redirect ") + code + ": " + outcome);
        }
      }
      sleep(20);
    }
    return null;
  }

  /** "ok", "refused" (nobody listening: the client may retry elsewhere) or what went wrong. */
  private String attempt(String base, String code, boolean create) {
    try {
      if (create) {
        int status = create(base, code);
        if (status == 201) {
          acknowledged.put(code, target(code));
          return "ok";
        }
        return base + " answered " + status;
      }
      var response = visit(base, code);
      String location = response.headers().firstValue("Location").orElse(null);
      return response.statusCode() == 302 && target(code).equals(location)
          ? "ok"
          : base + " answered " + response.statusCode() + " " + location;
    } catch (ConnectException | HttpConnectTimeoutException refused) {
      return "refused";
    } catch (Exception e) {
      return base + " " + e;
    }
  }

  static String target(String code) {
    return "https://example.com/cluster/" + code;
  }

  static int create(String base, String code) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"target\":\"" + target(code) + "\",\"alias\":\"" + code + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static HttpResponse<Void> visit(String base, String code)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/" + code))
            .timeout(Duration.ofSeconds(15))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** Creates {@code count} links named {@code prefix}N, spread over {@code bases}. */
  static Map<String, String> createLinks(List<String> bases, String prefix, int count)
      throws Exception {
    Map<String, String> links = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String code = prefix + i;
      int status = create(bases.get(i % bases.size()), code);
      if (status != 201) {
        throw new AssertionError("create " + code + " answered " + status);
      }
      links.put(code, target(code));
    }
    return links;
  }

  /** Acknowledged links that a node does not redirect to exactly their target. */
  static List<String> wrongLinks(List<String> bases, Map<String, String> links) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (String base : bases) {
      for (var link : links.entrySet()) {
        var response = visit(base, link.getKey());
        String location = response.headers().firstValue("Location").orElse(null);
        if (response.statusCode() != 302 || !link.getValue().equals(location)) {
          wrong.add(base + "/" + link.getKey() + " -> " + response.statusCode() + " " + location);
        }
      }
    }
    return wrong;
  }

  /**
   * Seconds from {@code since} until every code's link takes a write (a title change) through
   * {@code bases}: a redirect could be answered from a node's memory; a write needs the link's
   * entity, so its shard must be running.
   */
  static double awaitAllWritable(
      List<String> bases, List<String> codes, Duration within, long since) throws Exception {
    long deadline = since + within.toNanos();
    List<String> pending = new ArrayList<>(codes);
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Map<String, CompletableFuture<Integer>> answers = new HashMap<>();
      for (int i = 0; i < pending.size(); i++) {
        String code = pending.get(i);
        answers.put(
            code,
            HTTP.sendAsync(
                    HttpRequest.newBuilder(
                            URI.create(bases.get(i % bases.size()) + "/api/v1/links/" + code))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + TestNodes.OWNER_KEY)
                        .header("Content-Type", "application/json")
                        .method(
                            "PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"written\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode)
                .exceptionally(error -> 0));
      }
      List<String> still = new ArrayList<>();
      for (var answer : answers.entrySet()) {
        if (answer.getValue().get(30, TimeUnit.SECONDS) != 200) {
          still.add(answer.getKey());
        }
      }
      pending = still;
      if (!pending.isEmpty()) {
        Thread.sleep(250);
      }
    }
    if (!pending.isEmpty()) {
      throw new AssertionError(pending.size() + " links not writable within " + within);
    }
    return (System.nanoTime() - since) / 1e9;
  }

  /** The link shards a node runs, from its metrics (counted every second in these tests). */
  static int shards(NodeProcess node) {
    try {
      String body =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(node.managementUrl() + "/metrics"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return PrometheusText.value(body, "smo1_sharding_shards", Map.of("type", "Link"))
          .orElse(0.0)
          .intValue();
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
