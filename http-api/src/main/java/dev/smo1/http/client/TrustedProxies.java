package dev.smo1.http.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The proxies whose forwarding headers the node believes, read once from {@code
 * smo1.http.trusted-proxies} ({@code SMO1_TRUSTED_PROXIES}: CIDRs separated by commas, IPv4 and
 * IPv6, or a HOCON list). Empty, the default, trusts no one: every request's client is the address
 * of its connection.
 */
public record TrustedProxies(List<Cidr> networks) {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  public TrustedProxies {
    networks = List.copyOf(networks);
  }

  public static TrustedProxies from(Config config) {
    String path = "smo1.http.trusted-proxies";
    if (!config.hasPath(path)) {
      return NONE;
    }
    List<String> entries =
        config.getValue(path).valueType() == ConfigValueType.LIST
            ? config.getStringList(path)
            : Arrays.asList(config.getString(path).split(","));
    try {
      return new TrustedProxies(
          entries.stream().filter(entry -> !entry.isBlank()).map(Cidr::parse).toList());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          path + " (SMO1_TRUSTED_PROXIES) must list IP networks: " + e.getMessage(), e);
    }
  }

  /** Comma-separated CIDRs, as {@code SMO1_TRUSTED_PROXIES} takes them. */
  public static TrustedProxies of(String networks) {
    return new TrustedProxies(
        Arrays.stream(networks.split(",")).filter(n -> !n.isBlank()).map(Cidr::parse).toList());
  }

  public boolean contains(InetAddress address) {
    for (Cidr network : networks) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
