package dev.smo1.safety.screening;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A URL as the malicious-URL lists are compared with it: its host (lower-case ASCII, no trailing
 * dot) and its key, the host followed by the port when it is not 80 or 443, the path ({@code /}
 * when empty) and the query. The scheme is left out (a phishing page is the same page over http and
 * https), and so are user information and the fragment, which never reach the server.
 */
record UrlKey(String host, String key) {

  /** The key of {@code url}, with or without a scheme; empty when it has no host. */
  static Optional<UrlKey> of(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String rest = url.strip();
    int scheme = rest.indexOf("://");
    if (scheme > 0 && rest.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      rest = rest.substring(scheme + 3);
    }
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    int end = firstOf(rest, "/?");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String pathAndQuery = end < 0 ? "/" : rest.substring(end);
    if (pathAndQuery.startsWith("?")) {
      pathAndQuery = "/" + pathAndQuery;
    }
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    String host = authority;
    String port = "";
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = authority.substring(0, close + 1);
      port = authority.substring(close + 1).replaceFirst("^:", "");
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        host = authority.substring(0, colon);
        port = authority.substring(colon + 1);
      }
    }
    host = host(host);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    boolean defaultPort = port.isEmpty() || port.equals("80") || port.equals("443");
    return Optional.of(new UrlKey(host, host + (defaultPort ? "" : ":" + port) + pathAndQuery));
  }

  /** A host as lists hold it: lower case, ASCII (IDNA), without a trailing dot. */
  static String host(String raw) {
    String host = raw.strip().toLowerCase(Locale.ROOT);
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || host.startsWith("[")) {
      return host;
    }
    try {
      return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return host;
    }
  }

  /**
   * The list entries that would cover this URL: the key itself, without its query, with and without
   * a trailing slash, and every path prefix ending in {@code /} (an entry ending in a slash covers
   * everything below it, as a phishing kit's folder does).
   */
  List<String> candidates() {
    var candidates = new ArrayList<String>();
    candidates.add(key);
    int query = key.indexOf('?');
    String path = query >= 0 ? key.substring(0, query) : key;
    if (!path.equals(key)) {
      candidates.add(path);
    }
    candidates.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/");
    int slash = path.indexOf('/');
    while (slash >= 0) {
      candidates.add(path.substring(0, slash + 1));
      slash = path.indexOf('/', slash + 1);
    }
    return candidates;
  }

  /** The host and each of its parent domains: a listed host covers its subdomains. */
  List<String> hosts() {
    var hosts = new ArrayList<String>();
    hosts.add(host);
    if (host.startsWith("[") || host.matches("[0-9.]+")) {
      return hosts;
    }
    int dot = host.indexOf('.');
    while (dot >= 0 && host.indexOf('.', dot + 1) >= 0) {
      hosts.add(host.substring(dot + 1));
      dot = host.indexOf('.', dot + 1);
    }
    return hosts;
  }

  private static int firstOf(String text, String characters) {
    int first = -1;
    for (char c : characters.toCharArray()) {
      int index = text.indexOf(c);
      if (index >= 0 && (first < 0 || index < first)) {
        first = index;
      }
    }
    return first;
  }
}
