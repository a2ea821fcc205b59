package dev.smo1.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates link targets and normalises them to the URL the WHATWG URL standard makes of them: what
 * {@code new URL(target).href} gives in a browser, a Worker or Node (decision 0017). That form is
 * plain ASCII, so it is sent in a {@code Location} header byte for byte, by the origin and by the
 * edge alike. Normalised: scheme and host case; host names through IDNA 2008 / UTS #46 ({@link
 * TargetHosts}); default ports dropped; an empty path made {@code /}; {@code \} in the path read as
 * {@code /} and dot segments resolved; in path, query and fragment every character the standard
 * encodes there ({@link PercentEncoding}: non-ASCII, {@code "}, {@code <}, {@code >}, …)
 * percent-encoded as UTF-8. Escapes already there are kept as written (servers may treat paths
 * case- and encoding-sensitively), and must be escapes: a '%' not followed by two hex digits is
 * refused, as no standard says what it means.
 *
 * <p>Refused: anything but absolute {@code http}/{@code https}, more than {@link #MAX_LENGTH}
 * characters (written or normalised), user-info ({@code user:pass@host} is a phishing device),
 * hosts that are not real public names (no dot, {@code localhost}), whitespace or control
 * characters, and targets on one of SMO1's own short domains (a redirect loop) — unless the path is
 * one of the node's web pages ({@link ShortCodes#PAGE_WORDS}: {@code /blog/…}, {@code /pricing/}),
 * which no code can ever be.
 */
public final class TargetUrls {
  public static final int MAX_LENGTH = 2048;

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
  private static final Pattern PORT = Pattern.compile("^[0-9]{1,5}$");

  /** Outcome of {@link #normalise}: either the normalised URL or the reason it was refused. */
  public sealed interface Result {
    /**
     * @param url the normalised target
     * @param host its host as in {@code url}, without a trailing dot
     */
    record Valid(String url, String host) implements Result {}

    record Invalid(Violation violation) implements Result {}
  }

  /** Outcome of {@link #location}: the value of a {@code Location} header, or why there is none. */
  public sealed interface Outgoing {
    record Sendable(String location) implements Outgoing {}

    /** No redirect can carry the stored target. */
    record Unsendable(Violation violation) implements Outgoing {}
  }

  private TargetUrls() {}

  /**
   * The target a new or changed link stores, or why it is refused.
   *
   * @param shortDomains host names (lower case, no port) that belong to SMO1 itself
   */
  public static Result normalise(String raw, Set<String> shortDomains) {
    return normalise(raw, shortDomains, MAX_LENGTH);
  }

  /**
   * What a stored target is sent as in a {@code Location} header. A target this class normalised is
   * plain ASCII with valid escapes and goes out as stored; one stored before it did (raw non-ASCII,
   * say) is normalised now, with no rule about length or own domains (it passed those when it was
   * made); {@link Outgoing.Unsendable} when even that fails (an invalid escape): then no redirect
   * can carry it. The edge Worker applies the same rule ({@code locationFor} in
   * packages/kv-record), so both send the same bytes.
   */
  public static Outgoing location(String stored) {
    if (isSendable(stored)) {
      return new Outgoing.Sendable(stored);
    }
    return switch (normalise(stored, Set.of(), Integer.MAX_VALUE)) {
      case Result.Valid valid -> new Outgoing.Sendable(valid.url());
      case Result.Invalid invalid -> new Outgoing.Unsendable(invalid.violation());
    };
  }

  /** Visible ASCII only, and every '%' an escape: the bytes may go out exactly as they are. */
  static boolean isSendable(String target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return PercentEncoding.invalidEscape(target).isEmpty();
  }

  private static Result normalise(String raw, Set<String> shortDomains, int maxLength) {
    if (raw == null || raw.isBlank()) {
      return invalid(ErrorCode.INVALID_TARGET, "target is required");
    }
    if (raw.length() > maxLength) {
      return invalid(
          ErrorCode.INVALID_TARGET, "target is longer than " + MAX_LENGTH + " characters");
    }
    if (raw.codePoints().anyMatch(TargetUrls::isInvisible)) {
      return invalid(ErrorCode.INVALID_TARGET, "target contains whitespace or control characters");
    }
    if (raw.codePoints().anyMatch(codePoint -> codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      return invalid(ErrorCode.INVALID_TARGET, "target is not valid Unicode (a lone surrogate)");
    }
    var scheme = SCHEME.matcher(raw);
    if (!scheme.find()) {
      return invalid(ErrorCode.INVALID_TARGET, "target must be an absolute http or https URL");
    }
    String schemeName = scheme.group(1).toLowerCase(Locale.ROOT);
    if (!schemeName.equals("http") && !schemeName.equals("https")) {
      return invalid(
          ErrorCode.INVALID_TARGET,
          "target scheme '" + schemeName + "' is not allowed; use http or https");
    }
    String rest = raw.substring(scheme.end());
    if (!rest.startsWith("//")) {
      return invalid(ErrorCode.INVALID_TARGET, "target must be an absolute http or https URL");
    }
    rest = rest.substring(2);
    int authorityEnd = indexOfAny(rest, "/?#");
    String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
    String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
    if (authority.indexOf('@') >= 0) {
      return invalid(ErrorCode.INVALID_TARGET, "target must not contain user information");
    }
    if (authority.indexOf('\\') >= 0) {
      return invalid(ErrorCode.INVALID_TARGET, TargetHosts.NOT_VALID);
    }
    String rawHost;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return invalid(ErrorCode.INVALID_TARGET, TargetHosts.NOT_VALID);
      }
      rawHost = authority.substring(0, close + 1);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          return invalid(ErrorCode.INVALID_TARGET, TargetHosts.NOT_VALID);
        }
        port = after.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      rawHost = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (port != null
        && (!PORT.matcher(port).matches()
            || Integer.parseInt(port) == 0
            || Integer.parseInt(port) > 65535)) {
      return invalid(ErrorCode.INVALID_TARGET, "target port is not valid");
    }
    TargetHosts.Host host;
    switch (TargetHosts.parse(rawHost)) {
      case TargetHosts.Parsed.Invalid refused -> {
        return invalid(ErrorCode.INVALID_TARGET, refused.message());
      }
      case TargetHosts.Parsed.Valid parsed -> host = parsed.host();
    }
    var escape = PercentEncoding.invalidEscape(tail);
    if (escape.isPresent()) {
      return invalid(
          ErrorCode.INVALID_TARGET,
          "target contains '"
              + escape.get()
              + "', which is no percent escape (write a '%' itself as %25)");
    }
    String normalisedTail = normaliseTail(tail);
    if (shortDomains.contains(host.name()) && !isPagePath(normalisedTail)) {
      return invalid(
          ErrorCode.TARGET_IS_SHORT_DOMAIN,
          "target must not point at a short domain of this service (redirect loop)");
    }
    String normalised =
        schemeName + "://" + host.serialised() + port(schemeName, port) + normalisedTail;
    if (normalised.length() > maxLength) {
      return invalid(
          ErrorCode.INVALID_TARGET, "target is longer than " + MAX_LENGTH + " characters");
    }
    return new Result.Valid(normalised, host.name());
  }

  /** The port as the standard writes it: without leading zeros, and none when the default. */
  private static String port(String scheme, String port) {
    if (port == null) {
      return "";
    }
    int number = Integer.parseInt(port);
    boolean standard = number == (scheme.equals("https") ? 443 : 80);
    return standard ? "" : ":" + number;
  }

  /**
   * Path, query and fragment of a target as the standard serialises them: {@code tail} is what
   * follows the authority (empty, or starting with '/', '?' or '#').
   */
  private static String normaliseTail(String tail) {
    int hash = tail.indexOf('#');
    String fragment = hash < 0 ? null : tail.substring(hash + 1);
    String beforeFragment = hash < 0 ? tail : tail.substring(0, hash);
    int question = beforeFragment.indexOf('?');
    String query = question < 0 ? null : beforeFragment.substring(question + 1);
    String path = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
    return normalisePath(path)
        + (query == null ? "" : "?" + PercentEncoding.QUERY.encode(query))
        + (fragment == null ? "" : "#" + PercentEncoding.FRAGMENT.encode(fragment));
  }

  /**
   * The standard's path state for http(s): segments split at '/' and '\', each percent-encoded,
   * {@code .} and {@code ..} (also written {@code %2e}) resolved; an empty path is {@code /}.
   */
  private static String normalisePath(String path) {
    if (path.isEmpty()) {
      return "/";
    }
    String[] segments = path.substring(1).split("[/\\\\]", -1);
    List<String> kept = new ArrayList<>(segments.length);
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      String segment = PercentEncoding.PATH.encode(segments[i]);
      if (isDoubleDot(segment)) {
        if (!kept.isEmpty()) {
          kept.removeLast();
        }
        if (last) {
          kept.add("");
        }
      } else if (isSingleDot(segment)) {
        if (last) {
          kept.add("");
        }
      } else {
        kept.add(segment);
      }
    }
    return "/" + String.join("/", kept);
  }

  private static boolean isSingleDot(String segment) {
    return segment.equals(".") || segment.equalsIgnoreCase("%2e");
  }

  private static boolean isDoubleDot(String segment) {
    return switch (segment.toLowerCase(Locale.ROOT)) {
      case "..", ".%2e", "%2e.", "%2e%2e" -> true;
      default -> false;
    };
  }

  /** Whether a target's path starts with a page word: never a short code, so never a loop. */
  private static boolean isPagePath(String tail) {
    int end = indexOfAny(tail.substring(1), "/?#");
    String first = end < 0 ? tail.substring(1) : tail.substring(1, end + 1);
    return ShortCodes.PAGE_WORDS.contains(first.toLowerCase(Locale.ROOT));
  }

  /**
   * Whitespace in the Unicode sense (including no-break spaces), control characters, and invisible
   * format characters such as bidi overrides ({@code U+202E} makes {@code /gnp.exe} read as {@code
   * /exe.png}). Zero-width (non-)joiners are kept: some scripts need them inside words.
   */
  private static boolean isInvisible(int codePoint) {
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || Character.isISOControl(codePoint)
        || (Character.getType(codePoint) == Character.FORMAT
            && codePoint != 0x200C
            && codePoint != 0x200D);
  }

  private static int indexOfAny(String value, String characters) {
    for (int i = 0; i < value.length(); i++) {
      if (characters.indexOf(value.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static Result invalid(ErrorCode code, String message) {
    return new Result.Invalid(new Violation(code, message, "target"));
  }
}
