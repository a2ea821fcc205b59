package dev.smo1.accounts.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the defaults of idempotency.conf and the variable of its deploy-time setting. */
class IdempotencySettingsTest {

  private static Config load(Map<String, String> environment) {
    return ConfigFactory.parseMap(environment)
        .withFallback(ConfigFactory.parseResources("idempotency.conf"))
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }

  @Test
  void defaults() {
    assertThat(IdempotencySettings.from(load(Map.of())))
        .isEqualTo(
            new IdempotencySettings(
                Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofMinutes(10)));
  }

  @Test
  void theRetentionIsSetByItsVariable() {
    assertThat(
            IdempotencySettings.from(load(Map.of("SMO1_IDEMPOTENCY_KEY_RETENTION", "48h")))
                .retention())
        .isEqualTo(Duration.ofHours(48));
  }

  @Test
  void aRetentionOfZeroIsRefused() {
    assertThatThrownBy(
            () -> IdempotencySettings.from(load(Map.of("SMO1_IDEMPOTENCY_KEY_RETENTION", "0s"))))
        .hasMessageContaining("retention must be positive");
  }
}
