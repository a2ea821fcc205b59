package dev.smo1.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets (session ids, email tokens, API keys) and their SHA-256, the only form stored. A
 * fast hash is right for these: 256 random bits cannot be brute-forced from a stolen hash, and
 * every request verifies one. Passwords are different: see {@link
 * dev.smo1.accounts.user.Passwords}.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Secrets() {}

  /** 32 random bytes, base64url without padding (43 characters). */
  public static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Characters in a {@link #token()}: 32 bytes in unpadded base64url. */
  public static final int TOKEN_LENGTH = 43;

  /**
   * Whether {@code text} has the shape of a {@link #token()} (anything else is never looked up).
   */
  public static boolean isToken(String text) {
    if (text == null || text.length() != TOKEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean base64url =
          (c >= '0' && c <= '9')
              || (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || c == '-'
              || c == '_';
      if (!base64url) {
        return false;
      }
    }
    return true;
  }

  /** {@code length} random base62 characters. */
  public static String base62(int length) {
    var text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(BASE62[RANDOM.nextInt(BASE62.length)]);
    }
    return text.toString();
  }

  public static String sha256(String secret) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }

  /** Compares in time independent of where they differ. */
  public static boolean equal(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
