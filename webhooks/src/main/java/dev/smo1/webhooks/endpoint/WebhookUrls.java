package dev.smo1.webhooks.endpoint;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The SSRF guard of webhook endpoints: a URL is delivered to only if it is {@code https} (also
 * {@code http} in the local profile), names a host without user information, and every address that
 * host resolves to is public — no loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, unique-local, multicast, documentation or reserved address,
 * in IPv4, IPv6 or IPv4 mapped into IPv6. Hosts written as numbers other than a plain dotted quad
 * (decimal {@code 2130706433}, octal {@code 0177.0.0.1}, hex, short forms) are refused: clients
 * disagree on what they mean. The check is made again at each delivery, and the delivery connects
 * to the addresses it allowed (pinned), so a name that changes its answer after the check cannot
 * send the request elsewhere. Redirects are never followed (the delivery's client does not).
 */
public final class WebhookUrls {
  public static final int MAX_LENGTH = 2048;

  /** A host made of numbers (decimal, octal with a leading 0, hex) and dots: an IPv4 form. */
  private static final java.util.regex.Pattern NUMERIC =
      java.util.regex.Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*");

  /** The one IPv4 form every client reads alike: four decimal bytes without leading zeros. */
  private static final java.util.regex.Pattern DOTTED_QUAD =
      java.util.regex.Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

  /** What the guard decided. */
  public sealed interface Checked {
    /** Deliver to {@code uri}, connecting to {@code addresses} only. */
    record Allowed(URI uri, List<InetAddress> addresses) implements Checked {}

    record Refused(String reason) implements Checked {}
  }

  private final HostResolver resolver;
  private final boolean httpAllowed;
  private final boolean privateAllowed;

  /**
   * @param httpAllowed whether {@code http} URLs are allowed (the local profile); else https only
   */
  public WebhookUrls(HostResolver resolver, boolean httpAllowed) {
    this(resolver, httpAllowed, false);
  }

  /**
   * @param privateAllowed whether private and loopback addresses are allowed: only for tests, whose
   *     receivers listen on 127.0.0.1
   */
  public WebhookUrls(HostResolver resolver, boolean httpAllowed, boolean privateAllowed) {
    this.resolver = resolver;
    this.httpAllowed = httpAllowed;
    this.privateAllowed = privateAllowed;
  }

  public CompletionStage<Checked> check(String url) {
    if (url == null || url.isBlank()) {
      return refused("url is required");
    }
    if (url.length() > MAX_LENGTH) {
      return refused("url is longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return refused("url is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(httpAllowed && scheme.equals("http"))) {
      return refused(httpAllowed ? "url must be http or https" : "url must be https");
    }
    if (uri.getRawUserInfo() != null) {
      return refused("url must not contain user information");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return refused("url must name a host");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      return addressLiteral(uri, host.substring(1, host.length() - 1));
    }
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (NUMERIC.matcher(host).matches()) {
      if (!DOTTED_QUAD.matcher(host).matches()) {
        return refused("url's host is a number in a form other than a dotted quad");
      }
      return addressLiteral(uri, host);
    }
    if (!privateAllowed
        && (!host.contains(".")
            || host.equals("localhost")
            || host.endsWith(".localhost")
            || host.endsWith(".local")
            || host.endsWith(".internal")
            || host.endsWith(".localdomain"))) {
      return refused("url's host must be a public host name");
    }
    String name = host;
    return resolver
        .resolve(name)
        .thenApply(
            addresses -> {
              if (addresses.isEmpty()) {
                return new Checked.Refused("url's host " + name + " does not resolve");
              }
              for (InetAddress address : addresses) {
                if (!privateAllowed && !isPublic(address)) {
                  return new Checked.Refused(
                      "url's host "
                          + name
                          + " resolves to a non-public address ("
                          + address.getHostAddress()
                          + ")");
                }
              }
              return (Checked) new Checked.Allowed(uri, List.copyOf(addresses));
            })
        .exceptionally(
            failed -> new Checked.Refused("url's host " + name + " could not be resolved"));
  }

  private CompletionStage<Checked> addressLiteral(URI uri, String literal) {
    InetAddress address;
    try {
      // a literal: no lookup happens
      address = InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
    } catch (UnknownHostException e) {
      return refused("url's host is not an address");
    }
    if (!privateAllowed && !isPublic(address)) {
      return refused("url's host is a non-public address (" + address.getHostAddress() + ")");
    }
    return CompletableFuture.completedFuture(new Checked.Allowed(uri, List.of(address)));
  }

  private static CompletionStage<Checked> refused(String reason) {
    return CompletableFuture.completedFuture(new Checked.Refused(reason));
  }

  /** Whether an address is on the public internet (routable, unicast, not reserved). */
  public static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      // IPv4 mapped (::ffff:a.b.c.d) and compatible (::a.b.c.d): the IPv4 address decides
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= bytes[i] == 0;
      }
      if (mapped
          && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff)
              || (bytes[10] == 0 && bytes[11] == 0))) {
        try {
          return isPublic(
              InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
        } catch (UnknownHostException impossible) {
          return false;
        }
      }
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return !((first & 0xfe) == 0xfc // fc00::/7 unique local
          || (first == 0xfe && (second & 0xc0) == 0xc0) // fec0::/10 site local (old)
          || (first == 0x20
              && second == 0x01
              && (bytes[2] & 0xff) == 0x0d
              && (bytes[3] & 0xff) == 0xb8) // 2001:db8::/32 documentation
          || (first == 0x20 && second == 0x02) // 2002::/16 6to4: an IPv4 inside
          || (first == 0x20 && second == 0x01 && bytes[2] == 0 && bytes[3] == 0) // Teredo
          || (first == 0x00
              && second == 0x64
              && (bytes[2] & 0xff) == 0xff
              && (bytes[3] & 0xff) == 0x9b)); // 64:ff9b::/96 NAT64
    }
    if (address instanceof Inet4Address) {
      int a = bytes[0] & 0xff;
      int b = bytes[1] & 0xff;
      int c = bytes[2] & 0xff;
      return !(a == 0 // 0.0.0.0/8
          || a == 10
          || a == 127
          || (a == 100 && b >= 64 && b <= 127) // carrier-grade NAT
          || (a == 169 && b == 254) // link-local, cloud metadata
          || (a == 172 && b >= 16 && b <= 31)
          || (a == 192 && b == 168)
          || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
          || (a == 192 && b == 0 && c == 2) // TEST-NET-1
          || (a == 198 && (b == 18 || b == 19)) // benchmarking
          || (a == 198 && b == 51 && c == 100) // TEST-NET-2
          || (a == 203 && b == 0 && c == 113) // TEST-NET-3
          || a >= 224); // multicast, reserved, broadcast
    }
    return false;
  }
}
