package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stream is trimmed only below entries every consumer has acknowledged. */
class ClickStreamTrimTest {
  @Test
  void keepsFromTheLowerOfThePositionAndTheLowestPendingEntry() {
    // entries delivered after the position was read are pending: the position bounds the trim
    assertThat(ClickStreamConsumer.trimBound("1700000000000-5", "1700000000000-9"))
        .isEqualTo("1700000000000-5");
    // an older entry still pending (held through an outage) bounds it instead
    assertThat(ClickStreamConsumer.trimBound("1700000000000-5", "1699999999999-0"))
        .isEqualTo("1699999999999-0");
    assertThat(ClickStreamConsumer.trimBound("1700000000000-5", null)).isEqualTo("1700000000000-5");
    assertThat(ClickStreamConsumer.trimBound(null, "1700000000000-1")).isEqualTo("1700000000000-1");
  }

  @Test
  void idsCompareByTimeThenSequenceAsNumbers() {
    assertThat(ClickStreamConsumer.compareIds("9-0", "10-0")).isNegative();
    assertThat(ClickStreamConsumer.compareIds("10-10", "10-9")).isPositive();
    assertThat(ClickStreamConsumer.compareIds("10-9", "10-9")).isZero();
  }
}
