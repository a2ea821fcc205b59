package dev.smo1.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.accounts.domains.DnsRecords;
import dev.smo1.localstores.testing.TestDns;
import dev.smo1.localstores.testing.TestDns.Entry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard's table: every URL a webhook must never reach is refused — private, loopback,
 * link-local and metadata addresses in every spelling, IPv6 forms, numbers other than a dotted
 * quad, names resolving to private addresses (a real DNS server, Debian's dnsmasq, answers them) —
 * and public ones are allowed with the addresses to pin.
 */
class WebhookUrlsTest {
  private static TestDns dns;
  private static WebhookUrls guard;
  private static WebhookUrls local;

  @BeforeAll
  static void start() {
    dns =
        TestDns.start(
            List.of(
                Entry.a("public.hooks.test", "93.184.216.34"),
                Entry.a("internal.hooks.test", "10.1.2.3"),
                Entry.a("loopback.hooks.test", "127.0.0.1"),
                Entry.a("metadata.hooks.test", "169.254.169.254"),
                Entry.a("mixed.hooks.test", "93.184.216.34"),
                Entry.a("mixed.hooks.test", "192.168.1.10"),
                Entry.aaaa("v6-loopback.hooks.test", "::1"),
                Entry.aaaa("v6-private.hooks.test", "fd00::1"),
                Entry.cname("alias.hooks.test", "internal.hooks.test")));
    var records = new DnsRecords(dns.address(), Duration.ofSeconds(2));
    HostResolver resolver =
        host ->
            records
                .pointing(host)
                .thenApply(pointing -> List.<InetAddress>copyOf(pointing.addresses()));
    guard = new WebhookUrls(resolver, false);
    local = new WebhookUrls(resolver, true);
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // private, loopback, link-local and metadata addresses
        "https://127.0.0.1/hook",
        "https://10.0.0.1/hook",
        "https://172.16.5.4/hook",
        "https://192.168.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://255.255.255.255/hook",
        "https://192.0.2.10/hook",
        // IPv6: loopback, unspecified, unique local, link-local, IPv4 mapped and compatible
        "https://[::1]/hook",
        "https://[::]/hook",
        "https://[fd00:ec2::254]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:a9fe:a9fe]/hook",
        "https://[2002:7f00:1::]/hook",
        // numbers other than a dotted quad (decimal, octal, hex, short forms)
        "https://2130706433/hook",
        "https://0177.0.0.1/hook",
        "https://0x7f.0.0.1/hook",
        "https://0x7f000001/hook",
        "https://127.1/hook",
        "https://017700000001/hook",
        // names: local ones, and public-looking ones resolving to private addresses
        "https://localhost/hook",
        "https://api.localhost/hook",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://printer.local/hook",
        "https://intranet/hook",
        "https://internal.hooks.test/hook",
        "https://loopback.hooks.test/hook",
        "https://metadata.hooks.test/hook",
        "https://mixed.hooks.test/hook",
        "https://v6-loopback.hooks.test/hook",
        "https://v6-private.hooks.test/hook",
        "https://alias.hooks.test/hook",
        "https://nothing.hooks.test/hook",
        // not https, user information, not a URL
        "http://public.hooks.test/hook",
        "ftp://public.hooks.test/hook",
        "https://user:pass@public.hooks.test/hook",
        "file:///etc/passwd",
        "https:///hook",
        "not a url",
      })
  void refuses(String url) {
    var checked = guard.check(url).toCompletableFuture().join();
    assertThat(checked).as(url).isInstanceOf(WebhookUrls.Checked.Refused.class);
  }

  @Test
  void allowsAPublicHostAndPinsItsAddresses() throws Exception {
    var checked =
        guard.check("https://public.hooks.test:8443/hook?x=1").toCompletableFuture().join();
    assertThat(checked).isInstanceOf(WebhookUrls.Checked.Allowed.class);
    var allowed = (WebhookUrls.Checked.Allowed) checked;
    assertThat(allowed.addresses()).containsExactly(InetAddress.getByName("93.184.216.34"));
    assertThat(allowed.uri().getPort()).isEqualTo(8443);
    assertThat(guard.check("https://93.184.216.34/hook").toCompletableFuture().join())
        .isInstanceOf(WebhookUrls.Checked.Allowed.class);
    assertThat(guard.check("https://[2606:4700::1111]/hook").toCompletableFuture().join())
        .isInstanceOf(WebhookUrls.Checked.Allowed.class);
  }

  @Test
  void theLocalProfileAllowsHttpButNeverAPrivateAddress() {
    assertThat(local.check("http://public.hooks.test/hook").toCompletableFuture().join())
        .isInstanceOf(WebhookUrls.Checked.Allowed.class);
    assertThat(local.check("http://127.0.0.1:9000/hook").toCompletableFuture().join())
        .isInstanceOf(WebhookUrls.Checked.Refused.class);
  }

  @Test
  void aRefusalSaysWhy() {
    var refused =
        (WebhookUrls.Checked.Refused)
            guard.check("https://internal.hooks.test/hook").toCompletableFuture().join();
    assertThat(refused.reason()).contains("internal.hooks.test").contains("10.1.2.3");
    // one private address among public ones is enough to refuse the name
    var mixed =
        (WebhookUrls.Checked.Refused)
            guard.check("https://mixed.hooks.test/hook").toCompletableFuture().join();
    assertThat(mixed.reason()).contains("192.168.1.10");
  }
}
