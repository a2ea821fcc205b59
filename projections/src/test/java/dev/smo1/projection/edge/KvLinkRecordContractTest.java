package dev.smo1.projection.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.OptionsJson;
import dev.smo1.link.RedirectType;
import dev.smo1.link.Resolution;
import dev.smo1.link.rules.LinkRouting;
import dev.smo1.link.rules.Routing;
import dev.smo1.link.rules.RoutingJson;
import dev.smo1.link.rules.Visit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java side of the KV record contract: from each fixture's link, the writer produces exactly
 * the fixture's key and value; the Worker's tests read the same values (edge-redirect/test).
 */
class KvLinkRecordContractTest {
  static final Path FIXTURES =
      Path.of("../packages/kv-record/contract/fixtures/kv-link-records.json");

  record Case(String name, EdgeLink link, String key, String value, String request, JsonNode read) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> written() throws Exception {
    JsonNode root = new ObjectMapper().readTree(Files.readString(FIXTURES));
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : root.get("written")) {
      JsonNode link = c.get("link");
      // a blocked link's fixture keeps the settings it had, which its record must not show
      boolean settings = link.has("target");
      cases.add(
          new Case(
              c.get("name").asText(),
              new EdgeLink(
                  link.get("domain").asText(),
                  link.get("code").asText(),
                  link.get("version").asLong(),
                  LinkStatus.ofStored(link.get("status").asText()),
                  settings ? link.get("target").asText() : null,
                  settings
                      ? RedirectType.fromStatus(link.get("redirectType").asInt()).orElseThrow()
                      : null,
                  settings && !link.get("expiresAt").isNull()
                      ? Instant.parse(link.get("expiresAt").asText())
                      : null,
                  settings && link.get("forwardQuery").asBoolean(),
                  link.has("rules") ? RoutingJson.read(link) : Routing.NONE,
                  OptionsJson.read(link)),
              c.get("key").asText(),
              c.get("value").asText(),
              c.get("request").asText(),
              c.get("read")));
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(5);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("written")
  void writesExactlyTheFixturesKeyAndValue(Case c) {
    assertThat(KvLinkRecord.key(c.link())).isEqualTo(c.key());
    assertThat(KvLinkRecord.value(c.link())).isEqualTo(c.value());
  }

  /**
   * The origin's redirect path sends visitors where the Worker would: query forwarding, and targets
   * stored before they were normalised.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("written")
  void theOriginRedirectsWhereTheWorkerDoes(Case c) {
    if (!c.read().get("kind").asText().equals("redirect")) {
      return;
    }
    var redirect =
        new Resolution.Redirect(
            c.link().target(),
            c.link().redirectType(),
            c.link().expiresAt(),
            c.link().forwardQuery(),
            c.link().routing(),
            c.link().options());
    int query = c.request().indexOf('?');
    String rawQuery = query < 0 ? "" : c.request().substring(query + 1);
    if (!c.link().routing().isEmpty()) {
      // a routed link's visit as the request line alone tells it (the Worker's tests do the same)
      var visit =
          new Visit(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              rawQuery,
              Optional.empty(),
              Instant.parse("2026-11-25T12:00:00Z"),
              Optional.empty());
      redirect =
          redirect.routedTo(
              LinkRouting.route(redirect.target(), c.link().routing(), visit, 0.5).target());
    }
    assertThat(redirect.location(rawQuery)).hasValue(c.read().get("location").asText());
    assertThat(redirect.redirectType().status()).isEqualTo(c.read().get("status").asInt());
  }

  @Test
  void aDeletedLinkHasNoRecord() {
    var deleted = new EdgeLink("sho.rt", "gone", 3, LinkStatus.DELETED, null, null, null, false);
    assertThat(KvLinkRecord.key(deleted)).isEqualTo("sho.rt/gone");
    assertThatThrownBy(() -> KvLinkRecord.value(deleted))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
