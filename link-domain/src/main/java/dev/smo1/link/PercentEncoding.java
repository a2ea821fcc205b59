package dev.smo1.link;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The WHATWG URL standard's percent-encode sets for http(s) URLs (url.spec.whatwg.org, "Percent
 * encoding"): what its parser encodes, as UTF-8, in a path, a query and a fragment. Everything else
 * is kept as written, '%' included, so escapes already in a URL stay exactly as they were.
 */
enum PercentEncoding {
  /** The path percent-encode set ({@code ^} since 2025: whatwg/url#846). */
  PATH(" \"#<>?^`{}"),
  /** The special-query percent-encode set: the query set and {@code '}. */
  QUERY(" \"#<>'"),
  FRAGMENT(" \"<>`");

  private final String asciiCharacters;

  PercentEncoding(String asciiCharacters) {
    this.asciiCharacters = asciiCharacters;
  }

  /** Whether the standard encodes {@code codePoint} here: C0 controls, non-ASCII, and the set. */
  boolean encodes(int codePoint) {
    return codePoint <= 0x1f || codePoint > 0x7e || asciiCharacters.indexOf(codePoint) >= 0;
  }

  /** {@code text} with every code point of this set percent-encoded as UTF-8 (upper-case hex). */
  String encode(String text) {
    int first = 0;
    while (first < text.length() && !encodes(text.codePointAt(first))) {
      first += Character.charCount(text.codePointAt(first));
    }
    if (first == text.length()) {
      return text;
    }
    var encoded = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (encodes(codePoint)) {
        for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
          encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
      } else {
        encoded.appendCodePoint(codePoint);
      }
      i += Character.charCount(codePoint);
    }
    return encoded.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * The first '%' in {@code text} that does not start an escape of two hex digits, with what
   * follows it ({@code %zz}, {@code %4}, {@code %}); empty when every '%' does.
   */
  static Optional<String> invalidEscape(String text) {
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
      if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
        int end = i + 1;
        while (end < text.length() && end < i + 3 && text.charAt(end) != '%') {
          end = text.offsetByCodePoints(end, 1);
        }
        return Optional.of(text.substring(i, end));
      }
    }
    return Optional.empty();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
