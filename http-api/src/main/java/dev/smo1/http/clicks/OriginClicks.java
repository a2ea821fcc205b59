package dev.smo1.http.clicks;

import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickRecorder;
import dev.smo1.http.client.Client;
import dev.smo1.http.client.ClientAddresses;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * <p>The visitor pseudonym is the edge's ({@code edge-redirect/src/signature.ts}): the first 128
 * bits of HMAC-SHA256 under the click secret of {@code visitor|<UTC day>|<address>|<user agent>},
 * so it rotates daily and no address is stored. The address and the country are the request's
 * client's ({@link ClientAddresses}: the connection's address and no country, unless the connection
 * comes from a trusted proxy, whose {@code CF-Connecting-IP}, {@code X-Forwarded-For} and {@code
 * CF-IPCountry} are then believed).
 */
public final class OriginClicks {
  private static final Logger log = LoggerFactory.getLogger(OriginClicks.class);
  static final int MAX_USER_AGENT = 512;
  static final int MAX_REFERRER = 2048;
  static final int MAX_QUERY = 2048;

  /** Where origin clicks come from and how long a redirect waits for its click to be durable. */
  public record Settings(String domain, String secret, Duration maxWait) {}

  private final ClickRecorder recorder;
  private final Settings settings;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Counter unrecorded;
  private final ThreadLocal<Mac> macs;

  public OriginClicks(
      ClickRecorder recorder, Settings settings, Clock clock, PrometheusRegistry registry) {
    this.recorder = recorder;
    this.settings = settings;
    this.clock = clock;
    this.key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
              }
            });
    this.unrecorded =
        Counter.builder()
            .name("smo1_clicks_unrecorded_total")
            .help("Origin redirects answered without their click (the click buffer failed)")
            .register(registry);
  }

  /** Records the click of a redirect; completes when it is durable, or after the wait bound. */
  public CompletionStage<Void> record(String code, HttpRequest request, String rawQuery) {
    Instant now = clock.instant();
    String userAgent = header(request, "User-Agent", MAX_USER_AGENT);
    Optional<Client> client = ClientAddresses.of(request);
    var click =
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
            client
                .map(
                    known ->
                        visitor(now, known.canonicalAddress(), userAgent == null ? "" : userAgent))
                .orElse(null));
    return recorder
        .record(click)
        .toCompletableFuture()
        .orTimeout(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            error -> {
              unrecorded.inc();
              log.warn("a redirect's click was not recorded: {}", error.toString());
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

  /** {@code visitor|<UTC day>|<address>|<user agent>} under the click secret, 32 hex digits. */
  String visitor(Instant at, String address, String userAgent) {
    String day = at.toString().substring(0, 10);
    byte[] mac =
        macs.get()
            .doFinal(
                ("visitor|" + day + "|" + address + "|" + userAgent)
                    .getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac, 0, 16);
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
