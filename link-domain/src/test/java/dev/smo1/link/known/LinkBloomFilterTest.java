package dev.smo1.link.known;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.link.LinkId;
import dev.smo1.link.ShortCodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinkBloomFilterTest {
  private final ShortCodes codes = new ShortCodes(7);

  private List<String> ids(int count) {
    var ids = new HashSet<String>();
    while (ids.size() < count) {
      ids.add(new LinkId("s.example", codes.generate()).entityId());
    }
    return new ArrayList<>(ids);
  }

  @Test
  void everyAddedIdIsFoundAndFewOthersAre() {
    var filter = new LinkBloomFilter(100_000, 0.001);
    var added = ids(100_000);
    added.forEach(filter::add);
    assertThat(added).allMatch(filter::mightContain);

    var others = new HashSet<>(ids(200_000));
    others.removeAll(added);
    long falsePositives = others.stream().filter(filter::mightContain).count();
    double rate = (double) falsePositives / others.size();
    assertThat(rate).as("false-positive rate at capacity").isLessThan(0.002);
  }

  @Test
  void estimatesDistinctIdsAndIgnoresRepeats() {
    var filter = new LinkBloomFilter(50_000, 0.001);
    var added = ids(40_000);
    added.forEach(filter::add);
    added.subList(0, 20_000).forEach(filter::add); // updates of existing links come again
    assertThat(filter.estimatedSize()).isBetween(39_000L, 41_000L);
  }

  @Test
  void concurrentAddsLoseNothing() {
    var filter = new LinkBloomFilter(80_000, 0.001);
    var added = ids(80_000);
    var writers =
        IntStream.range(0, 4)
            .mapToObj(
                part ->
                    CompletableFuture.runAsync(
                        () ->
                            added.subList(part * 20_000, (part + 1) * 20_000).forEach(filter::add)))
            .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(writers).join();
    assertThat(added).allMatch(filter::mightContain);
    assertThat(filter.estimatedSize()).isBetween(78_000L, 82_000L);
  }

  @Test
  void isSizedByCapacityAndRate() {
    // 1.44 · log2(1/p) bits per id: about 14.4 bits (1.8 bytes) per link at 0.1 %
    assertThat(new LinkBloomFilter(1_000_000, 0.001).sizeInBytes())
        .isBetween(1_750_000L, 1_850_000L);
    assertThatThrownBy(() -> new LinkBloomFilter(0, 0.01))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LinkBloomFilter(10, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
