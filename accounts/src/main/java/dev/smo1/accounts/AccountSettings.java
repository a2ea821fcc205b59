package dev.smo1.accounts;

import com.typesafe.config.Config;
import dev.smo1.accounts.apikey.ApiKeyFormat;
import dev.smo1.accounts.user.Passwords.PasswordHashing;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The accounts module's settings, read once from {@code smo1.accounts} and {@code smo1.bootstrap}.
 *
 * @param dashboardUrl where emailed links point, when configured; empty: the dashboard the node
 *     serves (the wiring knows its address)
 */
public record AccountSettings(
    Set<String> adminEmails,
    Duration keyCacheTtl,
    Duration askTimeout,
    boolean secureCookies,
    Optional<URI> dashboardUrl,
    PasswordHashing passwordHashing,
    Optional<String> bootstrapApiKey,
    String bootstrapAdminEmail,
    String bootstrapWorkspace,
    boolean generateFirstKey) {

  public static AccountSettings from(Config config) {
    Config accounts = config.getConfig("smo1.accounts");
    Config bootstrap = config.getConfig("smo1.bootstrap");
    Config password = accounts.getConfig("password");
    return new AccountSettings(
        Arrays.stream(accounts.getString("admin-emails").split(","))
            .map(String::strip)
            .filter(email -> !email.isEmpty())
            .map(Emails::normalized)
            .collect(Collectors.toUnmodifiableSet()),
        accounts.getDuration("key-cache-ttl"),
        accounts.getDuration("ask-timeout"),
        accounts.getBoolean("secure-cookies"),
        accounts.getString("dashboard-url").isBlank()
            ? Optional.empty()
            : Optional.of(URI.create(accounts.getString("dashboard-url"))),
        new PasswordHashing(
            password.getInt("memory-kib"),
            password.getInt("iterations"),
            password.getInt("parallelism"),
            PasswordHashing.DEFAULT.outputLength()),
        bootstrapApiKey(bootstrap),
        bootstrap.getString("admin-email"),
        bootstrap.getString("workspace"),
        bootstrap.getBoolean("generate-first-key"));
  }

  /** SMO1_BOOTSTRAP_API_KEY, held to the key format: a malformed key could never be used. */
  private static Optional<String> bootstrapApiKey(Config bootstrap) {
    if (!bootstrap.hasPath("api-key") || bootstrap.getString("api-key").isBlank()) {
      return Optional.empty();
    }
    String key = bootstrap.getString("api-key").strip();
    if (!ApiKeyFormat.isWellFormed(key)) {
      throw new IllegalArgumentException(
          "SMO1_BOOTSTRAP_API_KEY must be "
              + ApiKeyFormat.PREFIX
              + " followed by 40 letters or digits, e.g. smo1_$(openssl rand -hex 20)");
    }
    return Optional.of(key);
  }

  @Override
  public String toString() {
    return "AccountSettings[adminEmails="
        + adminEmails
        + ", dashboardUrl="
        + dashboardUrl
        + ", bootstrapWorkspace="
        + bootstrapWorkspace
        + ", secrets redacted]";
  }
}
