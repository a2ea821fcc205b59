package dev.smo1.accounts.audit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Where a request came from, as the audit log keeps it: the network prefix of the address (/24 for
 * IPv4, /48 for IPv6: enough to tell places apart, not to identify a household) and the user agent,
 * cut to 256 characters.
 */
public record RequestOrigin(String ipPrefix, String userAgent) {
  public static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);

  public static RequestOrigin of(InetAddress address, String userAgent) {
    String agent =
        userAgent == null || userAgent.length() <= 256 ? userAgent : userAgent.substring(0, 256);
    return new RequestOrigin(address == null ? null : prefix(address), agent);
  }

  static String prefix(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
    }
    if (address instanceof Inet6Address) {
      byte[] kept = Arrays.copyOf(bytes, 16);
      Arrays.fill(kept, 6, 16, (byte) 0);
      try {
        return InetAddress.getByAddress(kept).getHostAddress() + "/48";
      } catch (java.net.UnknownHostException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return null;
  }
}
