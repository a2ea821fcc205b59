package dev.smo1.link;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates and normalises link targets. Only what is safe to change is normalised (scheme and host
 * case, internationalised host names to punycode); path, query and fragment are kept verbatim,
 * because servers may treat them case- and encoding-sensitively.
 *
 * <p>Refused: anything but absolute {@code http}/{@code https}, more than {@link #MAX_LENGTH}
 * characters, user-info ({@code user:pass@host} is a phishing device), hosts that are not real
 * public names (no dot, {@code localhost}), whitespace or control characters, and targets on one of
 * SMO1's own short domains (a redirect loop) — unless the path is one of the node's web pages
 * ({@link ShortCodes#PAGE_WORDS}: {@code /blog/…}, {@code /pricing/}), which no code can ever be.
 */
public final class TargetUrls {
  public static final int MAX_LENGTH = 2048;

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
  private static final Pattern HOST_LABEL = Pattern.compile("^(?!-)[a-z0-9-]{1,63}(?<!-)$");
  private static final Pattern PORT = Pattern.compile("^[0-9]{1,5}$");

  /** Dotted-quad octets 0..255 without leading zeros (browsers read {@code 010} as octal 8). */
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";

  private static final Pattern IPV4 = Pattern.compile("^" + OCTET + "(\\." + OCTET + "){3}$");
  private static final Pattern IPV6 = Pattern.compile("^\\[[0-9A-Fa-f:.]+]$");

  /** Outcome of {@link #normalise}: either the normalised URL or the reason it was refused. */
  public sealed interface Result {
    record Valid(String url, String host) implements Result {}

    record Invalid(Violation violation) implements Result {}
  }

  private TargetUrls() {}

  /**
   * @param shortDomains host names (lower case, no port) that belong to SMO1 itself
   */
  public static Result normalise(String raw, Set<String> shortDomains) {
    if (raw == null || raw.isBlank()) {
      return invalid(ErrorCode.INVALID_TARGET, "target is required");
    }
    if (raw.length() > MAX_LENGTH) {
      return invalid(
          ErrorCode.INVALID_TARGET, "target is longer than " + MAX_LENGTH + " characters");
    }
    if (raw.codePoints().anyMatch(TargetUrls::isInvisible)) {
      return invalid(ErrorCode.INVALID_TARGET, "target contains whitespace or control characters");
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
      return invalid(ErrorCode.INVALID_TARGET, "target host is not valid");
    }
    String host;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return invalid(ErrorCode.INVALID_TARGET, "target host is not valid");
      }
      host = authority.substring(0, close + 1);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          return invalid(ErrorCode.INVALID_TARGET, "target host is not valid");
        }
        port = after.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (port != null
        && (!PORT.matcher(port).matches()
            || Integer.parseInt(port) == 0
            || Integer.parseInt(port) > 65535)) {
      return invalid(ErrorCode.INVALID_TARGET, "target port is not valid");
    }
    String asciiHost;
    if (IPV6.matcher(host).matches()) {
      if (!isIpv6Literal(host)) {
        return invalid(ErrorCode.INVALID_TARGET, "target host is not valid");
      }
      asciiHost = host.toLowerCase(Locale.ROOT);
    } else {
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      try {
        asciiHost = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        return invalid(ErrorCode.INVALID_TARGET, "target host is not valid");
      }
      if (!IPV4.matcher(asciiHost).matches() && !isPublicHostName(asciiHost)) {
        return invalid(ErrorCode.INVALID_TARGET, "target host must be a public host name");
      }
    }
    if (shortDomains.contains(asciiHost) && !isPagePath(tail)) {
      return invalid(
          ErrorCode.TARGET_IS_SHORT_DOMAIN,
          "target must not point at a short domain of this service (redirect loop)");
    }
    String normalised = schemeName + "://" + asciiHost + (port == null ? "" : ":" + port) + tail;
    if (normalised.length() > MAX_LENGTH) {
      return invalid(
          ErrorCode.INVALID_TARGET, "target is longer than " + MAX_LENGTH + " characters");
    }
    return new Result.Valid(normalised, asciiHost);
  }

  /**
   * Whitespace in the Unicode sense (including no-break spaces), control characters, and invisible
   * format characters such as bidi overrides ({@code U+202E} makes {@code /gnp.exe} read as {@code
   * /exe.png}). Zero-width (non-)joiners are kept: some scripts need them inside words.
   */
  /** Whether a target's path starts with a page word: never a short code, so never a loop. */
  private static boolean isPagePath(String tail) {
    if (!tail.startsWith("/")) {
      return false;
    }
    int end = indexOfAny(tail.substring(1), "/?#");
    String first = end < 0 ? tail.substring(1) : tail.substring(1, end + 1);
    return ShortCodes.PAGE_WORDS.contains(first.toLowerCase(Locale.ROOT));
  }

  private static boolean isInvisible(int codePoint) {
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || Character.isISOControl(codePoint)
        || (Character.getType(codePoint) == Character.FORMAT
            && codePoint != 0x200C
            && codePoint != 0x200D);
  }

  /** Strict RFC 2732/4291 syntax check by {@link URI}'s parser; no name lookup happens. */
  private static boolean isIpv6Literal(String bracketed) {
    try {
      return new URI("http://" + bracketed + "/").getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isPublicHostName(String host) {
    if (host.length() > 253 || host.equals("localhost") || host.endsWith(".localhost")) {
      return false;
    }
    String[] labels = host.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    // the top-level domain is never all digits
    return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
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
