package dev.smo1.prober;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code smo1-probe} ({@code ./smo1 probe}, {@code bin/smo1-probe} in the node's distribution): a
 * synthetic prober of a deployed edge. It learns what each code must answer, probes every edge URL
 * for the duration, prints one {@code PROBE} line per URL (and the first errors), and publishes the
 * run's metrics. The exit code makes it a CI step or a CronJob that fails visibly: 0 no error, 1
 * errors, 2 bad arguments, 3 the expectations or the metrics could not be had or delivered.
 */
public final class ProbeCommand {
  public static final int OK = 0;
  public static final int ERRORS = 1;
  public static final int USAGE = 2;
  public static final int FAILED = 3;

  /** The API key's variable: in the environment, never on the command line (ps, CI logs). */
  public static final String API_KEY = "SMO1_PROBE_API_KEY";

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final Clock clock;

  public ProbeCommand(
      PrintStream out, PrintStream err, Map<String, String> environment, Clock clock) {
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.clock = clock;
  }

  public static void main(String[] args) {
    System.exit(
        new ProbeCommand(System.out, System.err, System.getenv(), Clock.systemUTC())
            .run(List.of(args)));
  }

  /** Runs the prober; the exit code. */
  public int run(List<String> arguments) {
    if (arguments.contains("--help") || arguments.contains("-h")) {
      out.print(ProbeOptions.USAGE);
      return OK;
    }
    ProbeOptions options;
    Map<String, Expectation> expectations;
    try {
      options = ProbeOptions.parse(arguments);
      expectations = expectations(options);
    } catch (InvalidArguments e) {
      err.println("smo1-probe: " + e.getMessage());
      err.print(ProbeOptions.USAGE);
      return USAGE;
    } catch (NotACanary | IOException e) {
      err.println("smo1-probe: " + e.getMessage());
      return FAILED;
    }
    List<TargetStats> targets =
        options.targets().stream()
            .map(target -> new TargetStats(target, options.requestsPerTarget()))
            .toList();
    ProbeMetrics metrics = new ProbeMetrics(targets, clock);
    Optional<MetricsServer> server;
    try {
      server =
          options.metricsPort().isPresent()
              ? Optional.of(MetricsServer.start(options.metricsPort().get(), metrics))
              : Optional.empty();
    } catch (IOException e) {
      err.println(
          "smo1-probe: cannot serve /metrics on port "
              + options.metricsPort().get()
              + ": "
              + e.getMessage());
      return FAILED;
    }
    try {
      server.ifPresent(
          metricsServer ->
              err.println(
                  "PROBE_METRICS url=http://127.0.0.1:" + metricsServer.port() + "/metrics"));
      err.printf(
          Locale.ROOT,
          "PROBE_START targets=%d codes=%d rate_per_target=%s duration_s=%d method=%s%n",
          targets.size(),
          expectations.size(),
          options.rate(),
          options.duration().toSeconds(),
          options.method());
      new Prober(options, expectations, targets, metrics).run();
      metrics.ended(targets);
      long errors = report(targets);
      if (options.pushgateway().isPresent()) {
        var pushgateway =
            new Pushgateway(options.pushgateway().get(), options.job(), options.instance());
        try {
          pushgateway.push(metrics.text());
          err.println("PROBE_PUSHED group=" + pushgateway.group());
        } catch (IOException e) {
          err.println("smo1-probe: the metrics were not pushed: " + e.getMessage());
          return FAILED;
        }
      }
      return errors > 0 ? ERRORS : OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("smo1-probe: interrupted");
      return FAILED;
    } finally {
      server.ifPresent(MetricsServer::close);
    }
  }

  /** Each code's expectation: given on the command line, or asked of the API. */
  private Map<String, Expectation> expectations(ProbeOptions options)
      throws InvalidArguments, NotACanary, IOException {
    Map<String, Expectation> expectations = new LinkedHashMap<>();
    LinkApi api = null;
    for (CodeLine line : options.codes()) {
      if (expectations.containsKey(line.code())) {
        continue;
      }
      if (line.given().isPresent()) {
        expectations.put(line.code(), line.given().get());
        continue;
      }
      if (api == null) {
        String key = environment.getOrDefault(API_KEY, "");
        if (key.isBlank()) {
          throw new InvalidArguments(
              API_KEY + " is not set: --api needs a key with links:read to read the links");
        }
        api = new LinkApi(options.api().orElseThrow(), key.strip(), options.domain());
      }
      Expectation expectation = api.expectationOf(line.code());
      err.println(
          "PROBE_CODE code="
              + line.code()
              + " status="
              + expectation.statuses()
              + " locations="
              + expectation.locations().size());
      expectations.put(line.code(), expectation);
    }
    return expectations;
  }

  /** Prints the first errors and one PROBE line per target; the errors of all targets. */
  private long report(List<TargetStats> targets) {
    long errors = 0;
    for (TargetStats stats : targets) {
      TargetStats.Snapshot snapshot = stats.snapshot();
      snapshot.examples().forEach(out::println);
      StringBuilder line =
          new StringBuilder()
              .append("PROBE target=")
              .append(snapshot.target())
              .append(" requests=")
              .append(snapshot.requests())
              .append(" errors=")
              .append(snapshot.errorCount())
              .append(" p50_ms=")
              .append(milliseconds(snapshot.quantileSeconds(0.5)))
              .append(" p99_ms=")
              .append(milliseconds(snapshot.quantileSeconds(0.99)))
              .append(" p999_ms=")
              .append(milliseconds(snapshot.quantileSeconds(0.999)))
              .append(" max_ms=")
              .append(milliseconds(snapshot.quantileSeconds(1.0)));
      for (ErrorReason reason : ErrorReason.values()) {
        line.append(' ').append(reason.label()).append('=').append(snapshot.errors().get(reason));
      }
      out.println(line);
      errors += snapshot.errorCount();
    }
    return errors;
  }

  private static String milliseconds(double seconds) {
    return Double.isNaN(seconds) ? "NaN" : String.format(Locale.ROOT, "%.1f", seconds * 1000);
  }
}
