package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.link.rules.Conditions;
import dev.smo1.link.rules.Routing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Targeting rules and A/B tests are normalised as the journal keeps them, and each invalid part is
 * refused with its code and the field that names it.
 */
class RoutingPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final Set<String> SHORT = Set.of("s.test");

  private static Conditions when(
      Set<String> devices, Set<String> countries, List<String> languages, List<String> hosts) {
    return new Conditions(
        devices, Set.of(), Set.of(), countries, languages, List.of(), hosts, null, null);
  }

  private static Routing rules(Routing.Rule... rules) {
    return new Routing(List.of(rules), List.of(), null);
  }

  private static Routing variants(Instant until, Routing.Variant... variants) {
    return new Routing(List.of(), List.of(variants), until);
  }

  private static Routing.Variant variant(String target, int weight) {
    return new Routing.Variant(target, weight);
  }

  @Test
  void normalisesTargetsCountriesLanguagesAndHosts() {
    var raw =
        rules(
            new Routing.Rule(
                when(
                    Set.of("mobile"), Set.of("de", " AT"), List.of("PT-BR", "de"), List.of("T.CO")),
                "HTTPS://Example.COM/ünï"));

    assertThat(RoutingPolicy.validate(raw, SHORT, NOW))
        .isEqualTo(
            new RoutingPolicy.Checked.Valid(
                rules(
                    new Routing.Rule(
                        when(
                            Set.of("mobile"),
                            Set.of("DE", "AT"),
                            List.of("pt-br", "de"),
                            List.of("t.co")),
                        "https://example.com/%C3%BCn%C3%AF"))));
  }

  @Test
  void noRoutingIsNone() {
    assertThat(RoutingPolicy.validate(null, SHORT, NOW))
        .isEqualTo(new RoutingPolicy.Checked.Valid(Routing.NONE));
  }

  @Test
  void anABTestWithAnEndIsKept() {
    var raw =
        variants(
            NOW.plusSeconds(3600),
            variant("https://a.example/", 0),
            variant("https://b.example/", 1));
    assertThat(RoutingPolicy.validate(raw, SHORT, NOW))
        .isEqualTo(new RoutingPolicy.Checked.Valid(raw));
  }

  static Stream<Arguments> refused() {
    Routing.Rule ok = new Routing.Rule(Conditions.ANY, "https://a.example/");
    return Stream.of(
        refusal(
            "eleven rules",
            new Routing(java.util.Collections.nCopies(11, ok), List.of(), null),
            ErrorCode.INVALID_RULES,
            "rules"),
        refusal(
            "an unknown device",
            rules(
                new Routing.Rule(
                    when(Set.of("watch"), Set.of(), List.of(), List.of()), "https://a.example/")),
            ErrorCode.INVALID_RULES,
            "rules[0].when.device"),
        refusal(
            "a country of three letters",
            rules(
                ok,
                new Routing.Rule(
                    when(Set.of(), Set.of("DEU"), List.of(), List.of()), "https://a.example/")),
            ErrorCode.INVALID_RULES,
            "rules[1].when.country"),
        refusal(
            "a language with an underscore",
            rules(
                new Routing.Rule(
                    when(Set.of(), Set.of(), List.of("de_DE"), List.of()), "https://a.example/")),
            ErrorCode.INVALID_RULES,
            "rules[0].when.language"),
        refusal(
            "a referrer host with a path",
            rules(
                new Routing.Rule(
                    when(Set.of(), Set.of(), List.of(), List.of("t.co/x")), "https://a.example/")),
            ErrorCode.INVALID_RULES,
            "rules[0].when.referrerHost"),
        refusal(
            "a window that ends before it starts",
            rules(
                new Routing.Rule(
                    new Conditions(
                        Set.of(),
                        Set.of(),
                        Set.of(),
                        Set.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        NOW,
                        NOW.minusSeconds(1)),
                    "https://a.example/")),
            ErrorCode.INVALID_RULES,
            "rules[0].when.until"),
        refusal(
            "a query parameter named twice",
            rules(
                new Routing.Rule(
                    new Conditions(
                        Set.of(),
                        Set.of(),
                        Set.of(),
                        Set.of(),
                        List.of(),
                        List.of(
                            new Conditions.QueryCondition("ref", "a"),
                            new Conditions.QueryCondition("ref", null)),
                        List.of(),
                        null,
                        null),
                    "https://a.example/")),
            ErrorCode.INVALID_RULES,
            "rules[0].when.query"),
        refusal(
            "a rule's target that is no URL",
            rules(new Routing.Rule(Conditions.ANY, "not a url")),
            ErrorCode.INVALID_TARGET,
            "rules[0].target"),
        refusal(
            "a variant on SMO1's own short domain",
            variants(null, variant("https://a.example/", 1), variant("https://s.test/x", 1)),
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            "variants[1].target"),
        refusal(
            "one variant",
            variants(null, variant("https://a.example/", 1)),
            ErrorCode.INVALID_VARIANTS,
            "variants"),
        refusal(
            "six variants",
            new Routing(
                List.of(),
                java.util.Collections.nCopies(6, variant("https://a.example/", 1)),
                null),
            ErrorCode.INVALID_VARIANTS,
            "variants"),
        refusal(
            "a negative weight",
            variants(null, variant("https://a.example/", 1), variant("https://b.example/", -1)),
            ErrorCode.INVALID_VARIANTS,
            "variants[1].weight"),
        refusal(
            "a weight above 1000",
            variants(null, variant("https://a.example/", 1001), variant("https://b.example/", 1)),
            ErrorCode.INVALID_VARIANTS,
            "variants[0].weight"),
        refusal(
            "every weight 0",
            variants(null, variant("https://a.example/", 0), variant("https://b.example/", 0)),
            ErrorCode.INVALID_VARIANTS,
            "variants"),
        refusal(
            "an end in the past",
            variants(NOW, variant("https://a.example/", 1), variant("https://b.example/", 1)),
            ErrorCode.INVALID_VARIANTS,
            "variantsUntil"),
        refusal(
            "an end without variants",
            new Routing(List.of(), List.of(), NOW.plusSeconds(60)),
            ErrorCode.INVALID_VARIANTS,
            "variantsUntil"));
  }

  private static Arguments refusal(String name, Routing routing, ErrorCode code, String field) {
    return Arguments.of(Named.of(name, routing), code, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWithItsCodeAndField(Routing routing, ErrorCode code, String field) {
    var checked = RoutingPolicy.validate(routing, SHORT, NOW);

    assertThat(checked).isInstanceOf(RoutingPolicy.Checked.Invalid.class);
    var violation = ((RoutingPolicy.Checked.Invalid) checked).violation();
    assertThat(violation.code()).isEqualTo(code);
    assertThat(violation.field()).isEqualTo(field);
  }

  /** The values a rule may ask for are those the shared user-agent rules can give a visitor. */
  @Test
  void theAllowedDevicesSystemsAndBrowsersAreTheSharedClassesValues() throws Exception {
    JsonNode classes =
        new ObjectMapper()
            .readTree(Files.readString(Path.of("../packages/kv-record/contract/user-agents.json")));
    assertThat(values(classes.get("device"))).isEqualTo(RoutingPolicy.DEVICES);
    assertThat(values(classes.get("os"))).isEqualTo(RoutingPolicy.OPERATING_SYSTEMS);
    assertThat(values(classes.get("browser"))).isEqualTo(RoutingPolicy.BROWSERS);
  }

  private static Set<String> values(JsonNode rules) {
    Set<String> values = new HashSet<>();
    rules.forEach(rule -> values.add(rule.get("value").asText()));
    return values;
  }
}
