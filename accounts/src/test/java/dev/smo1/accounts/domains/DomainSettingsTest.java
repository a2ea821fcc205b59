package dev.smo1.accounts.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DomainSettingsTest {
  @Test
  void theResolverIsAnAddressWithAnOptionalPort() {
    assertThat(DomainSettings.resolver("192.0.2.53"))
        .isEqualTo(new InetSocketAddress("192.0.2.53", 53));
    assertThat(DomainSettings.resolver("127.0.0.1:5353"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
    assertThat(DomainSettings.resolver("2001:db8::53"))
        .isEqualTo(new InetSocketAddress("2001:db8::53", 53));
    assertThat(DomainSettings.resolver("[2001:db8::53]:5353"))
        .isEqualTo(new InetSocketAddress("2001:db8::53", 5353));
    assertThatThrownBy(() -> DomainSettings.resolver("dns.example.com"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultsReadAndTheTargetIsUncheckedUntilConfigured() {
    var settings =
        DomainSettings.from(
            ConfigFactory.parseString("smo1.domains.resolver = \"127.0.0.1:53\"")
                .withFallback(ConfigFactory.parseResources("domains.conf"))
                .resolve());
    assertThat(settings.target().checked()).isFalse();
    assertThat(settings.maxPerWorkspace()).isEqualTo(20);
    var configured =
        DomainSettings.from(
            ConfigFactory.parseString(
                    "smo1.domains { resolver = \"127.0.0.1:53\", cname-target = \"Cname.Example.\","
                        + " addresses = \"192.0.2.1, 2001:db8::1\" }")
                .withFallback(ConfigFactory.parseResources("domains.conf"))
                .resolve());
    assertThat(configured.target().cname()).hasValue("cname.example");
    assertThat(configured.target().addresses()).hasSize(2);
  }
}
