package dev.smo1.http.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * A network: an address and a prefix length ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare
 * address is the network of that one address. IPv4 networks hold IPv4 addresses only and IPv6 ones
 * IPv6 addresses (an IPv4-mapped IPv6 address is read as IPv4 before it gets here).
 */
public record Cidr(InetAddress network, int prefixLength) {
  public Cidr {
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " out of range 0 to " + bits);
    }
  }

  /**
   * {@code <address>/<prefix length>} or a bare address. Refuses host names, and networks with host
   * bits set ({@code 10.0.0.1/8}): a typo for {@code /32} or a misread network, and either way not
   * what the operator meant to trust.
   */
  public static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress network =
        IpLiterals.parse(address)
            // the bare literal only: no brackets, no port
            .filter(
                parsed ->
                    !address.contains("[")
                        && !(parsed instanceof Inet4Address && address.contains(":")))
            .orElseThrow(
                () -> new IllegalArgumentException("not an IP address or network: " + trimmed));
    int bits = network.getAddress().length * 8;
    int prefixLength;
    if (slash < 0) {
      prefixLength = bits;
    } else {
      String prefix = trimmed.substring(slash + 1);
      if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
        throw new IllegalArgumentException(
            "not an IP network: " + trimmed + " (the prefix length must be 0 to " + bits + ")");
      }
      prefixLength = Integer.parseInt(prefix);
    }
    var cidr = new Cidr(network, prefixLength);
    if (!Arrays.equals(cidr.masked(network.getAddress()), network.getAddress())) {
      throw new IllegalArgumentException(
          "not an IP network: " + trimmed + " has bits set beyond its prefix length");
    }
    return cidr;
  }

  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.getAddress().length
        && Arrays.equals(masked(bytes), network.getAddress());
  }

  private byte[] masked(byte[] bytes) {
    byte[] masked = bytes.clone();
    for (int i = 0; i < masked.length; i++) {
      int kept = Math.clamp(prefixLength - i * 8L, 0, 8);
      masked[i] &= (byte) (0xff << (8 - kept));
    }
    return masked;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
