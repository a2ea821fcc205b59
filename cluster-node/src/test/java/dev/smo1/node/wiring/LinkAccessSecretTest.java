package dev.smo1.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.smo1.link.LinkId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkAccessSecretTest {
  private static final LinkId LINK = new LinkId("s.test", "locked");
  private static final Instant SINCE = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant NOW = SINCE.plusSeconds(60);

  @Test
  void nodesGivenTheSameSecretAcceptEachOthersCookies() {
    var config =
        ConfigFactory.parseMap(Map.of("smo1.links.access-secret", "shared-secret-of-nodes"));
    String cookie = LinkAccessSecret.cookies(config).issue(LINK, SINCE, NOW);

    assertThat(LinkAccessSecret.cookies(config).valid(cookie, LINK, SINCE, NOW)).isTrue();
  }

  @Test
  void withoutASecretEachNodeMakesItsOwn() {
    var config = ConfigFactory.empty();
    String cookie = LinkAccessSecret.cookies(config).issue(LINK, SINCE, NOW);

    assertThat(LinkAccessSecret.cookies(config).valid(cookie, LINK, SINCE, NOW)).isFalse();
  }

  @Test
  void aShortSecretIsRefusedAtStart() {
    var config = ConfigFactory.parseMap(Map.of("smo1.links.access-secret", "short"));

    assertThatThrownBy(() -> LinkAccessSecret.cookies(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMO1_LINK_ACCESS_SECRET");
  }
}
