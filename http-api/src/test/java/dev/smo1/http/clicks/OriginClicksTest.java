package dev.smo1.http.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.clicks.ClickRecorder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OriginClicksTest {
  private final OriginClicks clicks =
      new OriginClicks(
          new ClickRecorder(batch -> CompletableFuture.completedFuture(batch.size()), 10, 1),
          new OriginClicks.Settings("s.test", "secret", Duration.ofSeconds(1)),
          Clock.systemUTC(),
          new PrometheusRegistry());

  @Test
  void theVisitorPseudonymIsTheEdgeWorkersOneAndRotatesDaily() {
    // the Worker's known vector (edge-redirect/test/worker.test.ts, KNOWN_VISITOR)
    Instant day = Instant.parse("2030-01-01T23:59:59Z");
    assertThat(clicks.visitor(day, "203.0.113.7", "UA/1"))
        .isEqualTo("df42a7bc1149b50af72cc56a4c503edc");
    assertThat(clicks.visitor(day.plusSeconds(1), "203.0.113.7", "UA/1"))
        .isNotEqualTo("df42a7bc1149b50af72cc56a4c503edc")
        .hasSize(32);
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
