package dev.smo1.link.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared test vectors of link routing ({@code packages/kv-record/contract/fixtures/
 * link-rules.json}), which the edge Worker's tests run in workerd too: each case's visit, routed by
 * {@link LinkRouting}, goes where the case expects, for the rule or variant it names.
 */
class LinkRoutingVectorsTest {
  static final Path VECTORS = Path.of("../packages/kv-record/contract/fixtures/link-rules.json");

  /** One case, with the defaults merged in. */
  record Case(
      String name, String target, Routing routing, Visit visit, double random, JsonNode expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws Exception {
    JsonNode vectors = new ObjectMapper().readTree(Files.readString(VECTORS));
    JsonNode defaults = vectors.get("defaults");
    List<Case> cases = new ArrayList<>();
    for (JsonNode each : vectors.get("cases")) {
      ObjectNode visit = defaults.get("visit").deepCopy();
      visit.setAll((ObjectNode) each.get("visit"));
      cases.add(
          new Case(
              each.get("name").asText(),
              defaults.get("target").asText(),
              routing(each.get("routing")),
              visit(visit),
              each.get("random").asDouble(),
              each.get("expect")));
    }
    return cases;
  }

  @Test
  void thereAreAtLeastEightyCasesWithDistinctNames() throws Exception {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
    assertThat(cases.stream().map(Case::name).distinct()).hasSameSizeAs(cases);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void routesEachCaseAsExpected(Case vector) {
    Routed routed =
        LinkRouting.route(vector.target(), vector.routing(), vector.visit(), vector.random());

    JsonNode expect = vector.expect();
    assertThat(routed)
        .isEqualTo(
            new Routed(
                expect.get("target").asText(),
                index(expect.get("rule")),
                index(expect.get("variant")),
                expect.get("setVariantCookie").asBoolean()));
  }

  private static OptionalInt index(JsonNode value) {
    return value.isNull() ? OptionalInt.empty() : OptionalInt.of(value.asInt());
  }

  /** The vectors' routing is in the API's shape. */
  private static Routing routing(JsonNode routing) {
    return RoutingJson.read(routing);
  }

  private static Visit visit(JsonNode visit) {
    return new Visit(
        text(visit.get("device")),
        text(visit.get("os")),
        text(visit.get("browser")),
        text(visit.get("country")),
        text(visit.get("acceptLanguage")),
        visit.get("query").asText(),
        text(visit.get("referrer")),
        Instant.parse(visit.get("at").asText()),
        text(visit.get("variantCookie")));
  }

  private static Set<String> strings(JsonNode list) {
    Set<String> values = new LinkedHashSet<>();
    if (list != null) {
      list.forEach(value -> values.add(value.asText()));
    }
    return values;
  }

  private static Optional<String> text(JsonNode value) {
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static Optional<Instant> instant(JsonNode value) {
    return text(value).map(Instant::parse);
  }
}
