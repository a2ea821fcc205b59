package dev.smo1.clicks.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Which salts reach the edge when, each once, again after a failure. */
class VisitorSaltPublisherTest {
  private static final LocalDate DAY = LocalDate.parse("2030-01-01");

  /** Salts made on demand, as Redis would hand them out. */
  private static final VisitorSalts SALTS =
      day ->
          CompletableFuture.completedFuture(
              new VisitorSalt(
                  day, String.format("%064x", day.toEpochDay()), VisitorSalt.expiry(day)));

  /** Workers KV as the publisher sees it: key → value and expiry; fails while told to. */
  static final class Edge implements VisitorSaltPublisher.Edge {
    final Map<String, Map.Entry<String, Instant>> keys = new ConcurrentHashMap<>();
    final AtomicBoolean failing = new AtomicBoolean();
    int writes;

    @Override
    public CompletableFuture<Void> put(String key, String value, Instant expiresAt) {
      writes++;
      if (failing.get()) {
        return CompletableFuture.failedFuture(new IllegalStateException("KV API down"));
      }
      keys.put(key, Map.entry(value, expiresAt));
      return CompletableFuture.completedFuture(null);
    }
  }

  private static Instant at(String time) {
    return Instant.parse(DAY + "T" + time + "Z");
  }

  @Test
  void todaysSaltIsDueAllDayAndTomorrowsFromTwoHoursBeforeMidnight() {
    assertThat(VisitorSaltPublisher.due(at("00:00:00"))).containsExactly(DAY);
    assertThat(VisitorSaltPublisher.due(at("21:59:59"))).containsExactly(DAY);
    assertThat(VisitorSaltPublisher.due(at("22:00:00"))).containsExactly(DAY, DAY.plusDays(1));
    assertThat(VisitorSaltPublisher.due(at("23:59:59"))).containsExactly(DAY, DAY.plusDays(1));
  }

  @Test
  void eachSaltIsWrittenOnceWithItsExpiryAndAgainOnlyAfterAFailure() {
    var edge = new Edge();
    var morning =
        new VisitorSaltPublisher(SALTS, edge, Clock.fixed(at("09:00:00"), ZoneOffset.UTC));

    morning.publishDue().toCompletableFuture().join();
    morning.publishDue().toCompletableFuture().join();

    assertThat(edge.writes).isEqualTo(1);
    assertThat(edge.keys)
        .containsOnlyKeys("smo1:visitor-salt:2030-01-01")
        .containsEntry(
            "smo1:visitor-salt:2030-01-01",
            Map.entry(
                SALTS.forDay(DAY).toCompletableFuture().join().hex(),
                at("00:00:00").plusSeconds(26 * 3600)));

    var evening =
        new VisitorSaltPublisher(SALTS, edge, Clock.fixed(at("22:30:00"), ZoneOffset.UTC));
    edge.failing.set(true);
    assertThat(evening.publishDue().toCompletableFuture().isCompletedExceptionally()).isTrue();
    edge.failing.set(false);
    evening.publishDue().toCompletableFuture().join();

    assertThat(edge.keys)
        .containsOnlyKeys(List.of("smo1:visitor-salt:2030-01-01", "smo1:visitor-salt:2030-01-02"));
    assertThat(edge.keys.get("smo1:visitor-salt:2030-01-02").getValue())
        .isEqualTo(Instant.parse("2030-01-03T02:00:00Z"));
  }
}
