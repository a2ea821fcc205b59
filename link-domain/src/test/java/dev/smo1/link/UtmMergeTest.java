package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.link.rules.Routing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared UTM cases ({@code packages/kv-record/contract/fixtures/utm.json}), which the edge
 * Worker's tests run in workerd too: the origin's location for each target, UTM and query.
 */
class UtmMergeTest {
  static final Path CASES = Path.of("../packages/kv-record/contract/fixtures/utm.json");

  record Case(
      String name,
      String target,
      LinkOptions.Utm utm,
      boolean forward,
      String query,
      String location) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    for (JsonNode each : new ObjectMapper().readTree(Files.readString(CASES)).get("cases")) {
      JsonNode utm = each.get("utm");
      cases.add(
          new Case(
              each.get("name").asText(),
              each.get("target").asText(),
              utm.isNull()
                  ? null
                  : new LinkOptions.Utm(
                      text(utm, "source"),
                      text(utm, "medium"),
                      text(utm, "campaign"),
                      text(utm, "term"),
                      text(utm, "content")),
              each.get("forwardQuery").asBoolean(),
              each.get("query").asText(),
              each.get("location").asText()));
    }
    return cases;
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  @Test
  void thereAreAtLeastTwentyCases() throws Exception {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOriginSendsTheSharedLocation(Case each) {
    var redirect =
        new Resolution.Redirect(
            each.target(),
            RedirectType.FOUND,
            null,
            each.forward(),
            Routing.NONE,
            new LinkOptions(each.utm(), null, null, null));
    assertThat(redirect.location(each.query())).contains(each.location());
  }
}
