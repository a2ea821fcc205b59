package dev.smo1.link;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Short code rules. Codes are case-sensitive ({@code Docs} and {@code docs} are two links): base62
 * doubles the space of a 7-character code compared with lower case only. Reserved words are
 * compared case-insensitively, so {@code /Admin} cannot pose as an SMO1 page either.
 */
public final class ShortCodes {
  public static final int MIN_ALIAS_LENGTH = 3;
  public static final int MAX_ALIAS_LENGTH = 64;
  public static final Set<String> RESERVED =
      Set.of(
          "api",
          "admin",
          "health",
          "healthz",
          "readyz",
          "metrics",
          "static",
          "assets",
          "login",
          "logout",
          "internal",
          "favicon.ico",
          "robots.txt",
          "well-known",
          "_",
          "www");

  private static final Pattern ALIAS = Pattern.compile("^[A-Za-z0-9_-]{3,64}$");
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final SecureRandom random = new SecureRandom();
  private final int generatedLength;

  public ShortCodes(int generatedLength) {
    if (generatedLength < MIN_ALIAS_LENGTH || generatedLength > MAX_ALIAS_LENGTH) {
      throw new IllegalArgumentException(
          "generated code length must be between " + MIN_ALIAS_LENGTH + " and " + MAX_ALIAS_LENGTH);
    }
    this.generatedLength = generatedLength;
  }

  /** A fresh random base62 code from a cryptographically strong source; never a reserved word. */
  public String generate() {
    while (true) {
      char[] code = new char[generatedLength];
      for (int i = 0; i < code.length; i++) {
        code[i] = BASE62[random.nextInt(BASE62.length)];
      }
      String candidate = new String(code);
      if (!isReserved(candidate)) {
        return candidate;
      }
    }
  }

  /** Empty when {@code code} is an acceptable alias, else the reason it is not. */
  public static Optional<Violation> checkAlias(String code) {
    if (code == null || !ALIAS.matcher(code).matches()) {
      return Optional.of(
          new Violation(
              ErrorCode.INVALID_ALIAS,
              "alias must be "
                  + MIN_ALIAS_LENGTH
                  + " to "
                  + MAX_ALIAS_LENGTH
                  + " characters of A-Z, a-z, 0-9, '_' and '-'",
              "alias"));
    }
    if (isReserved(code)) {
      return Optional.of(
          new Violation(ErrorCode.RESERVED_ALIAS, "alias '" + code + "' is reserved", "alias"));
    }
    return Optional.empty();
  }

  public static boolean isReserved(String code) {
    return RESERVED.contains(code.toLowerCase(Locale.ROOT));
  }
}
