package dev.smo1.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.billing.usage.UsageThresholds.Resource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageThresholdsTest {

  @Test
  void eightyAndOneHundredPercentAreReachedOnTheirFigureAndNotBefore() {
    assertThat(UsageThresholds.reached(39, 50)).isEmpty();
    assertThat(UsageThresholds.reached(40, 50)).containsExactly(80);
    assertThat(UsageThresholds.reached(49, 50)).containsExactly(80);
    assertThat(UsageThresholds.reached(50, 50)).containsExactly(80, 100);
    assertThat(UsageThresholds.reached(75, 50)).containsExactly(80, 100);
    // 80 % of 7 is 5.6: the 6th reaches it
    assertThat(UsageThresholds.reached(5, 7)).isEmpty();
    assertThat(UsageThresholds.reached(6, 7)).containsExactly(80);
  }

  @Test
  void aLimitOfNothingIsNeverNoticed() {
    assertThat(UsageThresholds.reached(0, 0)).isEmpty();
    assertThat(UsageThresholds.reached(3, 0)).isEmpty();
  }

  @Test
  void aNoticeIsOnePerFigureThresholdAndMonth() {
    Instant december = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(UsageThresholds.key(Resource.LINKS, 80, december)).isEqualTo("links:80:2026-12");
    assertThat(UsageThresholds.key(Resource.TRACKED_CLICKS, 100, december))
        .isEqualTo("trackedClicks:100:2026-12");
    assertThat(UsageThresholds.key(Resource.LINKS, 80, Instant.parse("2027-01-01T00:00:00Z")))
        .isEqualTo("links:80:2027-01");
  }
}
