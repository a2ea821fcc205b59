package dev.smo1.projection.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stream is trimmed only below entries every consumer has acknowledged. */
class ClickIngestTrimTest {
  @Test
  void keepsFromTheLowerOfThePositionAndTheLowestPendingEntry() {
    // entries delivered after the position was read are pending: the position bounds the trim
    assertThat(ClickIngest.trimBound("1700000000000-5", "1700000000000-9"))
        .isEqualTo("1700000000000-5");
    // an older entry still pending (held through an outage) bounds it instead
    assertThat(ClickIngest.trimBound("1700000000000-5", "1699999999999-0"))
        .isEqualTo("1699999999999-0");
    assertThat(ClickIngest.trimBound("1700000000000-5", null)).isEqualTo("1700000000000-5");
    assertThat(ClickIngest.trimBound(null, "1700000000000-1")).isEqualTo("1700000000000-1");
  }

  @Test
  void idsCompareByTimeThenSequenceAsNumbers() {
    assertThat(ClickIngest.compareIds("9-0", "10-0")).isNegative();
    assertThat(ClickIngest.compareIds("10-10", "10-9")).isPositive();
    assertThat(ClickIngest.compareIds("10-9", "10-9")).isZero();
  }
}
