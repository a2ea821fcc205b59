package dev.smo1.accounts.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainRulesTest {
  @Test
  void theWaitDoublesFromTheFirstRetryUpToTheLongest() {
    var rules =
        new DomainRules(
            Set.of(),
            1,
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofDays(7),
            Duration.ofDays(1));
    assertThat(rules.retryAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(rules.retryAfter(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(rules.retryAfter(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(rules.retryAfter(5)).isEqualTo(Duration.ofMinutes(10));
    assertThat(rules.retryAfter(500)).isEqualTo(Duration.ofMinutes(10));
  }
}
