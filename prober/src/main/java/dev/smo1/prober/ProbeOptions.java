package dev.smo1.prober;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The prober's command line, read once and checked whole: every bad value is refused before a
 * single request goes out (exit 2 with the usage), so a CI step or CronJob with a typo fails loudly
 * instead of probing something else.
 *
 * @param targets the edges' base URLs, each probed and reported on its own ({@code target} label)
 * @param codes the codes to probe, with or without their expectation
 * @param api the API's base URL, for the codes without one; empty when every code has one
 * @param domain the {@code ?domain=} of the API's link lookups (a custom domain's links)
 * @param rate requests per second to each target (open loop: sent on schedule, never waiting for
 *     answers)
 * @param timeout per request, connecting included
 * @param method {@code HEAD} (the default: no click, no counted visit) or {@code GET} (a click)
 * @param metricsPort serve {@code /metrics} on this port while running (0: any free port)
 */
public record ProbeOptions(
    List<URI> targets,
    List<CodeLine> codes,
    Optional<URI> api,
    Optional<String> domain,
    Duration duration,
    double rate,
    Duration timeout,
    String method,
    Optional<URI> pushgateway,
    String job,
    String instance,
    Optional<Integer> metricsPort) {

  static final String USAGE =
      """
      usage: smo1-probe <edge-url>... (--codes FILE | --code CODE...) [options]
        Probes each edge URL (https://smo1.link, http://127.0.0.1:8787) with <url>/<code> requests,
        never following the redirect, and checks each answer's status and Location against what
        the link must send. Prints one PROBE line per URL; exit 0: no errors, 1: errors,
        2: bad arguments, 3: the expectations or the metrics could not be had or delivered.
        --codes FILE        codes, one a line: 'code', 'code location' or 'code location status'
        --code CODE         a code to probe (repeatable)
        --api URL           the API's base URL (https://app.example.com): what a code without a
                            location must answer comes from GET /api/v1/links/{code}, with the key
                            in SMO1_PROBE_API_KEY (scope links:read)
        --domain NAME       the links' domain, for the API (a custom domain's links)
        --duration S        seconds to probe (default 60)
        --rate R            requests per second to each edge URL (default 5)
        --timeout S         seconds per request, connecting included (default 5)
        --method M          HEAD (default: no click, no counted visit) or GET (each probe a click)
        --pushgateway URL   push the metrics to this Pushgateway when done
        --job NAME          the Pushgateway job (default smo1-probe)
        --instance NAME     the Pushgateway instance: where the probes run from (default default)
        --metrics-port P    serve /metrics on port P while probing (0: any free port)
      """;

  static final int MAX_SAMPLES_PER_TARGET = 1_000_000;
  private static final Pattern GROUPING = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}");

  /** The command line, or why it cannot be used. */
  public static ProbeOptions parse(List<String> arguments) throws InvalidArguments {
    Set<URI> targets = new LinkedHashSet<>();
    List<CodeLine> codes = new ArrayList<>();
    URI api = null;
    String domain = null;
    double durationSeconds = 60;
    double rate = 5;
    double timeoutSeconds = 5;
    String method = "HEAD";
    URI pushgateway = null;
    String job = "smo1-probe";
    String instance = "default";
    Integer metricsPort = null;
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (!argument.startsWith("--")) {
        URI target = target(argument);
        if (!targets.add(target)) {
          throw new InvalidArguments("edge URL given twice: " + argument);
        }
        continue;
      }
      if (i + 1 >= arguments.size()) {
        throw new InvalidArguments(argument + " needs a value");
      }
      String value = arguments.get(++i);
      switch (argument) {
        case "--codes" -> codes.addAll(CodeLine.read(Path.of(value)));
        case "--code" -> codes.add(CodeLine.code(value));
        case "--api" -> api = base("--api", value);
        case "--domain" -> domain = matching("--domain", value, DOMAIN);
        case "--duration" -> durationSeconds = number("--duration", value, 1, 86_400);
        case "--rate" -> rate = number("--rate", value, 0.01, 1_000);
        case "--timeout" -> timeoutSeconds = number("--timeout", value, 0.01, 60);
        case "--method" -> method = method(value);
        case "--pushgateway" -> pushgateway = base("--pushgateway", value);
        case "--job" -> job = matching("--job", value, GROUPING);
        case "--instance" -> instance = matching("--instance", value, GROUPING);
        case "--metrics-port" -> metricsPort = port(value);
        default -> throw new InvalidArguments("unknown option " + argument);
      }
    }
    if (targets.isEmpty()) {
      throw new InvalidArguments("no edge URL given");
    }
    if (codes.isEmpty()) {
      throw new InvalidArguments("no code given (--codes FILE or --code CODE)");
    }
    if (codes.size() > CodeLine.MAX_CODES) {
      throw new InvalidArguments("more than " + CodeLine.MAX_CODES + " codes");
    }
    if (api == null && codes.stream().anyMatch(code -> code.given().isEmpty())) {
      throw new InvalidArguments(
          "codes without an expected location need --api (or give each its location)");
    }
    if (rate * durationSeconds > MAX_SAMPLES_PER_TARGET) {
      throw new InvalidArguments(
          "--rate times --duration is over "
              + MAX_SAMPLES_PER_TARGET
              + " requests per edge URL (every latency is kept)");
    }
    return new ProbeOptions(
        List.copyOf(targets),
        List.copyOf(codes),
        Optional.ofNullable(api),
        Optional.ofNullable(domain),
        Duration.ofMillis(Math.round(durationSeconds * 1000)),
        rate,
        Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000))),
        method,
        Optional.ofNullable(pushgateway),
        job,
        instance,
        Optional.ofNullable(metricsPort));
  }

  /** How many requests each target gets. */
  public long requestsPerTarget() {
    return Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
  }

  /** The URL a probe of {@code code} at {@code target} asks. */
  public static URI probeUrl(URI target, String code) {
    return URI.create(target + "/" + code);
  }

  private static URI target(String value) throws InvalidArguments {
    URI uri = base("edge URL", value);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidArguments("an edge URL has no query or fragment: " + value);
    }
    return uri;
  }

  /** An absolute http(s) URL, without a trailing '/'. */
  private static URI base(String what, String value) throws InvalidArguments {
    try {
      URI uri = new URI(value.replaceAll("/+$", ""));
      if (!uri.isAbsolute()
          || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
          || uri.getHost() == null) {
        throw new InvalidArguments(what + " must be an absolute http(s) URL: " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidArguments(what + " is not a URL: " + value);
    }
  }

  private static double number(String option, String value, double min, double max)
      throws InvalidArguments {
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new InvalidArguments(option + " must be a number: " + value);
    }
    if (!(number >= min && number <= max)) {
      throw new InvalidArguments(option + " must be between " + plain(min) + " and " + plain(max));
    }
    return number;
  }

  private static int port(String value) throws InvalidArguments {
    double port = number("--metrics-port", value, 0, 65_535);
    if (port != Math.rint(port)) {
      throw new InvalidArguments("--metrics-port must be a whole number: " + value);
    }
    return (int) port;
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  private static String matching(String option, String value, Pattern pattern)
      throws InvalidArguments {
    if (!pattern.matcher(value).matches()) {
      throw new InvalidArguments(option + " has characters it may not: " + value);
    }
    return value;
  }

  private static String method(String value) throws InvalidArguments {
    String method = value.toUpperCase(Locale.ROOT);
    if (!method.equals("HEAD") && !method.equals("GET")) {
      throw new InvalidArguments("--method must be HEAD or GET: " + value);
    }
    return method;
  }
}
