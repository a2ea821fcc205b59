package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared access-cookie cases ({@code
 * packages/kv-record/contract/fixtures/access-cookies.json}), which the edge Worker's tests run in
 * workerd too.
 */
class AccessCookiesTest {
  static final Path CASES = Path.of("../packages/kv-record/contract/fixtures/access-cookies.json");

  record Case(String name, LinkId link, Instant since, Instant now, String cookie, boolean valid) {
    @Override
    public String toString() {
      return name;
    }
  }

  static JsonNode fixture() throws Exception {
    return new ObjectMapper().readTree(Files.readString(CASES));
  }

  static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    for (JsonNode each : fixture().get("cases")) {
      cases.add(
          new Case(
              each.get("name").asText(),
              LinkId.fromEntityId(each.get("key").asText()),
              Instant.parse(each.get("since").asText()),
              Instant.parse(each.get("now").asText()),
              each.get("cookie").asText(),
              each.get("valid").asBoolean()));
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
    return cases;
  }

  @Test
  void issuesTheSharedCookie() throws Exception {
    JsonNode fixture = fixture();
    JsonNode issue = fixture.get("issue");
    var cookies = new AccessCookies(fixture.get("secret").asText());

    assertThat(
            cookies.issue(
                LinkId.fromEntityId(issue.get("key").asText()),
                Instant.parse(issue.get("since").asText()),
                Instant.parse(issue.get("now").asText())))
        .isEqualTo(issue.get("issued").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void judgesEachCookieAsTheSharedCasesSay(Case each) throws Exception {
    var cookies = new AccessCookies(fixture().get("secret").asText());

    assertThat(cookies.valid(each.cookie(), each.link(), each.since(), each.now()))
        .isEqualTo(each.valid());
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> new AccessCookies("")).isInstanceOf(IllegalArgumentException.class);
  }
}
