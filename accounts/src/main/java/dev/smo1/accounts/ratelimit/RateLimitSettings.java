package dev.smo1.accounts.ratelimit;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rate limit settings, read once from {@code smo1.rate-limits} ({@code rate-limits.conf}).
 *
 * @param enabled off: nothing is limited
 * @param api requests per minute per API key ({@code "key:<id>"}) or session user ({@code
 *     "user:<id>"}); a plan's own budget through {@link RateLimit#withCapacity}
 * @param analytics analytics queries per minute, keyed as {@code api}
 * @param loginFailuresPerEmail failed logins per target email: peeked before the password is
 *     checked, consumed when it is wrong
 * @param loginFailuresPerIp failed logins per client address, likewise
 * @param unknownCodesPerIp redirects of unknown short codes per client address
 * @param linkPasswordAttempts passwords given for a protected link, per link and client address
 * @param linkPasswordAttemptsPerLink passwords given for a protected link, per link
 * @param abuseReportsPerIp abuse reports per client address (the form needs no login)
 * @param storeTimeout how long Redis may take before the limiter counts as unavailable
 * @param exemptWorkspaces workspace ids never limited
 */
public record RateLimitSettings(
    boolean enabled,
    RateLimit api,
    RateLimit analytics,
    RateLimit signupPerIp,
    RateLimit signupPerEmail,
    RateLimit loginFailuresPerEmail,
    RateLimit loginFailuresPerIp,
    RateLimit passwordResetPerEmail,
    RateLimit passwordResetPerIp,
    RateLimit verificationResendPerEmail,
    RateLimit verificationResendPerIp,
    RateLimit unknownCodesPerIp,
    RateLimit linkPasswordAttempts,
    RateLimit linkPasswordAttemptsPerLink,
    RateLimit abuseReportsPerIp,
    Duration storeTimeout,
    Set<String> exemptWorkspaces) {

  public RateLimitSettings {
    exemptWorkspaces = Set.copyOf(exemptWorkspaces);
  }

  public static RateLimitSettings from(Config config) {
    Config limits = config.getConfig("smo1.rate-limits");
    Duration storeTimeout = limits.getDuration("store-timeout");
    if (storeTimeout.isNegative() || storeTimeout.isZero()) {
      throw new IllegalStateException(
          "smo1.rate-limits.store-timeout (SMO1_RATE_LIMIT_STORE_TIMEOUT) must be positive, was "
              + storeTimeout);
    }
    return new RateLimitSettings(
        limits.getBoolean("enabled"),
        RateLimit.perMinute("api", positive(limits, "api-per-minute")),
        RateLimit.perMinute("analytics", positive(limits, "analytics-per-minute")),
        windowed(limits, "signup-per-ip", "signup-ip"),
        windowed(limits, "signup-per-email", "signup-email"),
        windowed(limits, "login-failures-per-email", "login-email"),
        windowed(limits, "login-failures-per-ip", "login-ip"),
        windowed(limits, "password-reset-per-email", "reset-email"),
        windowed(limits, "password-reset-per-ip", "reset-ip"),
        windowed(limits, "verification-resend-per-email", "resend-email"),
        windowed(limits, "verification-resend-per-ip", "resend-ip"),
        windowed(limits, "unknown-codes-per-ip", "unknown-code-ip"),
        windowed(limits, "link-password-attempts", "link-password"),
        windowed(limits, "link-password-attempts-per-link", "link-password-link"),
        windowed(limits, "abuse-reports-per-ip", "abuse-report-ip"),
        storeTimeout,
        Arrays.stream(limits.getString("exempt-workspaces").split(","))
            .map(String::strip)
            .filter(id -> !id.isEmpty())
            .collect(Collectors.toUnmodifiableSet()));
  }

  /** Whether requests of this workspace skip every limit. */
  public boolean exempt(String workspaceId) {
    return exemptWorkspaces.contains(workspaceId);
  }

  private static RateLimit windowed(Config limits, String path, String name) {
    Config limit = limits.getConfig(path);
    Duration window = limit.getDuration("window");
    if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.toNanos() % 1_000_000 != 0) {
      throw new IllegalStateException(
          "smo1.rate-limits."
              + path
              + ".window must be whole milliseconds, at least 1 s, was "
              + window);
    }
    return new RateLimit(name, positive(limit, "limit", "smo1.rate-limits." + path), window);
  }

  private static long positive(Config config, String path) {
    return positive(config, path, "smo1.rate-limits");
  }

  private static long positive(Config config, String path, String prefix) {
    long value = config.getLong(path);
    if (value < 1) {
      throw new IllegalStateException(prefix + "." + path + " must be at least 1, was " + value);
    }
    return value;
  }
}
