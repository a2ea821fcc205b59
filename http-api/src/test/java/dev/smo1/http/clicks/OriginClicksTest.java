package dev.smo1.http.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickRecorder;
import dev.smo1.clicks.visitor.VisitorPseudonyms;
import dev.smo1.clicks.visitor.VisitorSalt;
import dev.smo1.clicks.visitor.VisitorSalts;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

class OriginClicksTest {
  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2030-01-01");
  private static final VisitorSalt SALT =
      new VisitorSalt(
          DAY,
          "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
          VisitorSalt.expiry(DAY));

  private final List<Click> recorded = new CopyOnWriteArrayList<>();

  private OriginClicks clicks(VisitorSalts salts) {
    return new OriginClicks(
        new ClickRecorder(
            batch -> {
              recorded.addAll(batch);
              return CompletableFuture.completedFuture(batch.size());
            },
            10,
            1),
        salts,
        new OriginClicks.Settings("s.test", Duration.ofSeconds(1)),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new PrometheusRegistry());
  }

  private static HttpRequest visit(String address) throws Exception {
    return HttpRequest.create("/abc")
        .addHeader(RawHeader.create("User-Agent", "UA/1"))
        .addAttribute(
            AttributeKeys.remoteAddress,
            RemoteAddress.create(new InetSocketAddress(InetAddress.getByName(address), 50000)));
  }

  @Test
  void theVisitorPseudonymIsMadeUnderTheDaysSaltAsTheEdgeMakesIt() throws Exception {
    var asked = new CopyOnWriteArrayList<LocalDate>();
    var origin =
        clicks(
            day -> {
              asked.add(day);
              return CompletableFuture.completedFuture(SALT);
            });

    origin.record("abc", visit("203.0.113.7"), "").toCompletableFuture().join();
    origin.record("abc", visit("2001:db8:0:0:0:0:0:7"), "").toCompletableFuture().join();

    assertThat(asked).containsOnly(DAY);
    // the Worker's known vectors (edge-redirect/test/worker.test.ts)
    assertThat(recorded.get(0).visitor()).isEqualTo("a5270ace3a5c92616ce362b22e3f2330");
    assertThat(recorded.get(1).visitor())
        .as("the address in RFC 5952's spelling, as the Worker writes it")
        .isEqualTo("4009581cdb72a9e6e2e239e6da181f19")
        .isEqualTo(VisitorPseudonyms.of(SALT, "2001:db8::7", "UA/1"));
  }

  @Test
  void withoutTheDaysSaltTheClickIsRecordedWithoutAVisitor() throws Exception {
    var origin =
        clicks(day -> CompletableFuture.failedFuture(new IllegalStateException("Redis is down")));

    origin.record("abc", visit("203.0.113.7"), "").toCompletableFuture().join();

    assertThat(recorded).hasSize(1);
    assertThat(recorded.getFirst().visitor()).isNull();
  }

  @Test
  void clickIdsAreRandomVersion4Uuids() {
    var seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      var id = OriginClicks.newId();
      assertThat(id.version()).isEqualTo(4);
      assertThat(id.variant()).isEqualTo(2);
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }
}
