package dev.smo1.link.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real {@code User-Agent} headers classified as the shared table says ({@code
 * packages/kv-record/contract/fixtures/user-agents.json}), which the Worker's tests run in workerd
 * too.
 */
class VisitorAgentsTest {
  static final Path TABLE = Path.of("../packages/kv-record/contract/fixtures/user-agents.json");

  record Case(String name, Optional<String> userAgent, JsonNode expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    for (JsonNode each : new ObjectMapper().readTree(Files.readString(TABLE)).get("cases")) {
      JsonNode agent = each.get("userAgent");
      cases.add(
          new Case(
              each.get("name").asText(),
              agent.isNull() ? Optional.empty() : Optional.of(agent.asText()),
              each.get("expect")));
    }
    return cases;
  }

  @Test
  void theTableHasTwentyFiveRealUserAgentsBotsAndBrowsersAmongThem() throws Exception {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
    assertThat(cases).filteredOn(c -> c.expect().get("bot").isNull()).hasSizeGreaterThan(10);
    assertThat(cases).filteredOn(c -> c.expect().get("preview").asBoolean()).hasSizeGreaterThan(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void classifiesEachAsTheTableSays(Case row) {
    var expected = row.expect();
    assertThat(VisitorAgents.shared().classify(row.userAgent()))
        .isEqualTo(
            new VisitorAgents.AgentClass(
                text(expected.get("device")),
                text(expected.get("os")),
                text(expected.get("browser")),
                text(expected.get("bot")),
                expected.get("preview").asBoolean()));
  }

  private static Optional<String> text(JsonNode value) {
    return value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
