package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClickRowTest {
  private static final UUID ID = UUID.fromString("0b7f7c0e-8a43-4d38-9a8e-0f6a7f1c2d3e");

  @Test
  void referrerHostIsLowerCaseWithoutWww() {
    assertThat(ClickRow.host("https://WWW.Google.com/search?q=x")).isEqualTo("google.com");
    assertThat(ClickRow.host("https://t.co/abc")).isEqualTo("t.co");
    assertThat(ClickRow.host("android-app://com.slack/")).isEqualTo("com.slack");
    assertThat(ClickRow.host(null)).isEmpty();
    assertThat(ClickRow.host("")).isEmpty();
    assertThat(ClickRow.host("not a url at all")).isEmpty();
    assertThat(ClickRow.host("https://exa mple.com/")).isEmpty();
  }

  @Test
  void utmParametersComeFromTheShortUrlsQueryWithOrWithoutQuestionMark() {
    assertThat(ClickRow.utm("?utm_source=news%20letter&utm_medium=email&x=1"))
        .isEqualTo(Map.of("utm_source", "news letter", "utm_medium", "email"));
    assertThat(ClickRow.utm("utm_campaign=spring&utm_campaign=second"))
        .isEqualTo(Map.of("utm_campaign", "spring"));
    assertThat(ClickRow.utm("UTM_TERM=shoes&utm_content=%ZZ")).containsEntry("utm_term", "shoes");
    assertThat(ClickRow.utm("utm_content=%ZZ")).containsEntry("utm_content", "%ZZ");
    assertThat(ClickRow.utm("utm_source=" + "x".repeat(300)).get("utm_source"))
        .hasSize(ClickRow.MAX_UTM_LENGTH);
    assertThat(ClickRow.utm("")).isEmpty();
    assertThat(ClickRow.utm("utm_other=1&=2&utm_source")).isEmpty();
  }

  @Test
  void theVisitorIsTheFirst64BitsOfThePseudonymOrElseOfTheClickId() {
    assertThat(ClickRow.visitor(click("ffffffffffffffff0000000000000000"))).isEqualTo(-1L);
    assertThat(ClickRow.visitor(click("0000000000000001ffffffffffffffff"))).isEqualTo(1L);
    long fallback = ID.getMostSignificantBits() ^ ID.getLeastSignificantBits();
    assertThat(ClickRow.visitor(click(null))).isEqualTo(fallback);
    assertThat(ClickRow.visitor(click("not-hex-at-all-not-hex-at-all-xx"))).isEqualTo(fallback);
    assertThat(ClickRow.visitor(click("abc"))).isEqualTo(fallback);
  }

  @Test
  void aRowIsOneJsonLineWithEveryColumn() throws Exception {
    var bytes = new ByteArrayOutputStream();
    ClickRow.writeJsonLines(
        List.of(
            ClickRow.of(
                click("ffffffffffffffff0000000000000000"),
                "alice",
                new UserAgents.Reading("Phone", "Safari", "iOS", false),
                Instant.parse("2030-01-01T10:00:05Z"))),
        bytes);
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).endsWith("}\n").doesNotContain("\n{");
    var row = new ObjectMapper().readTree(out);
    assertThat(row.size()).isEqualTo(25);
    assertThat(row.get("trigger").asText()).isEqualTo("link");
    assertThat(row.get("rule").asInt()).isZero();
    assertThat(row.get("variant").asInt()).isZero();
    assertThat(row.get("event_id").asText()).isEqualTo(ID.toString());
    assertThat(row.get("ts").asLong())
        .isEqualTo(Instant.parse("2030-01-01T10:00:01Z").getEpochSecond());
    assertThat(row.get("visitor").asText()).isEqualTo("18446744073709551615");
    assertThat(row.get("utm_source").asText()).isEqualTo("mail");
    assertThat(row.get("referrer_host").asText()).isEqualTo("example.org");
    assertThat(row.get("country").asText()).isEmpty();
    assertThat(row.get("is_bot").asInt()).isZero();
    assertThat(row.get("received_at").asLong())
        .isEqualTo(Instant.parse("2030-01-01T10:00:05Z").getEpochSecond());
  }

  private static Click click(String visitor) {
    return new Click(
        ID,
        "s.test",
        "abc",
        Instant.parse("2030-01-01T10:00:01.999Z"),
        "edge",
        null,
        null,
        "https://www.example.org/page",
        "UA",
        "?utm_source=mail",
        visitor);
  }
}
