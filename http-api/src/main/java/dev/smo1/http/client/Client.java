package dev.smo1.http.client;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Who sent a request, as far as the node can tell ({@link ClientAddresses}).
 *
 * @param address the client's address: the connection's, or what a trusted proxy says it is
 * @param country the ISO 3166-1 alpha-2 country a trusted proxy (Cloudflare) gave, upper case;
 *     Cloudflare's {@code T1} (Tor) and {@code XX} (unknown) included
 */
public record Client(InetAddress address, Optional<String> country) {

  /**
   * The address as text in one form for each address: IPv4 dotted decimal, IPv6 as RFC 5952 writes
   * it (lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}, the
   * first of equal runs), without a zone. The edge Worker writes addresses the same way, so a
   * visitor's pseudonym does not depend on how a proxy spelled the address ({@code 2001:DB8:0:0::1}
   * and {@code 2001:db8::1} are one visitor).
   */
  public String canonicalAddress() {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is never shortened
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    var text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
