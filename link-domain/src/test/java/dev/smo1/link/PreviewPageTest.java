package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared preview pages ({@code packages/kv-record/contract/fixtures/preview-pages.json}), which
 * the edge Worker's tests render in workerd too.
 */
class PreviewPageTest {
  static final Path CASES = Path.of("../packages/kv-record/contract/fixtures/preview-pages.json");

  record Case(String name, LinkOptions.Preview preview, String location, String html) {
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
              OptionsJson.readPreview(each.get("preview")),
              each.get("location").asText(),
              each.get("html").asText()));
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(5);
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOriginRendersTheSharedPage(Case each) {
    assertThat(PreviewPage.html(each.preview(), each.location())).isEqualTo(each.html());
  }
}
