package dev.smo1.http.client;

import static org.apache.pekko.http.javadsl.server.Directives.mapRequest;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The one rule for who sent a request, used by everything that reads a client's address or country
 * (per-address rate limits, the unknown-code budget, the visitor pseudonym and country of origin
 * clicks, the audit log):
 *
 * <ul>
 *   <li>A connection from outside {@link TrustedProxies}: its own address, and no country. Every
 *       forwarding header is ignored, since whoever opened the connection wrote them.
 *   <li>A connection from a trusted proxy: {@code CF-Connecting-IP} when it holds an address
 *       (Cloudflare sets it; the edge Worker passes the visitor's on), else the right-most {@code
 *       X-Forwarded-For} entry that is not itself a trusted proxy (each proxy appends the address
 *       it was reached from, so entries left of the first untrusted one could be anything); if
 *       every entry is trusted, the left-most. The country is {@code CF-IPCountry}'s.
 * </ul>
 *
 * A trusted proxy is trusted with every header it passes on: one that a client can reach without
 * going through Cloudflare must remove a {@code CF-Connecting-IP} it did not get from Cloudflare.
 *
 * <p>The node's route tree is wrapped by {@link #attach}; readers ask {@link #of(HttpRequest)}. A
 * route tested without it (or a server without {@code remote-address-attribute}) trusts no one.
 * Headers are read as text and addresses parsed without DNS ({@link IpLiterals}).
 */
public final class ClientAddresses {
  static final String CONNECTING_IP = "CF-Connecting-IP";
  static final String COUNTRY = "CF-IPCountry";
  static final String FORWARDED_FOR = "X-Forwarded-For";

  /** Proxies a forwarded chain is followed through at most, from the right. */
  static final int MAX_HOPS = 20;

  private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z][A-Z0-9]");
  private static final AttributeKey<ClientAddresses> KEY =
      AttributeKey.create("smo1-client-addresses", ClientAddresses.class);
  private static final ClientAddresses TRUST_NO_ONE = new ClientAddresses(TrustedProxies.NONE);

  private final TrustedProxies trusted;

  public ClientAddresses(TrustedProxies trusted) {
    this.trusted = trusted;
  }

  /** {@code routes}, with every request they see resolved by this rule. */
  public Route attach(Route routes) {
    return mapRequest(request -> request.addAttribute(KEY, this), () -> routes);
  }

  /**
   * The request's client by the rule its routes were {@linkplain #attach attached} to (trusting no
   * one when none was); empty when the server does not record connections' addresses.
   */
  public static Optional<Client> of(HttpRequest request) {
    return request.getAttribute(KEY).orElse(TRUST_NO_ONE).resolve(request);
  }

  /** The request's client by this rule. */
  public Optional<Client> resolve(HttpRequest request) {
    Optional<InetAddress> peer =
        request.getAttribute(AttributeKeys.remoteAddress).flatMap(RemoteAddress::getAddress);
    if (peer.isEmpty()) {
      return Optional.empty();
    }
    InetAddress connection = peer.get();
    if (!trusted.contains(connection)) {
      return Optional.of(new Client(connection, Optional.empty()));
    }
    Optional<String> country =
        header(request, COUNTRY)
            .map(value -> value.strip().toUpperCase(Locale.ROOT))
            .filter(value -> COUNTRY_CODE.matcher(value).matches());
    InetAddress client =
        header(request, CONNECTING_IP)
            .flatMap(IpLiterals::parse)
            .orElseGet(() -> forwardedFor(request, connection));
    return Optional.of(new Client(client, country));
  }

  /** The right-most X-Forwarded-For hop that is not a trusted proxy (see the class comment). */
  private InetAddress forwardedFor(HttpRequest request, InetAddress connection) {
    List<String> hops = new ArrayList<>();
    for (HttpHeader header : request.getHeaders()) {
      if (header.is(FORWARDED_FOR.toLowerCase(Locale.ROOT))) {
        for (String hop : header.value().split(",")) {
          hops.add(hop);
        }
      }
    }
    InetAddress nearest = connection;
    for (int i = hops.size() - 1; i >= Math.max(0, hops.size() - MAX_HOPS); i--) {
      Optional<InetAddress> hop = IpLiterals.parse(hops.get(i));
      if (hop.isEmpty()) {
        // not an address ("unknown", garbage): the trusted proxy that passed it on is the last
        // hop anyone vouches for
        return nearest;
      }
      if (!trusted.contains(hop.get())) {
        return hop.get();
      }
      nearest = hop.get();
    }
    return nearest;
  }

  private static Optional<String> header(HttpRequest request, String name) {
    return request.getHeader(name).map(HttpHeader::value).filter(value -> !value.isBlank());
  }

  @Override
  public String toString() {
    return "ClientAddresses[trusted=" + trusted.networks() + "]";
  }
}
