package dev.smo1.link;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Short code rules. Codes are case-sensitive ({@code Guide} and {@code guide} are two links):
 * base62 doubles the space of a 7-character code compared with lower case only. Reserved words are
 * compared case-insensitively, so {@code /Admin} cannot pose as an SMO1 page either.
 */
public final class ShortCodes {
  public static final int MIN_ALIAS_LENGTH = 3;
  public static final int MAX_ALIAS_LENGTH = 64;

  /**
   * Words no link has ever been allowed to have: the node's own paths and words that would pose as
   * SMO1's. A path of one of them is answered without asking anyone ({@link #mayExist}).
   */
  public static final Set<String> SYSTEM_WORDS =
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

  /**
   * The top-level paths of the web pages the node serves: the landing site's pages, the dashboard
   * ({@code /app}), the docs and the API reference ({@code /docs}, {@code /docs/api}), and what a
   * Next.js static export puts at its root. http-api's {@code SitePaths} serves exactly these as
   * pages (and a test holds a built landing site to them).
   *
   * <p>Reserved since the node serves those pages, so links may exist from before: such a link
   * keeps working on the short domains (which serve no pages) and through the API, but on the app
   * host its page wins, and no new link can take the word. Only words the sites use or are likely
   * to use soon are here: each one takes an alias from every user.
   */
  public static final Set<String> PAGE_WORDS =
      Set.of(
          // where the node mounts the dashboard and the docs (the API reference is /docs/api)
          "app",
          "docs",
          // the landing site's pages, and those it is likely to grow
          "pricing",
          "blog",
          "about",
          "signup",
          "terms",
          "privacy",
          "legal",
          "security",
          "features",
          "changelog",
          "contact",
          // what a Next.js static export writes at its root: hashed assets, the error pages, and
          // the metadata files of the App Router's file conventions
          "_next",
          "404",
          "_not-found",
          "sitemap.xml",
          "icon",
          "icon.svg",
          "icon.png",
          "apple-icon",
          "apple-icon.png",
          "manifest.webmanifest",
          "opengraph-image",
          "opengraph-image.png",
          "twitter-image",
          "twitter-image.png");

  /**
   * Words of the link API's own paths under {@code /api/v1/links/} ({@code PATCH} and {@code DELETE
   * /api/v1/links/bulk} are the bulk operations). A link made before one was reserved keeps
   * redirecting and is still read at {@code GET /api/v1/links/{code}}; no new link can take it.
   */
  public static final Set<String> API_WORDS = Set.of("bulk");

  /** Refused as aliases and never generated, in any letter case. */
  public static final Set<String> RESERVED =
      Stream.of(SYSTEM_WORDS, PAGE_WORDS, API_WORDS)
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());

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

  /**
   * A base62 code of {@code length} (at most 32) derived from {@code seed} (SHA-256): the same for
   * the same seed, never a reserved word. For creates sent again that must ask the same code.
   */
  public static String derive(String seed, int length) {
    if (length < MIN_ALIAS_LENGTH || length > 32) {
      throw new IllegalArgumentException("a derived code has 3 to 32 characters, not " + length);
    }
    for (int round = 0; ; round++) {
      byte[] digest;
      try {
        digest =
            java.security.MessageDigest.getInstance("SHA-256")
                .digest((seed + "#" + round).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
      char[] code = new char[length];
      for (int i = 0; i < length; i++) {
        code[i] = BASE62[(digest[i] & 0xff) % BASE62.length];
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

  /**
   * Whether a link can exist under {@code code}: the syntax of an alias, and not a system word. A
   * page word passes: a link made before it was reserved may have it. Paths that fail are answered
   * "not found" without starting an entity.
   */
  public static boolean mayExist(String code) {
    return code != null
        && ALIAS.matcher(code).matches()
        && !SYSTEM_WORDS.contains(code.toLowerCase(Locale.ROOT));
  }
}
