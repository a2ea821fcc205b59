package dev.smo1.http.clicks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the edge's signature on a click batch: {@code X-SMO1-Signature: v1=<hex HMAC-SHA256 of
 * "<X-SMO1-Timestamp>.<body>" under the shared secret>}, with the timestamp (Unix seconds) within
 * {@code window} of now, so a captured batch cannot be replayed later. The edge Worker signs the
 * same way ({@code edge-redirect/src/signature.ts}, same known vector in both test suites).
 */
public final class ClickSignature {
  public static final String TIMESTAMP_HEADER = "X-SMO1-Timestamp";
  public static final String SIGNATURE_HEADER = "X-SMO1-Signature";
  private static final String SCHEME = "v1=";

  private final SecretKeySpec key;
  private final Duration window;

  public ClickSignature(String secret, Duration window) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the click signing secret is empty");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.window = window;
  }

  /** Why the signature is refused, or empty when it is valid. */
  public Optional<String> refusal(
      Optional<String> timestamp, Optional<String> signature, byte[] body, Instant now) {
    Optional<String> headers = headerRefusal(timestamp, signature, now);
    if (headers.isPresent()) {
      return headers;
    }
    byte[] expected = sign(Long.toString(Long.parseLong(timestamp.get().trim())), body);
    byte[] given = HexFormat.of().parseHex(signature.get().trim().substring(SCHEME.length()));
    return MessageDigest.isEqual(expected, given)
        ? Optional.empty()
        : Optional.of("the signature does not match the body");
  }

  /**
   * What can be refused from the headers alone, before the body is read: missing headers, a
   * timestamp outside the window, a signature that is not {@code v1=} and 64 hex digits.
   */
  public Optional<String> headerRefusal(
      Optional<String> timestamp, Optional<String> signature, Instant now) {
    if (timestamp.isEmpty() || signature.isEmpty()) {
      return Optional.of(
          "the batch is not signed (" + TIMESTAMP_HEADER + ", " + SIGNATURE_HEADER + ")");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.get().trim());
    } catch (NumberFormatException e) {
      return Optional.of(TIMESTAMP_HEADER + " is not a Unix time in seconds");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
      return Optional.of(
          TIMESTAMP_HEADER + " is outside the accepted window of " + window.toSeconds() + " s");
    }
    String presented = signature.get().trim();
    if (!presented.startsWith(SCHEME)) {
      return Optional.of(SIGNATURE_HEADER + " must be v1=<hex>");
    }
    String hex = presented.substring(SCHEME.length());
    if (hex.length() != 64 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      return Optional.of(SIGNATURE_HEADER + " must be v1=<64 hex digits>");
    }
    return Optional.empty();
  }

  /** HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
  public byte[] sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
