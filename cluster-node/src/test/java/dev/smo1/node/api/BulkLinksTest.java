package dev.smo1.node.api;

import static dev.smo1.node.testing.TestNodes.OTHER_OWNER_KEY;
import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST}, {@code PATCH} and {@code DELETE /api/v1/links/bulk} on a real node and PostgreSQL:
 * each item applied on its own with its result in order; the body's limits; with an {@code
 * Idempotency-Key}, a replay, a key reused for another body, and a retry after items that timed out
 * (and still landed) making each link once, generated codes included.
 */
@ExtendWith(LogCapturingExtension.class)
class BulkLinksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BULK = "/api/v1/links/bulk";
  private static final String LINKS_CREATED =
      "SELECT count(*) FROM event_journal WHERE persistence_id LIKE 'Link|%'"
          + " AND sequence_number = 1";

  private static String databaseUrl;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() {
    databaseUrl = TestPostgres.newDatabase();
    node =
        TestNodes.start(
            databaseUrl,
            Clock.systemUTC(),
            true,
            Map.of("smo1.links.ask-timeout", "2s", "smo1.rate-limits.enabled", false));
    api = new ApiClient(node.httpAddress());
    assertThat(api.post("/api/v1/links", OWNER_KEY, target("warm")).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void mixedItemsAreEachAppliedWithTheirResultInOrder() throws Exception {
    String taken = "bulk-taken-" + suffix();
    assertThat(api.post("/api/v1/links", OTHER_OWNER_KEY, alias("elsewhere", taken)).statusCode())
        .isEqualTo(201);
    String mine = "bulk-mine-" + suffix();
    var answer =
        bulk(
            "POST",
            OWNER_KEY,
            null,
            "{\"links\": ["
                + alias("one", mine)
                + ", {\"target\": \"javascript:alert(1)\"}"
                + ", "
                + alias("two", taken)
                + ", {\"target\": \"https://example.com/generated\", \"tags\": [\"bulk\"]}"
                + ", {\"target\": \"https://example.com/x\", \"colour\": \"red\"}"
                + ", 42"
                + ", {\"target\": \"https://example.com/x\", \"alias\": \"api\"}"
                + ", {\"target\": \"https://example.com/x\", \"domain\": \"not-mine.example\"}"
                + "]}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    var results = json(answer).get("results");
    assertThat(results).hasSize(8);
    assertThat(results.get(0).get("ok").asBoolean()).isTrue();
    assertThat(results.get(0).at("/link/code").asText()).isEqualTo(mine);
    assertThat(results.get(0).has("error")).isFalse();
    assertThat(error(results.get(1))).isEqualTo("invalid_target");
    assertThat(results.get(1).has("link")).isFalse();
    assertThat(error(results.get(2))).isEqualTo("alias_taken");
    assertThat(results.get(3).get("ok").asBoolean()).isTrue();
    assertThat(results.get(3).at("/link/code").asText()).matches("[0-9A-Za-z]{7}");
    assertThat(results.get(3).at("/link/tags/0").asText()).isEqualTo("bulk");
    assertThat(error(results.get(4))).isEqualTo("unknown_field");
    assertThat(results.get(4).at("/error/field").asText()).isEqualTo("colour");
    assertThat(error(results.get(5))).isEqualTo("invalid_type");
    assertThat(error(results.get(6))).isEqualTo("reserved_alias");
    assertThat(error(results.get(7))).isEqualTo("invalid_domain");
    // what was refused was not made
    assertThat(api.get("/api/v1/links/" + mine, OWNER_KEY).statusCode()).isEqualTo(200);
    assertThat(
            api.get("/api/v1/links/" + results.get(3).at("/link/code").asText(), OWNER_KEY)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void theBodysLimitsAreTheWholeRequestsAndNothingIsMade() {
    long before = linksCreated();
    String many =
        IntStream.range(0, 101)
            .mapToObj(i -> target("many-" + i))
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    var tooMany = bulk("POST", OWNER_KEY, null, "{\"links\": [" + many + "]}");
    assertThat(tooMany.statusCode()).isEqualTo(422);
    assertThat(json(tooMany).get("code").asText()).isEqualTo("invalid_items");
    assertThat(json(tooMany).get("field").asText()).isEqualTo("links");

    var none = bulk("POST", OWNER_KEY, null, "{\"links\": []}");
    assertThat(none.statusCode()).isEqualTo(422);
    var notArray = bulk("POST", OWNER_KEY, null, "{\"links\": {}}");
    assertThat(notArray.statusCode()).isEqualTo(400);
    assertThat(json(notArray).get("code").asText()).isEqualTo("invalid_type");
    var unknown = bulk("POST", OWNER_KEY, null, "{\"links\": [" + target("u") + "], \"x\": 1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("code").asText()).isEqualTo("unknown_field");
    var bothForms =
        bulk("PATCH", OWNER_KEY, null, "{\"codes\": [\"a\"], \"items\": [], \"change\": {}}");
    assertThat(bothForms.statusCode()).isEqualTo(400);
    var noChange = bulk("PATCH", OWNER_KEY, null, "{\"codes\": [\"abc\"]}");
    assertThat(noChange.statusCode()).isEqualTo(400);
    assertThat(json(noChange).get("field").asText()).isEqualTo("change");
    var readOnly = bulk("POST", "smo1_" + "x".repeat(40), null, "{\"links\": []}");
    assertThat(readOnly.statusCode()).isEqualTo(401);
    assertThat(linksCreated()).isEqualTo(before);
  }

  @Test
  void updatesByCodesWithOneChangeOrByItemsAndDeletesEachWithTheirResults() throws Exception {
    var codes = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      codes.add("bulk-change-" + i + "-" + suffix());
    }
    var created =
        bulk(
            "POST",
            OWNER_KEY,
            null,
            "{\"links\": ["
                + String.join(",", codes.stream().map(code -> alias("v1", code)).toList())
                + "]}");
    assertThat(created.statusCode()).isEqualTo(200);

    var sameChange =
        bulk(
            "PATCH",
            OWNER_KEY,
            null,
            "{\"codes\": [\""
                + String.join("\", \"", codes)
                + "\", \"no-such-link\"], \"change\": {\"tags\": [\"spring\"]}}");
    assertThat(sameChange.statusCode()).as(sameChange.body()).isEqualTo(200);
    var results = json(sameChange).get("results");
    for (int i = 0; i < 3; i++) {
      assertThat(results.get(i).at("/link/tags/0").asText()).isEqualTo("spring");
      assertThat(results.get(i).at("/link/code").asText()).isEqualTo(codes.get(i));
    }
    assertThat(error(results.get(3))).isEqualTo("not_found");

    var perItem =
        bulk(
            "PATCH",
            OWNER_KEY,
            null,
            "{\"items\": [{\"code\": \""
                + codes.get(0)
                + "\", \"change\": {\"target\": \"https://example.com/v2\"}},"
                + " {\"code\": \""
                + codes.get(1)
                + "\", \"change\": {\"target\": \"ftp://nope\"}}]}");
    var items = json(perItem).get("results");
    assertThat(items.get(0).at("/link/target").asText()).isEqualTo("https://example.com/v2");
    assertThat(error(items.get(1))).isEqualTo("invalid_target");
    assertThat(json(api.get("/api/v1/links/" + codes.get(1), OWNER_KEY)).get("target").asText())
        .isEqualTo("https://example.com/v1");

    var deleted =
        bulk(
            "DELETE",
            OWNER_KEY,
            null,
            "{\"codes\": [\"" + codes.get(0) + "\", \"" + codes.get(1) + "\", \"nothing-here\"]}");
    var deletions = json(deleted).get("results");
    assertThat(deletions.get(0).toString()).isEqualTo("{\"ok\":true}");
    assertThat(deletions.get(1).toString()).isEqualTo("{\"ok\":true}");
    assertThat(error(deletions.get(2))).isEqualTo("not_found");
    // a deleted link is gone from the API (as after DELETE /links/{code})
    assertThat(api.get("/api/v1/links/" + codes.get(0), OWNER_KEY).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/links/" + codes.get(2), OWNER_KEY).statusCode()).isEqualTo(200);
    // each deletion is in the workspace's audit log, as a single delete's is
    assertThat(
            TestPostgres.count(
                databaseUrl,
                "SELECT count(*) FROM audit_log WHERE action = 'link.deleted' AND target IN ('"
                    + codes.get(0)
                    + "', '"
                    + codes.get(1)
                    + "')"))
        .isEqualTo(2);
  }

  @Test
  void aStatusDisablesOrEnablesEachLinkAfterItsChange() throws Exception {
    var codes = new ArrayList<String>();
    for (int i = 0; i < 2; i++) {
      codes.add("bulk-status-" + i + "-" + suffix());
    }
    assertThat(
            bulk(
                    "POST",
                    OWNER_KEY,
                    null,
                    "{\"links\": ["
                        + alias("s0", codes.get(0))
                        + ", "
                        + alias("s1", codes.get(1))
                        + "]}")
                .statusCode())
        .isEqualTo(200);
    String both = "{\"codes\": [\"" + codes.get(0) + "\", \"" + codes.get(1) + "\"], ";

    var disabled = json(bulk("PATCH", OWNER_KEY, null, both + "\"status\": \"disabled\"}"));
    for (JsonNode result : disabled.get("results")) {
      assertThat(result.at("/link/status").asText()).as(result.toString()).isEqualTo("disabled");
    }
    assertThat(json(api.get("/api/v1/links/" + codes.get(0), OWNER_KEY)).get("status").asText())
        .isEqualTo("disabled");

    var enabledAndTagged =
        json(
            bulk(
                "PATCH",
                OWNER_KEY,
                null,
                "{\"items\": [{\"code\": \""
                    + codes.get(0)
                    + "\", \"status\": \"active\", \"change\": {\"tags\": [\"back\"]}},"
                    + " {\"code\": \""
                    + codes.get(1)
                    + "\", \"status\": \"active\", \"change\": {\"target\": \"ftp://no\"}}]}"));
    var first = enabledAndTagged.get("results").get(0);
    assertThat(first.at("/link/status").asText()).isEqualTo("active");
    assertThat(first.at("/link/tags/0").asText()).isEqualTo("back");
    // a refused change leaves the status as it was
    assertThat(error(enabledAndTagged.get("results").get(1))).isEqualTo("invalid_target");
    assertThat(json(api.get("/api/v1/links/" + codes.get(1), OWNER_KEY)).get("status").asText())
        .isEqualTo("disabled");

    var wrong = bulk("PATCH", OWNER_KEY, null, both + "\"status\": \"paused\"}");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(json(wrong).get("field").asText()).isEqualTo("status");
  }

  @Test
  void aKeyedBulkCreateIsReplayedAndItsKeyRefusedForAnotherBody() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = "{\"links\": [" + target("keyed-1") + ", " + target("keyed-2") + "]}";
    long before = linksCreated();
    var first = bulk("POST", OWNER_KEY, key, body);
    var again = bulk("POST", OWNER_KEY, key, body);
    var other = bulk("POST", OWNER_KEY, key, "{\"links\": [" + target("keyed-3") + "]}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(json(other).get("code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(linksCreated()).isEqualTo(before + 2);
  }

  /**
   * The journal is held up past the ask timeout (its table locked in SHARE mode): the keyed bulk
   * create is answered 503 with nothing kept; the writes then land, and the retry with the same key
   * gets those links (their generated codes derived from the request), not five more.
   */
  @Test
  void aRetryAfterItemsTimedOutButLandedGetsThoseLinksAndMakesNoOthers() throws Exception {
    String key = UUID.randomUUID().toString();
    String body =
        "{\"links\": ["
            + String.join(", ", IntStream.range(0, 5).mapToObj(i -> target("slow-" + i)).toList())
            + "]}";
    long before = linksCreated();
    HttpResponse<String> timedOut;
    try (var blocker = DriverManager.getConnection(databaseUrl)) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE event_journal IN SHARE MODE");
      timedOut = bulk("POST", OWNER_KEY, key, body);
      blocker.rollback();
    }
    await("the timed-out creates land", () -> linksCreated() == before + 5);
    var retry = bulk("POST", OWNER_KEY, key, body);

    assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(503);
    assertThat(json(timedOut).get("code").asText()).isEqualTo("unavailable");
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    var results = json(retry).get("results");
    for (int i = 0; i < 5; i++) {
      assertThat(results.get(i).get("ok").asBoolean()).as(results.get(i).toString()).isTrue();
      assertThat(results.get(i).at("/link/target").asText())
          .isEqualTo("https://example.com/slow-" + i);
    }
    assertThat(linksCreated()).isEqualTo(before + 5);
  }

  private static HttpResponse<String> bulk(String method, String apiKey, String key, String body) {
    HttpRequest.Builder request =
        api.authorized(BULK, apiKey)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return api.send(request);
  }

  private static String target(String path) {
    return "{\"target\":\"https://example.com/" + path + "\"}";
  }

  private static String alias(String path, String alias) {
    return "{\"target\":\"https://example.com/" + path + "\",\"alias\":\"" + alias + "\"}";
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String error(JsonNode result) {
    assertThat(result.get("ok").asBoolean()).as(result.toString()).isFalse();
    return result.at("/error/code").asText();
  }

  private static long linksCreated() {
    return TestPostgres.count(databaseUrl, LINKS_CREATED);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
