package dev.smo1.accounts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins every default of rate-limits.conf and the environment variable of every setting. */
class RateLimitSettingsTest {

  /**
   * rate-limits.conf with the given environment instead of the process's: as root-level values,
   * which a {@code ${?VARIABLE}} finds before it looks at the environment.
   */
  private static Config load(Map<String, String> environment) {
    return ConfigFactory.parseMap(environment)
        .withFallback(ConfigFactory.parseResources("rate-limits.conf"))
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }

  @Test
  void defaults() {
    assertThat(RateLimitSettings.from(load(Map.of())))
        .isEqualTo(
            new RateLimitSettings(
                true,
                new RateLimit("api", 600, Duration.ofMinutes(1)),
                new RateLimit("analytics", 120, Duration.ofMinutes(1)),
                new RateLimit("signup-ip", 10, Duration.ofHours(1)),
                new RateLimit("signup-email", 5, Duration.ofHours(1)),
                new RateLimit("login-email", 5, Duration.ofMinutes(15)),
                new RateLimit("login-ip", 20, Duration.ofMinutes(15)),
                new RateLimit("reset-email", 5, Duration.ofHours(1)),
                new RateLimit("reset-ip", 20, Duration.ofHours(1)),
                new RateLimit("resend-email", 5, Duration.ofHours(1)),
                new RateLimit("resend-ip", 20, Duration.ofHours(1)),
                new RateLimit("unknown-code-ip", 60, Duration.ofMinutes(1)),
                new RateLimit("link-password", 5, Duration.ofMinutes(5)),
                new RateLimit("link-password-link", 50, Duration.ofMinutes(5)),
                new RateLimit("abuse-report-ip", 10, Duration.ofHours(1)),
                Duration.ofMillis(250),
                Set.of()));
  }

  @Test
  void everySettingHasItsEnvironmentVariable() {
    var environment =
        Map.ofEntries(
            Map.entry("SMO1_RATE_LIMIT_ENABLED", "false"),
            Map.entry("SMO1_RATE_LIMIT_API_PER_MINUTE", "1000"),
            Map.entry("SMO1_RATE_LIMIT_ANALYTICS_PER_MINUTE", "30"),
            Map.entry("SMO1_RATE_LIMIT_SIGNUP_PER_IP", "11"),
            Map.entry("SMO1_RATE_LIMIT_SIGNUP_PER_IP_WINDOW", "2h"),
            Map.entry("SMO1_RATE_LIMIT_SIGNUP_PER_EMAIL", "12"),
            Map.entry("SMO1_RATE_LIMIT_SIGNUP_PER_EMAIL_WINDOW", "3h"),
            Map.entry("SMO1_RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL", "13"),
            Map.entry("SMO1_RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_WINDOW", "4m"),
            Map.entry("SMO1_RATE_LIMIT_LOGIN_FAILURES_PER_IP", "14"),
            Map.entry("SMO1_RATE_LIMIT_LOGIN_FAILURES_PER_IP_WINDOW", "5m"),
            Map.entry("SMO1_RATE_LIMIT_PASSWORD_RESET_PER_EMAIL", "15"),
            Map.entry("SMO1_RATE_LIMIT_PASSWORD_RESET_PER_EMAIL_WINDOW", "6m"),
            Map.entry("SMO1_RATE_LIMIT_PASSWORD_RESET_PER_IP", "16"),
            Map.entry("SMO1_RATE_LIMIT_PASSWORD_RESET_PER_IP_WINDOW", "7m"),
            Map.entry("SMO1_RATE_LIMIT_VERIFICATION_RESEND_PER_EMAIL", "17"),
            Map.entry("SMO1_RATE_LIMIT_VERIFICATION_RESEND_PER_EMAIL_WINDOW", "8m"),
            Map.entry("SMO1_RATE_LIMIT_VERIFICATION_RESEND_PER_IP", "18"),
            Map.entry("SMO1_RATE_LIMIT_VERIFICATION_RESEND_PER_IP_WINDOW", "9m"),
            Map.entry("SMO1_RATE_LIMIT_UNKNOWN_CODES_PER_IP", "19"),
            Map.entry("SMO1_RATE_LIMIT_UNKNOWN_CODES_PER_IP_WINDOW", "10s"),
            Map.entry("SMO1_RATE_LIMIT_LINK_PASSWORD_ATTEMPTS", "20"),
            Map.entry("SMO1_RATE_LIMIT_LINK_PASSWORD_ATTEMPTS_WINDOW", "11m"),
            Map.entry("SMO1_RATE_LIMIT_LINK_PASSWORD_ATTEMPTS_PER_LINK", "21"),
            Map.entry("SMO1_RATE_LIMIT_LINK_PASSWORD_ATTEMPTS_PER_LINK_WINDOW", "12m"),
            Map.entry("SMO1_RATE_LIMIT_ABUSE_REPORTS_PER_IP", "22"),
            Map.entry("SMO1_RATE_LIMIT_ABUSE_REPORTS_PER_IP_WINDOW", "13m"),
            Map.entry("SMO1_RATE_LIMIT_STORE_TIMEOUT", "100ms"),
            Map.entry("SMO1_RATE_LIMIT_EXEMPT_WORKSPACES", " ws-internal, ws-load ,,"));

    assertThat(RateLimitSettings.from(load(environment)))
        .isEqualTo(
            new RateLimitSettings(
                false,
                new RateLimit("api", 1000, Duration.ofMinutes(1)),
                new RateLimit("analytics", 30, Duration.ofMinutes(1)),
                new RateLimit("signup-ip", 11, Duration.ofHours(2)),
                new RateLimit("signup-email", 12, Duration.ofHours(3)),
                new RateLimit("login-email", 13, Duration.ofMinutes(4)),
                new RateLimit("login-ip", 14, Duration.ofMinutes(5)),
                new RateLimit("reset-email", 15, Duration.ofMinutes(6)),
                new RateLimit("reset-ip", 16, Duration.ofMinutes(7)),
                new RateLimit("resend-email", 17, Duration.ofMinutes(8)),
                new RateLimit("resend-ip", 18, Duration.ofMinutes(9)),
                new RateLimit("unknown-code-ip", 19, Duration.ofSeconds(10)),
                new RateLimit("link-password", 20, Duration.ofMinutes(11)),
                new RateLimit("link-password-link", 21, Duration.ofMinutes(12)),
                new RateLimit("abuse-report-ip", 22, Duration.ofMinutes(13)),
                Duration.ofMillis(100),
                Set.of("ws-internal", "ws-load")));
  }

  @Test
  void exemptWorkspacesSkipLimits() {
    var settings =
        RateLimitSettings.from(load(Map.of("SMO1_RATE_LIMIT_EXEMPT_WORKSPACES", "ws-1,ws-2")));

    assertThat(settings.exempt("ws-1")).isTrue();
    assertThat(settings.exempt("ws-3")).isFalse();
    assertThat(RateLimitSettings.from(load(Map.of())).exempt("ws-1")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "SMO1_RATE_LIMIT_API_PER_MINUTE, 0, api-per-minute must be at least 1",
    "SMO1_RATE_LIMIT_LOGIN_FAILURES_PER_IP, -1, login-failures-per-ip.limit must be at least 1",
    "SMO1_RATE_LIMIT_SIGNUP_PER_IP_WINDOW, 500ms, signup-per-ip.window must be whole milliseconds,"
        + " at least 1 s",
    "SMO1_RATE_LIMIT_STORE_TIMEOUT, 0s, store-timeout (SMO1_RATE_LIMIT_STORE_TIMEOUT) must be"
        + " positive",
  })
  void invalidValuesFailAtStartUp(String variable, String value, String message) {
    assertThatThrownBy(() -> RateLimitSettings.from(load(Map.of(variable, value))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(message);
  }
}
