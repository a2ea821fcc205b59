package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one stored vocabulary of link statuses, shared by every store, cache and the Worker. */
class LinkStatusTest {
  @Test
  void storedStatusesReadBackAsThemselves() {
    for (LinkStatus status :
        new LinkStatus[] {LinkStatus.ACTIVE, LinkStatus.DISABLED, LinkStatus.DELETED}) {
      assertThat(LinkStatus.ofStored(status.wireName())).isEqualTo(status);
    }
    assertThat(LinkStatus.ACTIVE.wireName()).isEqualTo("active");
    assertThat(LinkStatus.DISABLED.wireName()).isEqualTo("disabled");
    assertThat(LinkStatus.DELETED.wireName()).isEqualTo("deleted");
  }

  @Test
  void anUnknownOrDerivedStoredStatusIsAnErrorNeverDeleted() {
    for (String stored : new String[] {"expired", "Active", "archived", ""}) {
      assertThatThrownBy(() -> LinkStatus.ofStored(stored))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown stored link status");
    }
    assertThatThrownBy(() -> LinkStatus.ofStored(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
