package dev.smo1.link.known;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.link.LinkId;
import org.junit.jupiter.api.Test;

class KnownLinksTest {
  private static final LinkId OLD = new LinkId("s.example", "old1234");
  private static final LinkId NEW = new LinkId("s.example", "new1234");
  private static final LinkId NEVER = new LinkId("s.example", "never12");

  @Test
  void everyCodeMayExistUntilTheFirstLoadCompletes() {
    var known = new KnownLinks();
    assertThat(known.ready()).isFalse();
    assertThat(known.mayExist(NEVER)).isTrue();
    known.add(NEW); // a link created before the load is not lost
    var filling = known.beginLoad(1_000, 0.001);
    assertThat(known.mayExist(NEVER)).as("still loading").isTrue();
    filling.add(OLD.entityId());
    known.completeLoad(filling);

    assertThat(known.ready()).isTrue();
    assertThat(known.mayExist(OLD)).isTrue();
    assertThat(known.mayExist(NEVER)).isFalse();
  }

  @Test
  void linksAddedDuringALoadReachTheNewFilter() {
    var known = new KnownLinks();
    var first = known.beginLoad(1_000, 0.001);
    known.completeLoad(first);
    known.add(OLD);

    var second = known.beginLoad(2_000, 0.001);
    known.add(NEW); // created while the journal is being read again
    second.add(OLD.entityId());
    known.completeLoad(second);

    assertThat(known.capacity()).isEqualTo(2_000);
    assertThat(known.mayExist(NEW)).isTrue();
    assertThat(known.mayExist(OLD)).isTrue();
    assertThat(known.mayExist(NEVER)).isFalse();
  }

  @Test
  void anAbandonedLoadLeavesTheCurrentFilter() {
    var known = new KnownLinks();
    var first = known.beginLoad(1_000, 0.001);
    first.add(OLD.entityId());
    known.completeLoad(first);
    var failed = known.beginLoad(2_000, 0.001);
    known.abandonLoad(failed);
    known.add(NEW);

    assertThat(known.capacity()).isEqualTo(1_000);
    assertThat(known.mayExist(NEW)).isTrue();
    assertThatThrownBy(() -> known.completeLoad(failed)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void knowsWhenItHoldsMoreThanItsCapacity() {
    var known = new KnownLinks();
    known.completeLoad(known.beginLoad(1_000, 0.001));
    for (int i = 0; i < 900; i++) {
      known.add(new LinkId("s.example", "code" + i));
    }
    assertThat(known.overCapacity()).isFalse();
    for (int i = 900; i < 1_200; i++) {
      known.add(new LinkId("s.example", "code" + i));
    }
    assertThat(known.overCapacity()).isTrue();
  }

  @Test
  void whileDistrustedEveryCodeMayExistAndAfterwardsTheFilterDecidesAgain() throws Exception {
    var known = new KnownLinks();
    known.completeLoad(known.beginLoad(1_000, 0.001));
    var never = new dev.smo1.link.LinkId("s.test", "never1");
    assertThat(known.mayExist(never)).isFalse();

    known.distrustFor(java.time.Duration.ofMillis(300));
    assertThat(known.mayExist(never)).isTrue();
    // a shorter period does not cut a longer one short
    known.distrustFor(java.time.Duration.ofMillis(1));
    Thread.sleep(50);
    assertThat(known.mayExist(never)).isTrue();

    Thread.sleep(400);
    assertThat(known.mayExist(never)).isFalse();
  }
}
