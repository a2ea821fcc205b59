package dev.smo1.accounts.apikey;

import dev.smo1.accounts.Secrets;

/**
 * API key format: {@code smo1_} plus 40 base62 characters (238 bits). Only the SHA-256 is stored,
 * with the first {@link #PREFIX_LENGTH} characters kept visible so people can tell keys apart.
 */
public final class ApiKeyFormat {
  public static final String PREFIX = "smo1_";
  public static final int PREFIX_LENGTH = 8;
  private static final int RANDOM_LENGTH = 40;

  private ApiKeyFormat() {}

  public static String generate() {
    return PREFIX + Secrets.base62(RANDOM_LENGTH);
  }

  /**
   * Whether {@code token} has the shape of a key: the prefix, then exactly 40 base62 characters.
   * Anything else is refused before it is hashed, cached or looked up.
   */
  public static boolean isWellFormed(String token) {
    if (token == null
        || token.length() != PREFIX.length() + RANDOM_LENGTH
        || !token.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < token.length(); i++) {
      char c = token.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  public static String visiblePrefix(String key) {
    return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
  }
}
