package dev.smo1.prober;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Links as the API shows them (contract/openapi.yaml, {@code Link}), and what a probe expects. */
class LinkExpectationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPlainLinkExpectsItsRedirectTypeAndExactlyItsTarget() throws Exception {
    var expectation = LinkExpectations.of("docs", link("{}"));
    assertThat(expectation.statuses()).containsExactly(302);
    assertThat(expectation.locations()).containsExactly("https://example.com/docs?a=1");
    assertThat(expectation.check(302, Optional.of("https://example.com/docs?a=1"))).isEmpty();
    assertThat(expectation.check(301, Optional.of("https://example.com/docs?a=1")))
        .hasValue(ErrorReason.STATUS);
    assertThat(expectation.check(302, Optional.of("https://example.com/docs")))
        .hasValue(ErrorReason.LOCATION);
    assertThat(expectation.check(302, Optional.empty())).hasValue(ErrorReason.LOCATION);
  }

  @Test
  void utmIsMergedIntoTheLocationAsTheOriginAndTheEdgeMergeIt() throws Exception {
    var expectation =
        LinkExpectations.of(
            "docs",
            link(
                """
                {"redirectType": 308,
                 "target": "https://example.com/docs?utm_source=old&a=1#top",
                 "utm": {"source": "news letter", "campaign": "spring"}}
                """));
    assertThat(expectation.statuses()).containsExactly(308);
    assertThat(expectation.locations())
        .containsExactly(
            "https://example.com/docs?a=1&utm_source=news%20letter&utm_campaign=spring#top");
  }

  @Test
  void aLinkStoredWithRawNonAsciiExpectsItsNormalisedForm() throws Exception {
    var expectation =
        LinkExpectations.of("cafe", link("{\"target\": \"https://example.com/café\"}"));
    assertThat(expectation.locations()).containsExactly("https://example.com/caf%C3%A9");
  }

  @Test
  void aLinkWithRulesOrVariantsAcceptsEveryTargetAVisitCanBeRoutedTo() throws Exception {
    var expectation =
        LinkExpectations.of(
            "ab",
            link(
                """
                {"target": "https://example.com/plain",
                 "utm": {"medium": "probe"},
                 "rules": [{"when": {"language": ["de"]}, "target": "https://example.com/de"}],
                 "variants": [{"target": "https://example.com/a", "weight": 1},
                              {"target": "https://example.com/b", "weight": 3},
                              {"target": "https://example.com/off", "weight": 0}]}
                """));
    assertThat(expectation.locations())
        .containsExactlyInAnyOrder(
            "https://example.com/plain?utm_medium=probe",
            "https://example.com/de?utm_medium=probe",
            "https://example.com/a?utm_medium=probe",
            "https://example.com/b?utm_medium=probe");
    assertThat(expectation.check(302, Optional.of("https://example.com/off?utm_medium=probe")))
        .as("a variant of weight 0 takes no new visitor, and a probe is always new")
        .hasValue(ErrorReason.LOCATION);
  }

  @Test
  void linksAProbeCannotGetTheTargetOfAreRefusedWithWhy() {
    assertThatThrownBy(() -> LinkExpectations.of("off", link("{\"status\": \"disabled\"}")))
        .isInstanceOf(NotACanary.class)
        .hasMessage(
            "link off is disabled, it answers no redirect to its target; a canary must be an"
                + " active plain link");
    assertThatThrownBy(() -> LinkExpectations.of("old", link("{\"status\": \"expired\"}")))
        .hasMessageContaining("link old is expired");
    assertThatThrownBy(() -> LinkExpectations.of("pw", link("{\"passwordProtected\": true}")))
        .hasMessageContaining("link pw is password-protected: a probe gets its password page");
    assertThatThrownBy(() -> LinkExpectations.of("max", link("{\"maxVisits\": 10}")))
        .hasMessageContaining("link max counts its visits (maxVisits)");
    assertThatThrownBy(
            () -> LinkExpectations.of("bad", link("{\"target\": \"https://example.com/%zz\"}")))
        .hasMessageContaining("has a target no redirect can carry");
  }

  @Test
  void aPreviewDoesNotMatterToAProbeWhichIsNoPreviewBot() throws Exception {
    var expectation = LinkExpectations.of("card", link("{\"preview\": {\"title\": \"A card\"}}"));
    assertThat(expectation.locations()).containsExactly("https://example.com/docs?a=1");
  }

  /** An active plain link as the API answers it, with {@code changes} applied. */
  private static JsonNode link(String changes) throws Exception {
    ObjectNode link =
        (ObjectNode)
            JSON.readTree(
                """
                {"code": "docs", "domain": "s.test", "shortUrl": "https://s.test/docs",
                 "target": "https://example.com/docs?a=1", "redirectType": 302,
                 "expiresAt": null, "title": null, "tags": [], "forwardQuery": false,
                 "rules": [], "variants": [], "variantsUntil": null, "utm": null,
                 "expiredUrl": null, "preview": null, "maxVisits": null, "visits": 0,
                 "passwordProtected": false, "status": "active",
                 "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"}
                """);
    link.setAll((ObjectNode) JSON.readTree(changes));
    return link;
  }
}
