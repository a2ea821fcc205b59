package dev.smo1.accounts.domains;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * What a custom domain must point at to reach SMO1: a CNAME to {@code cname} (a subdomain), or
 * A/AAAA records all among {@code addresses} (an apex domain, which cannot have a CNAME). With
 * neither configured, where a domain points is not checked (a local node), only its TXT proof.
 */
public record DomainTarget(Optional<String> cname, Set<InetAddress> addresses) {
  public DomainTarget {
    cname =
        cname
            .map(name -> name.strip().toLowerCase(java.util.Locale.ROOT))
            .map(name -> name.endsWith(".") ? name.substring(0, name.length() - 1) : name)
            .filter(name -> !name.isEmpty());
    addresses = Set.copyOf(addresses);
  }

  public static final DomainTarget UNCHECKED = new DomainTarget(Optional.empty(), Set.of());

  public boolean checked() {
    return cname.isPresent() || !addresses.isEmpty();
  }

  /** The records a domain owner adds, in words: "a CNAME to x, or A/AAAA records to y". */
  public String describe() {
    var ways = new java.util.ArrayList<String>();
    cname.ifPresent(name -> ways.add("a CNAME record to " + name));
    if (!addresses.isEmpty()) {
      ways.add(
          "A/AAAA records to "
              + String.join(
                  ", ", addresses.stream().map(InetAddress::getHostAddress).sorted().toList()));
    }
    return String.join(", or ", ways);
  }
}
