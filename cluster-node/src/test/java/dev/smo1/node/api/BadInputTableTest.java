package dev.smo1.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input to the link API, over a real server: the status, the machine-readable
 * error code, the field where one is at fault, and that the journal gained no event.
 */
@ExtendWith(LogCapturingExtension.class)
class BadInputTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINKS = "/api/v1/links";
  private static final String EXISTING = LINKS + "/existing";

  private static String databaseUrl;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() {
    databaseUrl = TestPostgres.newDatabase();
    node = TestNodes.start(databaseUrl, Clock.systemUTC());
    api = new ApiClient(node.httpAddress());
    assertThat(
            api.post(
                    LINKS,
                    TestNodes.OWNER_KEY,
                    "{\"target\":\"https://example.com/\",\"alias\":\"taken\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            api.post(
                    LINKS,
                    TestNodes.OWNER_KEY,
                    "{\"target\":\"https://example.com/\",\"alias\":\"existing\"}")
                .statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  record BadInput(
      String name,
      String method,
      String path,
      String contentType,
      String body,
      int status,
      String code,
      String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
            // malformed JSON
            create("unclosed object", "{", 400, "malformed_json", null),
            create("empty body", "", 400, "malformed_json", null),
            create("array instead of object", "[]", 400, "malformed_json", null),
            create(
                "string instead of object", "\"https://example.com\"", 400, "malformed_json", null),
            create(
                "trailing tokens",
                "{\"target\":\"https://example.com\"} {}",
                400,
                "malformed_json",
                null),
            create(
                "single quotes", "{'target':'https://example.com'}", 400, "malformed_json", null),
            // wrong JSON types
            create("target is a number", "{\"target\":123}", 400, "invalid_type", "target"),
            create(
                "redirectType is a string",
                body("\"redirectType\":\"301\""),
                400,
                "invalid_type",
                "redirectType"),
            create(
                "redirectType is fractional",
                body("\"redirectType\":301.5"),
                400,
                "invalid_type",
                "redirectType"),
            create("tags is a string", body("\"tags\":\"news\""), 400, "invalid_type", "tags"),
            create(
                "forwardQuery is a string",
                body("\"forwardQuery\":\"true\""),
                400,
                "invalid_type",
                "forwardQuery"),
            create(
                "forwardQuery is a number",
                body("\"forwardQuery\":1"),
                400,
                "invalid_type",
                "forwardQuery"),
            create("title is a boolean", body("\"title\":true"), 400, "invalid_type", "title"),
            create("alias is an array", body("\"alias\":[\"abc\"]"), 400, "invalid_type", "alias"),
            create(
                "expiresAt is a number",
                body("\"expiresAt\":1900000000"),
                400,
                "invalid_type",
                "expiresAt"),
            create("tag is a number", body("\"tags\":[1]"), 400, "invalid_type", "tags"),
            // unknown fields
            create("unknown field owner", body("\"owner\":\"bob\""), 400, "unknown_field", "owner"),
            create(
                "field name in wrong case",
                body("\"Target\":\"https://example.com\""),
                400,
                "unknown_field",
                "Target"),
            // invalid targets
            create("missing target", "{}", 422, "invalid_target", "target"),
            create("empty target", target(""), 422, "invalid_target", "target"),
            create(
                "javascript target",
                target("javascript:alert(1)"),
                422,
                "invalid_target",
                "target"),
            create(
                "data target", target("data:text/html,<b>hi</b>"), 422, "invalid_target", "target"),
            create("file target", target("file:///etc/passwd"), 422, "invalid_target", "target"),
            create("ftp target", target("ftp://example.com/file"), 422, "invalid_target", "target"),
            create("relative target", target("/relative/path"), 422, "invalid_target", "target"),
            create(
                "target without scheme",
                target("example.com/page"),
                422,
                "invalid_target",
                "target"),
            create("target without host", target("https://"), 422, "invalid_target", "target"),
            create(
                "target with user info",
                target("https://user:secret@example.com/"),
                422,
                "invalid_target",
                "target"),
            create(
                "target on localhost",
                target("http://localhost:8080/admin"),
                422,
                "invalid_target",
                "target"),
            create(
                "target on single-label host",
                target("https://intranet/page"),
                422,
                "invalid_target",
                "target"),
            create(
                "target with whitespace",
                target("https://exa mple.com/"),
                422,
                "invalid_target",
                "target"),
            create(
                "target with bad port",
                target("https://example.com:99999/"),
                422,
                "invalid_target",
                "target"),
            create(
                "target too long",
                target("https://example.com/" + "a".repeat(2040)),
                422,
                "invalid_target",
                "target"),
            create(
                "target with underscore host",
                target("https://exa_mple.com/"),
                422,
                "invalid_target",
                "target"),
            create(
                "target on the short domain",
                target("https://s.test/loop"),
                422,
                "target_is_short_domain",
                "target"),
            create(
                "target on the short domain, upper case",
                target("HTTP://S.TEST/x"),
                422,
                "target_is_short_domain",
                "target"),
            // aliases
            create("alias too short", alias("ab"), 422, "invalid_alias", "alias"),
            create("alias too long", alias("a".repeat(65)), 422, "invalid_alias", "alias"),
            create("alias with space", alias("bad alias"), 422, "invalid_alias", "alias"),
            create("alias with non-ASCII letter", alias("naïve"), 422, "invalid_alias", "alias"),
            create("alias with slash", alias("a/b/c"), 422, "invalid_alias", "alias"),
            create("reserved alias api", alias("api"), 422, "reserved_alias", "alias"),
            create(
                "reserved alias Admin in other case",
                alias("Admin"),
                422,
                "reserved_alias",
                "alias"),
            create("reserved alias healthz", alias("healthz"), 422, "reserved_alias", "alias"),
            create("taken alias", alias("taken"), 409, "alias_taken", "alias"),
            // link options: UTM, fallback, preview, max visits
            create("utm is a string", body("\"utm\":\"news\""), 400, "invalid_type", "utm"),
            create(
                "utm value is a number",
                body("\"utm\":{\"source\":1}"),
                400,
                "invalid_type",
                "utm.source"),
            create(
                "unknown utm parameter",
                body("\"utm\":{\"id\":\"x\"}"),
                400,
                "unknown_field",
                "utm.id"),
            create("empty utm", body("\"utm\":{}"), 422, "invalid_utm", "utm"),
            create(
                "blank utm value",
                body("\"utm\":{\"campaign\":\"  \"}"),
                422,
                "invalid_utm",
                "utm.campaign"),
            create(
                "utm value too long",
                body("\"utm\":{\"term\":\"" + "t".repeat(257) + "\"}"),
                422,
                "invalid_utm",
                "utm.term"),
            create(
                "fallback not http",
                body("\"expiredUrl\":\"javascript:alert(1)\""),
                422,
                "invalid_expired_url",
                "expiredUrl"),
            create(
                "fallback on the short domain",
                body("\"expiredUrl\":\"https://s.test/abc\""),
                422,
                "invalid_expired_url",
                "expiredUrl"),
            create(
                "fallback is a number",
                body("\"expiredUrl\":5"),
                400,
                "invalid_type",
                "expiredUrl"),
            create(
                "preview without title",
                body("\"preview\":{\"description\":\"d\"}"),
                422,
                "invalid_preview",
                "preview.title"),
            create(
                "preview image not a URL",
                body("\"preview\":{\"title\":\"t\",\"image\":\"card.png\"}"),
                422,
                "invalid_preview",
                "preview.image"),
            create(
                "unknown preview field",
                body("\"preview\":{\"title\":\"t\",\"url\":\"x\"}"),
                400,
                "unknown_field",
                "preview.url"),
            create("max visits 0", body("\"maxVisits\":0"), 422, "invalid_max_visits", "maxVisits"),
            create(
                "max visits negative",
                body("\"maxVisits\":-5"),
                422,
                "invalid_max_visits",
                "maxVisits"),
            create(
                "max visits beyond the limit",
                body("\"maxVisits\":10000000000"),
                422,
                "invalid_max_visits",
                "maxVisits"),
            create(
                "max visits a fraction",
                body("\"maxVisits\":2.5"),
                400,
                "invalid_type",
                "maxVisits"),
            create(
                "max visits a string",
                body("\"maxVisits\":\"5\""),
                400,
                "invalid_type",
                "maxVisits"),
            create(
                "password too short",
                body("\"password\":\"12345\""),
                422,
                "invalid_password",
                "password"),
            create(
                "password too long",
                body("\"password\":\"" + "p".repeat(129) + "\""),
                422,
                "invalid_password",
                "password"),
            create(
                "password is a number",
                body("\"password\":123456"),
                400,
                "invalid_type",
                "password"),
            // redirect type, expiry, title, tags
            create(
                "redirect type 303",
                body("\"redirectType\":303"),
                422,
                "invalid_redirect_type",
                "redirectType"),
            create(
                "redirect type 200",
                body("\"redirectType\":200"),
                422,
                "invalid_redirect_type",
                "redirectType"),
            create(
                "expiry in the past",
                body("\"expiresAt\":\"2001-01-01T00:00:00Z\""),
                422,
                "invalid_expiry",
                "expiresAt"),
            create(
                "expiry without offset",
                body("\"expiresAt\":\"2091-01-01T00:00:00\""),
                422,
                "invalid_expiry",
                "expiresAt"),
            create(
                "expiry not a timestamp",
                body("\"expiresAt\":\"tomorrow\""),
                422,
                "invalid_expiry",
                "expiresAt"),
            create(
                "title too long",
                body("\"title\":\"" + "t".repeat(257) + "\""),
                422,
                "invalid_title",
                "title"),
            create(
                "too many tags",
                body("\"tags\":[" + manyTags(21) + "]"),
                422,
                "invalid_tags",
                "tags"),
            create("tag with space", body("\"tags\":[\"has space\"]"), 422, "invalid_tags", "tags"),
            // size and content type
            create(
                "body over 64 KiB",
                body("\"title\":\"" + "x".repeat(70_000) + "\""),
                413,
                "payload_too_large",
                null),
            new BadInput(
                "text/plain body",
                "POST",
                LINKS,
                "text/plain",
                target("https://example.com/"),
                415,
                "unsupported_media_type",
                null),
            new BadInput(
                "form body",
                "POST",
                LINKS,
                "application/x-www-form-urlencoded",
                "target=https://example.com/",
                415,
                "unsupported_media_type",
                null),
            // updates
            patch("empty update", "{}", 422, "nothing_to_update", null),
            patch(
                "max visits 0 in an update",
                "{\"maxVisits\":0}",
                422,
                "invalid_max_visits",
                "maxVisits"),
            patch("empty utm in an update", "{\"utm\":{}}", 422, "invalid_utm", "utm"),
            patch("clearing the target", "{\"target\":null}", 400, "invalid_type", "target"),
            patch(
                "clearing forwardQuery",
                "{\"forwardQuery\":null}",
                400,
                "invalid_type",
                "forwardQuery"),
            patch(
                "forwardQuery as a string",
                "{\"forwardQuery\":\"yes\"}",
                400,
                "invalid_type",
                "forwardQuery"),
            patch("unknown field in update", "{\"owner\":\"bob\"}", 400, "unknown_field", "owner"),
            patch(
                "update to redirect type 999",
                "{\"redirectType\":999}",
                422,
                "invalid_redirect_type",
                "redirectType"),
            patch(
                "update to a javascript target",
                "{\"target\":\"javascript:alert(1)\"}",
                422,
                "invalid_target",
                "target"),
            patch("update with malformed JSON", "{\"title\":", 400, "malformed_json", null),
            patch(
                "update expiry into the past",
                "{\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
                422,
                "invalid_expiry",
                "expiresAt"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputIsRefusedWithItsErrorCodeAndPersistsNothing(BadInput input) throws Exception {
    long eventsBefore = events();

    var request =
        api.authorized(input.path(), TestNodes.OWNER_KEY)
            .method(input.method(), HttpRequest.BodyPublishers.ofString(input.body()));
    if (input.contentType() != null) {
      request.header("Content-Type", input.contentType());
    }
    HttpResponse<String> response = api.send(request);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(input.status());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("code").asText()).isEqualTo(input.code());
    assertThat(error.get("message").asText()).isNotBlank();
    if (input.field() == null) {
      assertThat(error.get("field").isNull()).as(response.body()).isTrue();
    } else {
      assertThat(error.get("field").asText()).isEqualTo(input.field());
    }
    assertThat(events()).as("events in the journal").isEqualTo(eventsBefore);
  }

  private static long events() {
    return TestPostgres.count(databaseUrl, "SELECT count(*) FROM event_journal");
  }

  private static BadInput create(String name, String body, int status, String code, String field) {
    return new BadInput(name, "POST", LINKS, "application/json", body, status, code, field);
  }

  private static BadInput patch(String name, String body, int status, String code, String field) {
    return new BadInput(name, "PATCH", EXISTING, "application/json", body, status, code, field);
  }

  private static String body(String extraField) {
    return "{\"target\":\"https://example.com/page\"," + extraField + "}";
  }

  private static String target(String target) {
    return "{\"target\":\"" + target + "\"}";
  }

  private static String alias(String alias) {
    return body("\"alias\":\"" + alias + "\"");
  }

  private static String manyTags(int count) {
    var tags = new StringBuilder();
    for (int i = 0; i < count; i++) {
      tags.append(i == 0 ? "" : ",").append("\"tag").append(i).append('"');
    }
    return tags.toString();
  }
}
