package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared scan marker cases ({@code packages/kv-record/contract/fixtures/scan-marker.json}),
 * which the edge Worker's tests run in workerd too.
 */
class ScanMarkerTest {
  static final Path CASES = Path.of("../packages/kv-record/contract/fixtures/scan-marker.json");

  record Case(String name, String query, String rest, String trigger) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    for (JsonNode each : new ObjectMapper().readTree(Files.readString(CASES)).get("cases")) {
      cases.add(
          new Case(
              each.get("name").asText(),
              each.get("query").asText(),
              each.get("rest").asText(),
              each.get("trigger").asText()));
    }
    return cases;
  }

  @Test
  void theSharedFileHasAtLeastTwentyCases() throws Exception {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theQueryLosesTheMarkerAsTheEdgeSees(Case each) {
    ScanMarker.Marked marked = ScanMarker.of(each.query());
    assertThat(marked.query()).isEqualTo(each.rest());
    assertThat(marked.trigger().wireName()).isEqualTo(each.trigger());
  }

  @Test
  void aQrCodesUrlIsTheShortUrlWithTheMarker() {
    assertThat(ScanMarker.scanUrl("https://s.example/abc")).isEqualTo("https://s.example/abc?qr=1");
    assertThat(ScanMarker.of("qr=1").trigger()).isEqualTo(ScanMarker.Trigger.QR);
  }
}
