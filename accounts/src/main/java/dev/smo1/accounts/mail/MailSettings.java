package dev.smo1.accounts.mail;

import com.typesafe.config.Config;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Mail settings, read once from {@code smo1.mail} (see {@code mail.conf}).
 *
 * @param from the From header, e.g. {@code SMO1 <no-reply@example.com>}
 * @param username AUTH user; empty: no AUTH. Set together with the password or not at all
 * @param startTls STARTTLS required: no message goes over a connection the server will not encrypt
 * @param timeout connect, read and write timeout of each attempt
 * @param retries how many times a transient failure is tried again (so at most {@code retries + 1}
 *     attempts)
 * @param retryBackoff the wait before the first retry, doubled before each further one
 */
public record MailSettings(
    String smtpHost,
    int smtpPort,
    String from,
    Optional<String> username,
    Optional<String> password,
    boolean startTls,
    Duration timeout,
    int retries,
    Duration retryBackoff) {

  /** Bounds the worst case: the last retry waits {@code retryBackoff * 2^(MAX_RETRIES - 1)}. */
  public static final int MAX_RETRIES = 10;

  public MailSettings {
    Objects.requireNonNull(smtpHost, "smtpHost");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    if (smtpHost.isBlank()) {
      throw new IllegalArgumentException("SMO1_MAIL_SMTP_HOST (smo1.mail.smtp-host) is empty");
    }
    if (smtpPort < 1 || smtpPort > 65_535) {
      throw new IllegalArgumentException(
          "SMO1_MAIL_SMTP_PORT (smo1.mail.smtp-port) must be 1 to 65535, was " + smtpPort);
    }
    try {
      new InternetAddress(from, true).validate();
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "SMO1_MAIL_FROM (smo1.mail.from) is not an email address: " + e.getMessage(), e);
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException(
          "SMO1_MAIL_SMTP_USER and SMO1_MAIL_SMTP_PASSWORD (smo1.mail.username, password) are set"
              + " together or not at all");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("smo1.mail.timeout must be positive, was " + timeout);
    }
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new IllegalArgumentException(
          "smo1.mail.retries must be 0 to " + MAX_RETRIES + ", was " + retries);
    }
    if (retryBackoff.isNegative()) {
      throw new IllegalArgumentException("smo1.mail.retry-backoff must not be negative");
    }
  }

  public static MailSettings from(Config config) {
    Config mail = config.getConfig("smo1.mail");
    return new MailSettings(
        mail.getString("smtp-host"),
        mail.getInt("smtp-port"),
        mail.getString("from"),
        nonBlank(mail.getString("username")),
        nonBlank(mail.getString("password")),
        mail.getBoolean("starttls"),
        mail.getDuration("timeout"),
        mail.getInt("retries"),
        mail.getDuration("retry-backoff"));
  }

  private static Optional<String> nonBlank(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  @Override
  public String toString() {
    return "MailSettings[smtpHost="
        + smtpHost
        + ", smtpPort="
        + smtpPort
        + ", from="
        + from
        + ", username="
        + username.orElse("<none>")
        + ", password="
        + (password.isPresent() ? "<redacted>" : "<none>")
        + ", startTls="
        + startTls
        + ", timeout="
        + timeout
        + ", retries="
        + retries
        + ", retryBackoff="
        + retryBackoff
        + "]";
  }
}
