package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stream entry format: clicks as JSON lines, read back exactly; the dedupe hour buckets. */
class RedisClickStreamTest {
  @Test
  void anEntryOfManyClicksReadsBackAsTheSameClicks() {
    var clicks =
        List.of(
            click("a\"b\\c\nline", null),
            click("https://t.co/x", "?utm_source=x"),
            click(null, "").routed(Click.QR, 3, 2));

    var entry = Map.of("b", String.join("\n", RedisClickStream.json(clicks)));

    assertThat(RedisClickStream.clicksOf(entry)).isEqualTo(clicks);
  }

  @Test
  void anEntryWrittenBeforeBatchingHoldsOneClick() {
    Click click = click(null, "");
    assertThat(RedisClickStream.clicksOf(Map.of("c", RedisClickStream.json(click))))
        .containsExactly(click);
  }

  @Test
  void anEntryWrittenBeforeTriggersRulesAndVariantsIsAFollowedLinkRoutedByNone() {
    Click click = click(null, "").routed(Click.QR, 1, 1);
    String before =
        RedisClickStream.json(click).replace(",\"trigger\":\"qr\",\"rule\":1,\"variant\":1", "");
    assertThat(before).doesNotContain("trigger");
    assertThat(RedisClickStream.clicksOf(Map.of("c", before)))
        .containsExactly(click.routed(Click.LINK, 0, 0));
  }

  @Test
  void anEntryWithoutClicksOrWithGarbageIsRefused() {
    assertThatThrownBy(() -> RedisClickStream.clicksOf(Map.of("x", "1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisClickStream.clicksOf(Map.of("b", "{\"id\":\"not-a-uuid\"}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisClickStream.clicksOf(Map.of("b", "[1,2]")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClickIsDedupedInTheHourOfItsTimeHeldNearNow() {
    long now = Instant.parse("2030-01-01T12:30:00Z").getEpochSecond();
    long hour = now / 3600;
    assertThat(RedisClickStream.bucket(now - 60, now)).isEqualTo(hour);
    assertThat(RedisClickStream.bucket(now - 3600, now)).isEqualTo(hour - 1);
    // a clock years off is held to a week back or an hour ahead
    assertThat(RedisClickStream.bucket(0, now)).isEqualTo((now - 7 * 86_400) / 3600);
    assertThat(RedisClickStream.bucket(now + 86_400 * 365, now)).isEqualTo(hour + 1);
  }

  private static Click click(String referrer, String query) {
    return new Click(
        UUID.randomUUID(),
        "s.test",
        "abc",
        Instant.parse("2030-01-01T10:00:01.123Z"),
        "edge",
        "SE",
        null,
        referrer,
        "UA/1 (\u00e9)",
        query,
        "0123456789abcdef0123456789abcdef");
  }
}
