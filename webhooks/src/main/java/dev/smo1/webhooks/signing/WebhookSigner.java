package dev.smo1.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook messages as the Standard Webhooks specification has it
 * (github.com/standard-webhooks/standard-webhooks): the secret is {@code whsec_} and the base64 of
 * its key; the signature is the base64 of HMAC-SHA256 over {@code <id>.<timestamp>.<body>}, sent as
 * {@code webhook-signature: v1,<signature>} beside {@code webhook-id} and {@code webhook-timestamp}
 * (seconds since the epoch). Receivers verify with any implementation of the specification; {@code
 * packages/webhooks} checks these signatures with its reference one.
 */
public final class WebhookSigner {
  public static final String SECRET_PREFIX = "whsec_";

  /** Key bytes of a generated secret (the specification allows 24 to 64). */
  static final int KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  /** A signer with {@code secret} ({@code whsec_…}); throws when it is not one. */
  public WebhookSigner(String secret) {
    this.key = keyOf(secret);
  }

  /** A new random secret. */
  public static String newSecret() {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** Whether {@code secret} is a secret of this format with a key of 24 to 64 bytes. */
  public static boolean valid(String secret) {
    try {
      keyOf(secret);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] keyOf(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
    }
    byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    if (key.length < 24 || key.length > 64) {
      throw new IllegalArgumentException("a webhook secret's key is 24 to 64 bytes");
    }
    return key;
  }

  /** {@code v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">}. */
  public String signature(String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The three headers of a message, in the order they are sent. */
  public Map<String, String> headers(String id, long timestamp, String body) {
    var headers = new LinkedHashMap<String, String>();
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", signature(id, timestamp, body));
    return headers;
  }
}
