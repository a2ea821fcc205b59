package dev.smo1.prober;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole command against an edge stand-in on loopback (a redirect server whose answers the test
 * sets; the real Worker is probed in cluster-node's EdgeSyncIT$Prober) and Debian's real
 * Pushgateway.
 */
class ProbeCommandTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private final Map<String, String[]> answers = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  private HttpServer edge;
  private String edgeUrl;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startEdge() throws IOException {
    edge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    edge.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String code = exchange.getRequestURI().getPath().substring(1);
            requests.add(
                exchange.getRequestMethod()
                    + " "
                    + code
                    + " "
                    + exchange.getRequestHeaders().getFirst("User-Agent"));
            String[] answer = answers.getOrDefault(code, new String[] {"404", null});
            if (answer[1] != null) {
              exchange.getResponseHeaders().set("Location", answer[1]);
            }
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), -1);
          }
        });
    edge.start();
    edgeUrl = "http://127.0.0.1:" + edge.getAddress().getPort();
  }

  @AfterEach
  void stop() throws Exception {
    edge.stop(0);
    for (AutoCloseable resource : closing) {
      resource.close();
    }
  }

  @Test
  void knownCodesAnsweredRightAreNoErrorsAndExitZero() {
    answers.put("docs", new String[] {"302", "https://example.com/docs"});
    answers.put("perm", new String[] {"301", "https://example.com/p"});
    int exit =
        run(
            edgeUrl,
            "--code-file-line",
            "docs https://example.com/docs",
            "--code-file-line",
            "perm https://example.com/p 301",
            "--duration",
            "1",
            "--rate",
            "20");
    assertThat(exit).as(err()).isEqualTo(ProbeCommand.OK);
    assertThat(out())
        .matches(
            "(?s)PROBE target="
                + edgeUrl
                + " requests=20 errors=0 p50_ms=[0-9.]+ p99_ms=[0-9.]+ p999_ms=[0-9.]+"
                + " max_ms=[0-9.]+ status=0 location=0 timeout=0 connect=0\n");
    assertThat(requests)
        .hasSize(20)
        .allMatch(request -> request.endsWith(" " + Prober.USER_AGENT))
        .allMatch(request -> request.startsWith("HEAD "), "HEAD: no click, no counted visit")
        .filteredOn(request -> request.startsWith("HEAD docs "))
        .hasSize(10);
  }

  @Test
  void aWrongLocationOrStatusIsAnErrorNamedInTheReportAndExitsOne() {
    answers.put("docs", new String[] {"302", "https://example.com/elsewhere"});
    answers.put("gone", new String[] {"410", null});
    int exit =
        run(
            edgeUrl,
            "--code-file-line",
            "docs https://example.com/docs",
            "--code-file-line",
            "gone https://example.com/gone",
            "--duration",
            "1",
            "--rate",
            "10",
            "--method",
            "GET");
    assertThat(exit).isEqualTo(ProbeCommand.ERRORS);
    assertThat(out())
        .contains(
            "PROBE_ERROR target="
                + edgeUrl
                + " code=docs reason=location status=302 location=https://example.com/elsewhere"
                + " expected_status=")
        .contains("code=gone reason=status status=410 location=(none)")
        .contains(" requests=10 errors=10 ")
        .contains(" status=5 location=5 timeout=0 connect=0");
    assertThat(requests).allMatch(request -> request.startsWith("GET "));
  }

  @Test
  void anEdgeThatDoesNotAnswerInTimeIsATimeoutAndOneThatRefusesIsAConnectError() throws Exception {
    // accepts connections and never answers
    var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    closing.add(silent);
    List<Socket> held = new CopyOnWriteArrayList<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                while (true) {
                  held.add(silent.accept());
                }
              } catch (IOException closed) {
                // the test ended
              }
            });
    int refusing;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refusing = socket.getLocalPort();
    }
    int exit =
        run(
            "http://127.0.0.1:" + silent.getLocalPort(),
            "http://127.0.0.1:" + refusing,
            "--code-file-line",
            "docs https://example.com/docs",
            "--duration",
            "1",
            "--rate",
            "4",
            "--timeout",
            "0.3");
    assertThat(exit).isEqualTo(ProbeCommand.ERRORS);
    assertThat(out())
        .contains(
            "PROBE target=http://127.0.0.1:"
                + silent.getLocalPort()
                + " requests=4 errors=4 p50_ms=")
        .contains("status=0 location=0 timeout=4 connect=0")
        .contains(
            "PROBE target=http://127.0.0.1:"
                + refusing
                + " requests=4 errors=4 p50_ms=NaN p99_ms=NaN p999_ms=NaN max_ms=NaN"
                + " status=0 location=0 timeout=0 connect=4")
        .contains("code=docs reason=connect ConnectException");
    // a timed-out probe's latency is at least the timeout: a visitor waited that long
    String silentLine =
        out()
            .lines()
            .filter(line -> line.contains(":" + silent.getLocalPort() + " requests"))
            .findFirst()
            .orElseThrow();
    double p50 = Double.parseDouble(silentLine.replaceAll(".* p50_ms=([0-9.]+) .*", "$1"));
    assertThat(p50).isGreaterThanOrEqualTo(300);
    for (Socket socket : held) {
      socket.close();
    }
  }

  @Test
  void theRunsMetricsArePushedToAPushgatewayUnderItsJobAndInstance() throws Exception {
    answers.put("docs", new String[] {"302", "https://example.com/docs"});
    answers.put("bad", new String[] {"302", "https://example.com/wrong"});
    LocalPushgateway pushgateway = LocalPushgateway.start();
    closing.add(pushgateway);
    int exit =
        run(
            edgeUrl,
            "--code-file-line",
            "docs https://example.com/docs",
            "--code-file-line",
            "bad https://example.com/bad",
            "--duration",
            "1",
            "--rate",
            "10",
            "--pushgateway",
            pushgateway.url(),
            "--instance",
            "eu-ci");
    assertThat(exit).as(err()).isEqualTo(ProbeCommand.ERRORS);
    assertThat(err())
        .contains(
            "PROBE_PUSHED group=" + pushgateway.url() + "/metrics/job/smo1-probe/instance/eu-ci");
    String metrics = get(pushgateway.url() + "/metrics");
    String labels = "instance=\"eu-ci\",job=\"smo1-probe\",";
    assertThat(metrics)
        .contains("smo1_probe_requests_total{" + labels + "target=\"" + edgeUrl + "\"} 10")
        .contains(
            "smo1_probe_errors_total{"
                + labels
                + "reason=\"location\",target=\""
                + edgeUrl
                + "\"} 5")
        .contains(
            "smo1_probe_errors_total{"
                + labels
                + "reason=\"timeout\",target=\""
                + edgeUrl
                + "\"} 0")
        .contains(
            "smo1_probe_latency_seconds_bucket{"
                + labels
                + "target=\""
                + edgeUrl
                + "\",le=\"0.05\"} 10")
        .contains("smo1_probe_latency_seconds_count{" + labels + "target=\"" + edgeUrl + "\"} 10")
        .contains(
            "smo1_probe_latency_quantile_seconds{"
                + labels
                + "quantile=\"0.99\",target=\""
                + edgeUrl
                + "\"}")
        .contains(
            "smo1_probe_last_run_timestamp_seconds{"
                + labels
                + "target=\""
                + edgeUrl
                + "\"} 1.7776368e+09");

    // a second run replaces the group: its target's series only, none of the first run's
    answers.put("bad", new String[] {"302", "https://example.com/bad"});
    out.reset();
    int second =
        run(
            edgeUrl,
            "--code-file-line",
            "bad https://example.com/bad",
            "--duration",
            "1",
            "--rate",
            "3",
            "--pushgateway",
            pushgateway.url(),
            "--instance",
            "eu-ci");
    assertThat(second).isEqualTo(ProbeCommand.OK);
    assertThat(get(pushgateway.url() + "/metrics"))
        .contains("smo1_probe_requests_total{" + labels + "target=\"" + edgeUrl + "\"} 3")
        .contains(
            "smo1_probe_errors_total{"
                + labels
                + "reason=\"location\",target=\""
                + edgeUrl
                + "\"} 0");
  }

  @Test
  void aPushgatewayThatCannotBeReachedFailsTheRunWithExitThree() throws Exception {
    answers.put("docs", new String[] {"302", "https://example.com/docs"});
    int closed;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    int exit =
        run(
            edgeUrl,
            "--code-file-line",
            "docs https://example.com/docs",
            "--duration",
            "1",
            "--rate",
            "2",
            "--pushgateway",
            "http://127.0.0.1:" + closed);
    assertThat(exit).isEqualTo(ProbeCommand.FAILED);
    assertThat(err()).contains("smo1-probe: the metrics were not pushed:");
    assertThat(out()).contains("PROBE target=" + edgeUrl + " requests=2 errors=0");
  }

  @Test
  void metricsAreServedWhileItRuns() throws Exception {
    answers.put("docs", new String[] {"302", "https://example.com/docs"});
    List<String> scraped = new ArrayList<>();
    var prober =
        Thread.ofPlatform()
            .start(
                () ->
                    run(
                        edgeUrl,
                        "--code-file-line",
                        "docs https://example.com/docs",
                        "--duration",
                        "3",
                        "--rate",
                        "10",
                        "--metrics-port",
                        "0"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!err().contains("PROBE_METRICS url=") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String url = err().replaceAll("(?s).*PROBE_METRICS url=(\\S+).*", "$1");
    while (scraped.isEmpty() && System.nanoTime() < deadline) {
      String metrics = get(url);
      if (metrics.matches("(?s).*smo1_probe_requests_total\\{target=\"[^\"]+\"} [1-9].*")) {
        scraped.add(metrics);
      }
      Thread.sleep(50);
    }
    prober.join();
    assertThat(scraped).as("a scrape while probing counted requests").hasSize(1);
    assertThat(scraped.getFirst()).contains("# TYPE smo1_probe_latency_seconds histogram");
  }

  @Test
  void badArgumentsExitTwoWithTheUsageAndCodesWithoutLocationNeedTheKey() {
    assertThat(run(edgeUrl, "--rate", "fast")).isEqualTo(ProbeCommand.USAGE);
    assertThat(err()).contains("smo1-probe: --rate must be a number: fast").contains("usage:");
    err.reset();
    assertThat(run(edgeUrl, "--code", "docs", "--api", "http://127.0.0.1:1"))
        .isEqualTo(ProbeCommand.USAGE);
    assertThat(err()).contains("smo1-probe: SMO1_PROBE_API_KEY is not set");
    assertThat(requests).isEmpty();
  }

  /**
   * Runs the command; {@code --code-file-line L} (a test shorthand) becomes a line of a codes file
   * passed with {@code --codes}.
   */
  private int run(String... arguments) {
    List<String> lines = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i].equals("--code-file-line")) {
        lines.add(arguments[++i]);
      } else {
        rest.add(arguments[i]);
      }
    }
    try {
      if (!lines.isEmpty()) {
        var file = java.nio.file.Files.createTempFile("codes", ".txt");
        java.nio.file.Files.write(file, lines);
        file.toFile().deleteOnExit();
        rest.addAll(List.of("--codes", file.toString()));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new ProbeCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            Clock.fixed(NOW, ZoneOffset.UTC))
        .run(rest);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  static String get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
