package dev.smo1.http.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals as proxies write them in headers, read without ever asking DNS: {@link
 * InetAddress#getByName} looks up anything it does not take for a literal, and a header is written
 * by whoever sent the request, so only text that can only be a literal ever reaches it.
 */
final class IpLiterals {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /** Longer than any IPv6 literal (45 characters with an embedded IPv4 address). */
  private static final int MAX_LENGTH = 45;

  private IpLiterals() {}

  /**
   * An IPv4 ({@code 203.0.113.7}) or IPv6 ({@code 2001:db8::1}) literal; also in brackets and with
   * a port ({@code [2001:db8::1]:443}, {@code 203.0.113.7:443}), as some proxies write them. IPv6
   * zone ids, host names and anything else: empty. An IPv4-mapped IPv6 address reads as its IPv4
   * address.
   */
  static Optional<InetAddress> parse(String text) {
    String literal = text.strip();
    if (literal.startsWith("[")) {
      int end = literal.indexOf(']');
      if (end < 0) {
        return Optional.empty();
      }
      literal = literal.substring(1, end);
    } else {
      int colon = literal.indexOf(':');
      if (colon > 0 && colon == literal.lastIndexOf(':') && literal.indexOf('.') > 0) {
        literal = literal.substring(0, colon); // 203.0.113.7:443
      }
    }
    if (literal.isEmpty() || literal.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    if (IPV4.matcher(literal).matches()) {
      String[] parts = literal.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
      return address(bytes);
    }
    if (!isIpv6Shaped(literal)) {
      return Optional.empty();
    }
    try {
      // starts with a hex digit or ':' and holds a ':': the JDK reads it as a literal or refuses
      // it, and never resolves it
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean isIpv6Shaped(String literal) {
    char first = literal.charAt(0);
    if (!(first == ':' || Character.digit(first, 16) >= 0) || literal.indexOf(':') < 0) {
      return false;
    }
    return literal
        .chars()
        .allMatch(c -> c == ':' || c == '.' || (c < 128 && Character.digit(c, 16) >= 0));
  }

  private static Optional<InetAddress> address(byte[] bytes) {
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty(); // only for a wrong length
    }
  }
}
