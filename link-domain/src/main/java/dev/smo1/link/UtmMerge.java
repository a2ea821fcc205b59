package dev.smo1.link;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A link's UTM parameters merged into the query of its target's location: each parameter the link
 * sets replaces any of that name in the target (the link's own values win), and they are appended
 * in a fixed order ({@code utm_source}, {@code utm_medium}, {@code utm_campaign}, {@code utm_term},
 * {@code utm_content}) after the target's other parameters, before any fragment. Empty parameters
 * of the target ({@code a=1&&b=2}) are dropped. Values are percent-encoded as JavaScript's {@code
 * encodeURIComponent} does (UTF-8; only letters, digits and {@code -_.!~*'()} stay as they are), so
 * the edge Worker ({@code mergeUtm} in packages/kv-record) sends the same bytes: shared fixtures in
 * packages/kv-record/contract/fixtures/utm.json. A visitor's forwarded query is appended after.
 */
public final class UtmMerge {
  private static final String UNRESERVED = "-_.!~*'()";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UtmMerge() {}

  /** {@code location} (a sendable, plain-ASCII URL) with {@code utm} merged into its query. */
  public static String merge(String location, LinkOptions.Utm utm) {
    if (utm == null || utm.isEmpty()) {
      return location;
    }
    List<String[]> parameters = new ArrayList<>(5);
    add(parameters, "utm_source", utm.source());
    add(parameters, "utm_medium", utm.medium());
    add(parameters, "utm_campaign", utm.campaign());
    add(parameters, "utm_term", utm.term());
    add(parameters, "utm_content", utm.content());
    int hash = location.indexOf('#');
    String base = hash >= 0 ? location.substring(0, hash) : location;
    String fragment = hash >= 0 ? location.substring(hash) : "";
    int question = base.indexOf('?');
    String path = question >= 0 ? base.substring(0, question) : base;
    String query = question >= 0 ? base.substring(question + 1) : "";
    StringBuilder merged = new StringBuilder(location.length() + 96).append(path).append('?');
    boolean first = true;
    for (String part : query.split("&", -1)) {
      if (part.isEmpty() || replaced(parameters, part)) {
        continue;
      }
      merged.append(first ? "" : "&").append(part);
      first = false;
    }
    for (String[] parameter : parameters) {
      merged.append(first ? "" : "&").append(parameter[0]).append('=').append(parameter[1]);
      first = false;
    }
    return merged.append(fragment).toString();
  }

  private static void add(List<String[]> parameters, String name, String value) {
    if (value != null) {
      parameters.add(new String[] {name, encode(value)});
    }
  }

  /** Whether {@code part} ({@code name=value} or {@code name}) names a parameter the link sets. */
  private static boolean replaced(List<String[]> parameters, String part) {
    int equals = part.indexOf('=');
    String name = equals >= 0 ? part.substring(0, equals) : part;
    for (String[] parameter : parameters) {
      if (parameter[0].equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** As JavaScript's {@code encodeURIComponent} (the value is well-formed UTF-16). */
  static String encode(String value) {
    StringBuilder encoded = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || UNRESERVED.indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return encoded.toString();
  }
}
