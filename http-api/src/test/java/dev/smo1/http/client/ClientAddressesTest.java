package dev.smo1.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who sent a request, case by case: a peer inside or outside the trusted proxies, with forwarding
 * headers absent, honest or spoofed, over IPv4 and IPv6, through chains of proxies.
 */
class ClientAddressesTest {
  /** A load balancer network, an IPv6 proxy network, and one Cloudflare-like range. */
  private static final ClientAddresses RULE =
      new ClientAddresses(TrustedProxies.of("10.0.0.0/8, 2001:db8:ffff::/48, 173.245.48.0/20"));

  private static final String VISITOR = "203.0.113.7";
  private static final String SPOOFED = "198.51.100.66";

  /** One row: the connection's address, the headers, the client and country the node believes. */
  record Case(String name, String peer, List<String[]> headers, String client, String country) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case row(
      String name, String peer, String client, String country, String... headers) {
    var pairs = new ArrayList<String[]>();
    for (int i = 0; i < headers.length; i += 2) {
      pairs.add(new String[] {headers[i], headers[i + 1]});
    }
    return new Case(name, peer, pairs, client, country);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            // untrusted peers: headers never count
            row("untrusted, no headers", VISITOR, VISITOR, null),
            row(
                "untrusted, spoofed X-Forwarded-For",
                VISITOR,
                VISITOR,
                null,
                "X-Forwarded-For",
                SPOOFED),
            row(
                "untrusted, spoofed CF-Connecting-IP and CF-IPCountry",
                VISITOR,
                VISITOR,
                null,
                "CF-Connecting-IP",
                SPOOFED,
                "CF-IPCountry",
                "NL"),
            row("untrusted, spoofed X-Real-IP", VISITOR, VISITOR, null, "X-Real-IP", SPOOFED),
            row(
                "untrusted IPv6, spoofed headers",
                "2001:db8:1:2::7",
                "2001:db8:1:2::7",
                null,
                "X-Forwarded-For",
                SPOOFED,
                "CF-Connecting-IP",
                SPOOFED),
            row(
                "untrusted peer right outside a trusted network",
                "11.0.0.1",
                "11.0.0.1",
                null,
                "X-Forwarded-For",
                SPOOFED),
            // trusted peers
            row("trusted, no headers: the proxy itself", "10.1.2.3", "10.1.2.3", null),
            row(
                "trusted, CF-Connecting-IP and CF-IPCountry",
                "173.245.48.9",
                VISITOR,
                "DE",
                "CF-Connecting-IP",
                VISITOR,
                "CF-IPCountry",
                "de"),
            row(
                "trusted, CF-Connecting-IP wins over X-Forwarded-For",
                "10.1.2.3",
                VISITOR,
                null,
                "CF-Connecting-IP",
                VISITOR,
                "X-Forwarded-For",
                SPOOFED),
            row(
                "trusted, CF-Connecting-IP not an address: X-Forwarded-For",
                "10.1.2.3",
                VISITOR,
                null,
                "CF-Connecting-IP",
                "evil.example",
                "X-Forwarded-For",
                VISITOR),
            row(
                "trusted, one X-Forwarded-For entry",
                "10.1.2.3",
                VISITOR,
                null,
                "X-Forwarded-For",
                VISITOR),
            row(
                "trusted, the visitor's own spoofed entry left of the real one is ignored",
                "10.1.2.3",
                VISITOR,
                null,
                "X-Forwarded-For",
                SPOOFED + ", " + VISITOR),
            row(
                "trusted chain: right-most entry that is no trusted proxy",
                "10.1.2.3",
                VISITOR,
                null,
                "X-Forwarded-For",
                SPOOFED + ", " + VISITOR + ", 173.245.48.1, 10.9.9.9"),
            row(
                "trusted chain over two X-Forwarded-For headers",
                "10.1.2.3",
                VISITOR,
                null,
                "X-Forwarded-For",
                SPOOFED + ", " + VISITOR,
                "X-Forwarded-For",
                "10.9.9.9"),
            row(
                "trusted chain, every entry trusted: the left-most",
                "10.1.2.3",
                "10.4.4.4",
                null,
                "X-Forwarded-For",
                "10.4.4.4, 10.5.5.5"),
            row(
                "trusted chain, an unreadable entry: the last trusted hop before it",
                "10.1.2.3",
                "10.5.5.5",
                null,
                "X-Forwarded-For",
                VISITOR + ", unknown, 10.5.5.5"),
            row(
                "trusted, X-Forwarded-For entries with ports",
                "10.1.2.3",
                VISITOR,
                null,
                "X-Forwarded-For",
                VISITOR + ":51234, [2001:db8:ffff::1]:443"),
            row(
                "trusted, a host name in X-Forwarded-For is not looked up",
                "10.1.2.3",
                "10.1.2.3",
                null,
                "X-Forwarded-For",
                "localhost"),
            row(
                "trusted, a country that is no code is dropped",
                "10.1.2.3",
                VISITOR,
                null,
                "CF-Connecting-IP",
                VISITOR,
                "CF-IPCountry",
                "Netherlands"),
            row(
                "trusted, Cloudflare's Tor country passes",
                "10.1.2.3",
                VISITOR,
                "T1",
                "CF-Connecting-IP",
                VISITOR,
                "CF-IPCountry",
                "T1"),
            // IPv6
            row(
                "trusted IPv6 peer, IPv6 visitor",
                "2001:db8:ffff:1::2",
                "2001:db8:42::1",
                null,
                "CF-Connecting-IP",
                "2001:DB8:42:0:0:0:0:1"),
            row(
                "trusted IPv6 peer, IPv6 chain",
                "2001:db8:ffff:1::2",
                "2001:db8:42::1",
                null,
                "X-Forwarded-For",
                "2001:db8:42::1, 2001:db8:ffff::9"),
            row(
                "trusted IPv4 peer, IPv4-mapped visitor reads as IPv4",
                "10.1.2.3",
                VISITOR,
                null,
                "CF-Connecting-IP",
                "::ffff:" + VISITOR),
            row(
                "an IPv4-mapped peer in a trusted IPv4 network is trusted",
                "::ffff:10.1.2.3",
                VISITOR,
                null,
                "CF-Connecting-IP",
                VISITOR))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theClientIsBelievedOnlyFromTrustedProxies(Case row) throws Exception {
    Client client = RULE.resolve(request(row.peer(), row.headers())).orElseThrow();

    assertThat(client.address()).isEqualTo(InetAddress.getByName(row.client()));
    assertThat(client.country()).isEqualTo(Optional.ofNullable(row.country()));
  }

  @Test
  void withoutTheConnectionsAddressThereIsNoClient() {
    assertThat(
            RULE.resolve(
                HttpRequest.create("/").addHeader(RawHeader.create("X-Forwarded-For", VISITOR))))
        .isEmpty();
  }

  @Test
  void routesNotAttachedToARuleTrustNoOne() throws Exception {
    var request =
        request("10.1.2.3", List.<String[]>of(new String[] {"CF-Connecting-IP", VISITOR}));

    assertThat(ClientAddresses.of(request).orElseThrow().address())
        .isEqualTo(InetAddress.getByName("10.1.2.3"));
  }

  @Test
  void aLongChainIsFollowedTwentyHopsAtMost() throws Exception {
    var hops = new ArrayList<String>();
    hops.add(VISITOR);
    for (int i = 0; i < ClientAddresses.MAX_HOPS + 5; i++) {
      hops.add("10.0.0." + (i + 1));
    }
    var request =
        request(
            "10.1.2.3",
            List.<String[]>of(new String[] {"X-Forwarded-For", String.join(",", hops)}));

    assertThat(RULE.resolve(request).orElseThrow().address())
        .as("the farthest trusted hop looked at")
        .isEqualTo(InetAddress.getByName("10.0.0.6"));
  }

  @Test
  void canonicalAddressesAreRfc5952() throws Exception {
    assertThat(canonical("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
    assertThat(canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(canonical("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
    assertThat(canonical("2001:db8:1:2:3:4:5:0")).isEqualTo("2001:db8:1:2:3:4:5:0");
    assertThat(canonical("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(canonical("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
    assertThat(canonical("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(canonical("203.0.113.7")).isEqualTo("203.0.113.7");
  }

  @Test
  void trustedProxiesAreReadFromConfigurationAndCheckedAtStart() {
    assertThat(TrustedProxies.from(ConfigFactory.empty())).isEqualTo(TrustedProxies.NONE);
    assertThat(
            TrustedProxies.from(
                    ConfigFactory.parseString(
                        "smo1.http.trusted-proxies = \" 10.0.0.0/8 ,2001:db8::/32,, 192.0.2.1\""))
                .networks())
        .extracting(Cidr::toString)
        .containsExactly("10.0.0.0/8", "2001:db8:0:0:0:0:0:0/32", "192.0.2.1/32");
    assertThat(
            TrustedProxies.from(ConfigFactory.parseString("smo1.http.trusted-proxies = [\"::1\"]"))
                .networks())
        .extracting(Cidr::prefixLength)
        .containsExactly(128);
    for (String bad :
        List.of(
            "10.0.0.1/8", "10.0.0.0/33", "proxy.internal", "10.0.0.0:80", "[::1]", "10.0.0/8")) {
      assertThatThrownBy(
              () ->
                  TrustedProxies.from(
                      ConfigFactory.parseString("smo1.http.trusted-proxies = \"" + bad + "\"")))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SMO1_TRUSTED_PROXIES");
    }
  }

  private static String canonical(String address) throws Exception {
    return new Client(InetAddress.getByName(address), Optional.empty()).canonicalAddress();
  }

  private static HttpRequest request(String peer, List<String[]> headers) throws Exception {
    var list = new ArrayList<HttpHeader>();
    for (String[] header : headers) {
      list.add(RawHeader.create(header[0], header[1]));
    }
    return HttpRequest.create("/")
        .addHeaders(list)
        .addAttribute(
            AttributeKeys.remoteAddress,
            RemoteAddress.create(new InetSocketAddress(InetAddress.getByName(peer), 40000)));
  }
}
