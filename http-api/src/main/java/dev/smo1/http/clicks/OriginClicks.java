package dev.smo1.http.clicks;

import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickRecorder;
import dev.smo1.clicks.visitor.VisitorPseudonyms;
import dev.smo1.clicks.visitor.VisitorSalt;
import dev.smo1.clicks.visitor.VisitorSalts;
import dev.smo1.http.client.Client;
import dev.smo1.http.client.ClientAddresses;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clicks of redirects answered by this node (source {@code origin}). The click is made here, with a
 * new id, and the redirect is answered once it is durable in the click buffer (group-committed with
 * the other redirects of the moment, {@link ClickRecorder}). If the buffer does not confirm within
 * {@code maxWait}, the visitor is redirected anyway and the click counted in {@code
 * smo1_clicks_unrecorded_total}: a redirect is never refused for analytics' sake.
 *
 * <p>The visitor pseudonym is the edge's ({@link VisitorPseudonyms}): keyed by the day's random
 * salt ({@link VisitorSalts}, read from Redis once a day), so it changes every UTC day, no address
 * is stored, and once the salt has expired no one can tell which address made it. Without the day's
 * salt (Redis failing) the click is recorded without one and counts as a visitor of its own. The
 * address and the country are the request's client's ({@link ClientAddresses}: the connection's
 * address and no country, unless the connection comes from a trusted proxy, whose {@code
 * CF-Connecting-IP}, {@code X-Forwarded-For} and {@code CF-IPCountry} are then believed).
 */
public final class OriginClicks {
  private static final Logger log = LoggerFactory.getLogger(OriginClicks.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  static final int MAX_USER_AGENT = 512;
  static final int MAX_REFERRER = 2048;
  static final int MAX_QUERY = 2048;

  /** Where origin clicks come from and how long a redirect waits for its click to be durable. */
  public record Settings(String domain, Duration maxWait) {}

  private final ClickRecorder recorder;
  private final VisitorSalts salts;
  private final Settings settings;
  private final Clock clock;
  private final Counter unrecorded;
  private final AtomicLong lastSaltWarning = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  public OriginClicks(
      ClickRecorder recorder,
      VisitorSalts salts,
      Settings settings,
      Clock clock,
      PrometheusRegistry registry) {
    this(
        recorder,
        salts,
        settings,
        clock,
        Counter.builder()
            .name("smo1_clicks_unrecorded_total")
            .help("Origin redirects answered without their click (the click buffer failed)")
            .register(registry));
  }

  private OriginClicks(
      ClickRecorder recorder,
      VisitorSalts salts,
      Settings settings,
      Clock clock,
      Counter unrecorded) {
    this.recorder = recorder;
    this.salts = salts;
    this.settings = settings;
    this.clock = clock;
    this.unrecorded = unrecorded;
  }

  /** The clicks of the links of {@code domain} (a custom domain), through the same buffer. */
  public OriginClicks on(String domain) {
    return new OriginClicks(
        recorder, salts, new Settings(domain, settings.maxWait()), clock, unrecorded);
  }

  /** Records the click of a followed link routed by no rule or variant. */
  public CompletionStage<Void> record(String code, HttpRequest request, String rawQuery) {
    return record(code, request, rawQuery, Click.LINK, 0, 0);
  }

  /**
   * Records the click of a redirect; completes when it is durable, or after the wait bound. {@code
   * rawQuery} is the query without the scan marker; {@code trigger}, {@code rule} and {@code
   * variant} as a {@link Click} has them.
   */
  public CompletionStage<Void> record(
      String code, HttpRequest request, String rawQuery, String trigger, int rule, int variant) {
    Instant now = clock.instant();
    String userAgent = header(request, "User-Agent", MAX_USER_AGENT);
    Optional<Client> client = ClientAddresses.of(request);
    CompletionStage<String> visitor =
        client
            .map(known -> visitor(now, known.canonicalAddress(), userAgent))
            .orElseGet(() -> CompletableFuture.completedFuture(null));
    return visitor
        .thenCompose(
            pseudonym ->
                recorder.record(
                    new Click(
                        newId(),
                        settings.domain(),
                        code,
                        now,
                        "origin",
                        client.flatMap(Client::country).orElse(null),
                        null,
                        header(request, "Referer", MAX_REFERRER),
                        userAgent,
                        rawQuery.length() > MAX_QUERY ? rawQuery.substring(0, MAX_QUERY) : rawQuery,
                        pseudonym,
                        trigger,
                        rule,
                        variant)))
        .toCompletableFuture()
        .orTimeout(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            error -> {
              unrecorded.inc();
              log.warn("a redirect's click was not recorded: {}", error.toString());
              return null;
            });
  }

  /** The pseudonym under the day's salt; null (a visitor of its own) when the salt is missing. */
  private CompletionStage<String> visitor(Instant at, String address, String userAgent) {
    return salts
        .forDay(VisitorSalt.dayOf(at))
        .thenApply(salt -> VisitorPseudonyms.of(salt, address, userAgent == null ? "" : userAgent))
        .exceptionally(
            error -> {
              long now = System.nanoTime();
              long last = lastSaltWarning.get();
              if (now - last >= LOG_EVERY_NANOS && lastSaltWarning.compareAndSet(last, now)) {
                log.warn(
                    "no visitor salt: origin clicks go without a visitor pseudonym error={}"
                        + " (logged at most every 10 s)",
                    error.toString());
              }
              return null;
            });
  }

  /**
   * A random (version 4) UUID from the thread's generator: ids must be unique, not unguessable, and
   * {@link UUID#randomUUID()} serialises every redirect on one shared {@code SecureRandom}.
   */
  static UUID newId() {
    var random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  private static String header(HttpRequest request, String name, int max) {
    return request
        .getHeader(name)
        .map(header -> header.value())
        .filter(value -> !value.isEmpty())
        .map(value -> value.length() > max ? value.substring(0, max) : value)
        .orElse(null);
  }
}
