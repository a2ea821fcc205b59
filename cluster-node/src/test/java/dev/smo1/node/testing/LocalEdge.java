package dev.smo1.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The local edge ({@code edge-redirect/dev/local-edge.mjs}) as a child process: the real Worker in
 * workerd with a local KV namespace, and the stand-in for Cloudflare's KV REST API backed by it.
 * Needs the edge's npm packages ({@code ./smo1 test} installs them).
 */
public final class LocalEdge implements AutoCloseable {
  public static final String TOKEN = "test-kv-token";
  public static final String ACCOUNT = "test-account";
  public static final String NAMESPACE = "test-links";
  public static final String CLICK_SECRET = "test-click-secret";
  public static final String ACCESS_SECRET = "test-link-access-secret";
  private static final Path EDGE = Path.of("..", "edge-redirect").toAbsolutePath().normalize();
  private static final Pattern READY =
      Pattern.compile("^SMO1_EDGE_READY worker=(\\S+) kv_api=(\\S+) .*");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The local edge stands in for Cloudflare, which in production runs on its own machines. Here it
   * shares 2 cores with the node under test, so it runs at a higher scheduling priority: at equal
   * priority its KV simulator, starved by the node's load, took 5 to 10 ms per key written instead
   * of about 1 ms, and that, not the node, made most of the measured KV lag (decision 0006).
   */
  private static final Path NICE = Path.of("/usr/bin/nice");

  private final Process process;
  private final URI worker;
  private final URI kvApi;

  private LocalEdge(Process process, URI worker, URI kvApi) {
    this.process = process;
    this.worker = worker;
    this.kvApi = kvApi;
  }

  /**
   * The edge Worker as main built it before KV record format 2 (it reads format 1 alone): {@code
   * edge-redirect/test/previous-worker}, for rollout tests.
   */
  public static final Path PREVIOUS_WORKER =
      EDGE.resolve("test/previous-worker/worker-format1.mjs");

  /** Starts the local edge in front of the origin at {@code originUrl}. */
  public static LocalEdge start(String originUrl, String shortDomain) {
    return start(originUrl, shortDomain, null);
  }

  /**
   * As {@link #start(String, String)}, running {@code workerScript} (a built Worker, such as {@link
   * #PREVIOUS_WORKER}) instead of the Worker of this checkout; null: this checkout's.
   */
  public static LocalEdge start(String originUrl, String shortDomain, Path workerScript) {
    Path node = EDGE.resolveSibling("dev/toolchain/node_modules/node/bin/node");
    if (!Files.isExecutable(node)) {
      throw new IllegalStateException(
          "the JavaScript toolchain is missing ("
              + node
              + "); run ./smo1 test, which installs it and the pnpm workspace");
    }
    try {
      var command = new ArrayList<String>();
      if (Files.isExecutable(NICE) && "root".equals(System.getProperty("user.name"))) {
        command.addAll(List.of(NICE.toString(), "-n", "-10"));
      } else {
        System.err.println(
            "local-edge: runs at normal priority (raising it needs root), so it shares the CPU"
                + " with the node under test and KV lag figures read high");
      }
      command.addAll(List.of(node.toString(), "dev/local-edge.mjs"));
      var builder = new ProcessBuilder(command).directory(EDGE.toFile()).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.put("ORIGIN_URL", originUrl);
      env.put("SHORT_DOMAIN", shortDomain);
      env.put("KV_API_TOKEN", TOKEN);
      env.put("CF_ACCOUNT_ID", ACCOUNT);
      env.put("KV_NAMESPACE_ID", NAMESPACE);
      env.put("CLICK_SECRET", CLICK_SECRET);
      env.put("ACCESS_SECRET", ACCESS_SECRET);
      if (workerScript != null) {
        env.put("WORKER_SCRIPT", workerScript.toString());
      }
      Process process = builder.start();
      var ready = new CompletableFuture<LocalEdge>();
      Thread.ofPlatform()
          .daemon()
          .name("local-edge-output")
          .start(
              () -> {
                try (var lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    var matcher = READY.matcher(line);
                    if (!ready.isDone() && matcher.matches()) {
                      ready.complete(
                          new LocalEdge(
                              process, URI.create(matcher.group(1)), URI.create(matcher.group(2))));
                    } else if (line.contains("\"level\":\"error\"") || line.startsWith("✘")) {
                      System.err.println("local-edge: " + line);
                    }
                  }
                } catch (IOException ignored) {
                  // the process ended
                }
                ready.completeExceptionally(
                    new IllegalStateException("the local edge exited before it was ready"));
              });
      return ready.get(90, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the local edge did not start", e);
    }
  }

  /** The Worker's base URL (redirects: {@code worker/<code>}). */
  public URI worker() {
    return worker;
  }

  /** The KV API stand-in, as {@code smo1.edge.kv.api-url}. */
  public URI kvApi() {
    return kvApi;
  }

  /** Node configuration that points the KV sync at this edge. */
  public Map<String, Object> nodeOverrides(double maxRequestsPerSecond) {
    return Map.of(
        "smo1.edge.kv.api-url", kvApi.toString(),
        "smo1.edge.kv.account-id", ACCOUNT,
        "smo1.edge.kv.namespace-id", NAMESPACE,
        "smo1.edge.kv.api-token", TOKEN,
        "smo1.edge.kv.max-requests-per-second", maxRequestsPerSecond);
  }

  /** The next {@code count} KV API calls answer {@code status} (429 with Retry-After). */
  public void failNext(int status, int count, int retryAfterSeconds) {
    var response =
        send(
            HttpRequest.newBuilder(control("/__smo1/faults"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"status\":"
                            + status
                            + ",\"count\":"
                            + count
                            + ",\"retryAfterSeconds\":"
                            + retryAfterSeconds
                            + "}")));
    if (response.statusCode() != 204) {
      throw new IllegalStateException("fault injection refused: " + response.body());
    }
  }

  /**
   * Per KV key, its last writes and deletes: {@code {"stats":{...},"writes":{key:[{at, op, version,
   * expiration}]}}}, {@code at} in epoch milliseconds, {@code expiration} in epoch seconds (null
   * when the write asked for none).
   */
  public JsonNode writes() {
    try {
      return JSON.readTree(send(HttpRequest.newBuilder(control("/__smo1/writes")).GET()).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A redirect through the Worker, not followed. */
  public HttpResponse<String> visit(String code) {
    return visit(code, Map.of());
  }

  /** A redirect through the Worker with these request headers, not followed. */
  public HttpResponse<String> visit(String code, Map<String, String> headers) {
    var request = HttpRequest.newBuilder(worker.resolve("/" + code)).GET();
    headers.forEach(request::header);
    return send(request);
  }

  /** A form posted to a link through the Worker ({@code application/x-www-form-urlencoded}). */
  public HttpResponse<String> post(String code, String form, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(worker.resolve("/" + code))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    headers.forEach(request::header);
    return send(request);
  }

  /** A key's value in the namespace, through the KV API stand-in; null when there is none. */
  public String value(String key) {
    var response =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        namespaceApi()
                            + "/values/"
                            + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + TOKEN)
                .GET());
    return response.statusCode() == 200 ? response.body() : null;
  }

  /** Deletes keys from the namespace through the KV API stand-in, as Cloudflare's API would. */
  public void delete(List<String> keys) {
    try {
      var response =
          send(
              HttpRequest.newBuilder(URI.create(namespaceApi() + "/bulk/delete"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(keys))));
      if (response.statusCode() != 200) {
        throw new IllegalStateException("KV delete refused: " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a key's value through the KV API stand-in, as the node's KV sync does. */
  public void put(String key, String value) {
    try {
      var response =
          send(
              HttpRequest.newBuilder(URI.create(namespaceApi() + "/bulk"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/json")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(List.of(Map.of("key", key, "value", value))))));
      if (response.statusCode() != 200) {
        throw new IllegalStateException("KV write refused: " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String namespaceApi() {
    return kvApi + "/accounts/" + ACCOUNT + "/storage/kv/namespaces/" + NAMESPACE;
  }

  private URI control(String path) {
    return kvApi.resolve(path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return ApiClient.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
