package dev.smo1.accounts.domains;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.ResolverConfig;

/** {@code smo1.domains} (domains.conf): where DNS is asked, what domains point at, the schedule. */
public record DomainSettings(
    InetSocketAddress resolver,
    Duration resolverTimeout,
    DomainTarget target,
    int maxPerWorkspace,
    Duration firstRetry,
    Duration maxRetry,
    Duration giveUpAfter,
    Duration recheckVerified,
    Duration checkEvery,
    int checksPerRound) {

  public static DomainSettings from(Config config) {
    Config domains = config.getConfig("smo1.domains");
    return new DomainSettings(
        resolver(domains.getString("resolver").strip()),
        domains.getDuration("resolver-timeout"),
        new DomainTarget(
            Optional.of(domains.getString("cname-target")),
            addresses(domains.getString("addresses"))),
        domains.getInt("max-per-workspace"),
        domains.getDuration("first-retry"),
        domains.getDuration("max-retry"),
        domains.getDuration("give-up-after"),
        domains.getDuration("recheck-verified"),
        domains.getDuration("check-every"),
        domains.getInt("checks-per-round"));
  }

  /** The rules for a node whose own domains are {@code ownDomains}. */
  public DomainRules rules(Set<String> ownDomains) {
    return new DomainRules(
        ownDomains, maxPerWorkspace, firstRetry, maxRetry, giveUpAfter, recheckVerified);
  }

  /**
   * {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code 2001:db8::53} or {@code [2001:db8::53]:53}.
   */
  static InetSocketAddress resolver(String hostAndPort) {
    if (hostAndPort.isEmpty()) {
      return ResolverConfig.getCurrentConfig().server();
    }
    if (hostAndPort.startsWith("[")) {
      int close = hostAndPort.indexOf(']');
      int port =
          hostAndPort.startsWith(":", close + 1)
              ? Integer.parseInt(hostAndPort.substring(close + 2))
              : 53;
      return new InetSocketAddress(literal(hostAndPort.substring(1, close)), port);
    }
    int colon = hostAndPort.indexOf(':');
    if (colon < 0 || hostAndPort.indexOf(':', colon + 1) >= 0) {
      return new InetSocketAddress(literal(hostAndPort), 53);
    }
    return new InetSocketAddress(
        literal(hostAndPort.substring(0, colon)),
        Integer.parseInt(hostAndPort.substring(colon + 1)));
  }

  private static Set<InetAddress> addresses(String list) {
    Set<InetAddress> addresses = new HashSet<>();
    for (String each : list.split(",")) {
      if (!each.isBlank()) {
        addresses.add(literal(each.strip()));
      }
    }
    return addresses;
  }

  /** An IP address literal (never a name: no lookup at start-up). */
  private static InetAddress literal(String text) {
    if (!text.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("smo1.domains: not an IP address: " + text);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("smo1.domains: not an IP address: " + text, e);
    }
  }
}
