package dev.smo1.node.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.smo1.localstores.testing.TempDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the part of the Kubernetes API server SMO1's nodes call, over TLS on loopback,
 * following the real endpoints' request and response shapes, with bearer-token authentication (401
 * {@code Status} without it):
 *
 * <ul>
 *   <li>{@code GET /api/v1/namespaces/{namespace}/pods?labelSelector=} (Pekko Discovery's {@code
 *       kubernetes-api} method);
 *   <li>{@code /apis/coordination.k8s.io/v1/namespaces/{namespace}/leases[/{name}]}: {@code GET},
 *       {@code POST} (409 {@code AlreadyExists}), {@code PUT} with optimistic concurrency (409
 *       {@code Conflict} when {@code metadata.resourceVersion} is not the current one) and {@code
 *       DELETE} (the Kubernetes lease of the split brain resolver).
 * </ul>
 *
 * <p>Its certificate is self-signed for IP 127.0.0.1 and handed to the nodes as the cluster's CA,
 * like a service account's {@code ca.crt}. Kubernetes' own API server cannot run here.
 */
public final class FakeKubernetesApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "fake-kubernetes";

  /** A pod as the API lists it: name, IP, labels and its container's named ports. */
  public record Pod(
      String name, String ip, Map<String, String> labels, Map<String, Integer> ports) {}

  private final Path directory;
  private final String token = UUID.randomUUID().toString();
  private final HttpsServer server;
  private final Map<String, Pod> pods = new LinkedHashMap<>();
  private final Map<String, ObjectNode> leases = new LinkedHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private long resourceVersion = 1;
  private String intruder;

  private FakeKubernetesApi(Path directory) throws Exception {
    this.directory = directory;
    Path keyStore = directory.resolve("api.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "api",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=kubernetes",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "api",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        caPath().toString());
    Files.writeString(tokenPath(), token);

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts the API on a free port of 127.0.0.1 with a fresh certificate and token. */
  public static FakeKubernetesApi start() {
    try {
      return new FakeKubernetesApi(TempDirectories.create("smo1-fake-kubernetes-"));
    } catch (Exception e) {
      throw new IllegalStateException("the fake Kubernetes API did not start", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The API's certificate (PEM), as a service account's {@code ca.crt}. */
  public Path caPath() {
    return directory.resolve("ca.crt");
  }

  /** The bearer token the API accepts, as a service account's {@code token}. */
  public Path tokenPath() {
    return directory.resolve("token");
  }

  /** Adds (or replaces) a running pod in {@code namespace}. */
  public synchronized void putPod(String namespace, Pod pod) {
    pods.put(namespace + "/" + pod.name(), pod);
    resourceVersion++;
  }

  /**
   * Before the next lease update, another client takes the lease for {@code holder} (a new resource
   * version), so that update is stale and answered 409, as in a race on a real cluster.
   */
  public synchronized void anotherClientUpdatesFirst(String holder) {
    intruder = holder;
  }

  /** The lease's holder as stored, or null when there is no such lease (or no holder). */
  public synchronized String leaseHolder(String namespace, String name) {
    ObjectNode lease = leases.get(namespace + "/" + name);
    String holder = lease == null ? "" : lease.path("spec").path("holderIdentity").asText("");
    return holder.isEmpty() ? null : holder;
  }

  /** Every request so far, as {@code METHOD path?query status}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      int status;
      if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        status = send(exchange, 401, statusObject(401, "Unauthorized", "Unauthorized"));
      } else {
        String[] parts = path.split("/");
        // /api/v1/namespaces/{namespace}/pods
        if (exchange.getRequestMethod().equals("GET")
            && parts.length == 6
            && parts[1].equals("api")
            && parts[2].equals("v1")
            && parts[3].equals("namespaces")
            && parts[5].equals("pods")) {
          status = send(exchange, 200, podList(parts[4], labelSelector(query)));
        } else if (parts.length >= 7
            && parts[1].equals("apis")
            && parts[2].equals("coordination.k8s.io")
            && parts[3].equals("v1")
            && parts[4].equals("namespaces")
            && parts[6].equals("leases")) {
          status =
              lease(
                  exchange,
                  parts[5],
                  parts.length > 7 ? parts[7] : null,
                  exchange.getRequestBody().readAllBytes());
        } else {
          status =
              send(
                  exchange,
                  404,
                  statusObject(
                      404, "NotFound", "the server could not find the requested resource"));
        }
      }
      requests.add(exchange.getRequestMethod() + " " + path + "?" + query + " " + status);
    }
  }

  private synchronized int lease(HttpExchange exchange, String namespace, String name, byte[] body)
      throws IOException {
    String method = exchange.getRequestMethod();
    if (name == null) {
      if (!method.equals("POST")) {
        return send(exchange, 405, statusObject(405, "MethodNotAllowed", method + " not served"));
      }
      ObjectNode lease = (ObjectNode) JSON.readTree(body);
      String key = namespace + "/" + lease.path("metadata").path("name").asText();
      if (leases.containsKey(key)) {
        return send(
            exchange, 409, statusObject(409, "AlreadyExists", "lease " + key + " already exists"));
      }
      return send(exchange, 201, store(key, namespace, lease));
    }
    String key = namespace + "/" + name;
    ObjectNode current = leases.get(key);
    if (current == null) {
      return send(exchange, 404, statusObject(404, "NotFound", "lease " + key + " not found"));
    }
    switch (method) {
      case "GET" -> {
        return send(exchange, 200, current);
      }
      case "DELETE" -> {
        leases.remove(key);
        return send(exchange, 200, statusObject(200, "", "deleted"));
      }
      case "PUT" -> {
        if (intruder != null) {
          ObjectNode taken = current.deepCopy();
          ((ObjectNode) taken.path("spec")).put("holderIdentity", intruder);
          current = store(key, namespace, taken);
          intruder = null;
        }
        ObjectNode update = (ObjectNode) JSON.readTree(body);
        String version = update.path("metadata").path("resourceVersion").asText();
        if (!version.equals(current.path("metadata").path("resourceVersion").asText())) {
          return send(
              exchange,
              409,
              statusObject(
                  409,
                  "Conflict",
                  "Operation cannot be fulfilled on leases.coordination.k8s.io "
                      + name
                      + ": the object has been modified; please apply your changes to the latest"
                      + " version and try again"));
        }
        return send(exchange, 200, store(key, namespace, update));
      }
      default -> {
        return send(exchange, 405, statusObject(405, "MethodNotAllowed", method + " not served"));
      }
    }
  }

  /** Stores a lease under a new resource version, as the API server does on every write. */
  private ObjectNode store(String key, String namespace, ObjectNode lease) {
    ObjectNode stored = lease.deepCopy();
    stored.put("apiVersion", "coordination.k8s.io/v1");
    stored.put("kind", "Lease");
    ObjectNode metadata = (ObjectNode) stored.path("metadata");
    metadata.put("namespace", namespace);
    metadata.put("resourceVersion", Long.toString(++resourceVersion));
    metadata.put("uid", UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
    leases.put(key, stored);
    return stored;
  }

  /** The equality terms of a label selector ({@code a=b,c=d}). */
  private static Map<String, String> labelSelector(String rawQuery) {
    Map<String, String> terms = new LinkedHashMap<>();
    if (rawQuery == null) {
      return terms;
    }
    for (String parameter : rawQuery.split("&")) {
      if (parameter.startsWith("labelSelector=")) {
        String selector =
            URLDecoder.decode(
                parameter.substring("labelSelector=".length()), StandardCharsets.UTF_8);
        for (String term : selector.split(",")) {
          String[] pair = term.split("==?", 2);
          terms.put(pair[0].trim(), pair.length > 1 ? pair[1].trim() : "");
        }
      }
    }
    return terms;
  }

  private synchronized ObjectNode podList(String namespace, Map<String, String> selector) {
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "PodList");
    list.put("apiVersion", "v1");
    list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
    ArrayNode items = list.putArray("items");
    pods.forEach(
        (key, pod) -> {
          if (!key.startsWith(namespace + "/")
              || !selector.entrySet().stream()
                  .allMatch(term -> term.getValue().equals(pod.labels().get(term.getKey())))) {
            return;
          }
          ObjectNode item = items.addObject();
          ObjectNode metadata = item.putObject("metadata");
          metadata.put("name", pod.name());
          metadata.put("namespace", namespace);
          metadata.put(
              "uid", UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
          ObjectNode labels = metadata.putObject("labels");
          pod.labels().forEach(labels::put);
          ObjectNode container = item.putObject("spec").putArray("containers").addObject();
          container.put("name", "smo1");
          ArrayNode ports = container.putArray("ports");
          pod.ports()
              .forEach(
                  (name, port) ->
                      ports
                          .addObject()
                          .put("name", name)
                          .put("containerPort", port)
                          .put("protocol", "TCP"));
          ObjectNode status = item.putObject("status");
          status.put("phase", "Running");
          status.put("podIP", pod.ip());
          ObjectNode containerStatus = status.putArray("containerStatuses").addObject();
          containerStatus.put("name", "smo1");
          containerStatus.put("ready", true);
          containerStatus.putObject("state").putObject("running");
        });
    return list;
  }

  private static ObjectNode statusObject(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return status;
  }

  private static int send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    return status;
  }

  private static void keytool(String... arguments) throws Exception {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
