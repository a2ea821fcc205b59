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
import dev.smo1.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/v1/links} with an {@code Idempotency-Key} on a real node and PostgreSQL
 * (decision 0019): a retry gets the first answer and makes no second link, the key cannot be used
 * for another request, concurrent duplicates make one link, callers' keys are apart, keys expire,
 * and a retry after a create that timed out (and still made its link) gets that link.
 */
@ExtendWith(LogCapturingExtension.class)
class IdempotentCreateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINKS = "/api/v1/links";
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  /** Links ever created: the first event of every link's journal. */
  private static final String LINKS_CREATED =
      "SELECT count(*) FROM event_journal WHERE persistence_id LIKE 'Link|%'"
          + " AND sequence_number = 1";

  private static final MutableClock clock = new MutableClock(Instant.parse("2030-03-01T10:00:00Z"));
  private static String databaseUrl;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() {
    databaseUrl = TestPostgres.newDatabase();
    node =
        TestNodes.start(
            databaseUrl,
            clock,
            true,
            Map.of(
                "smo1.links.ask-timeout",
                ASK_TIMEOUT.toMillis() + "ms",
                "smo1.idempotency.purge-interval",
                "1s"));
    api = new ApiClient(node.httpAddress());
    // the first create of a fresh cluster allocates shards and opens the journal's connections
    assertThat(api.post(LINKS, OWNER_KEY, "{\"target\":\"https://example.com/warm\"}").statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static HttpResponse<String> create(String apiKey, String idempotencyKey, String body) {
    return api.send(creating(apiKey, body).header("Idempotency-Key", idempotencyKey));
  }

  private static HttpRequest.Builder creating(String apiKey, String body) {
    return api.authorized(LINKS, apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String target(String path) {
    return "{\"target\":\"https://example.com/" + path + "\"}";
  }

  private static String key() {
    return UUID.randomUUID().toString();
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

  private static String code(HttpResponse<String> response) {
    return json(response).get("code").asText();
  }

  private static boolean replayed(HttpResponse<String> response) {
    return response.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Test
  void theSameKeyAndBodyAgainGetTheFirstAnswerAndMakeOneLink() {
    String key = key();
    long before = linksCreated();

    var first = create(OWNER_KEY, key, target("once"));
    var second = create(OWNER_KEY, key, target("once"));
    // the IETF draft's form of the same key: a Structured Field string
    var quoted = create(OWNER_KEY, "\"" + key + "\"", target("once"));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(replayed(first)).isFalse();
    for (var again : List.of(second, quoted)) {
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(again.body()).isEqualTo(first.body());
      assertThat(again.headers().firstValue("Location"))
          .isEqualTo(first.headers().firstValue("Location"));
      assertThat(replayed(again)).isTrue();
    }
    assertThat(linksCreated()).isEqualTo(before + 1);
    assertThat(api.get(LINKS + "/" + code(first), OWNER_KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void aRetriedCreateUnderAnAliasIsReplayedNotRefusedAsTaken() {
    String key = key();
    String body = "{\"target\":\"https://example.com/aliased\",\"alias\":\"retried-alias\"}";

    var first = create(OWNER_KEY, key, body);
    var again = create(OWNER_KEY, key, body);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(replayed(again)).isTrue();
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
    String key = key();
    var first =
        create(OWNER_KEY, key, "{\"target\":\"https://example.com/a\",\"alias\":\"keyed-a\"}");
    long before = linksCreated();

    var other =
        create(OWNER_KEY, key, "{\"target\":\"https://example.com/b\",\"alias\":\"keyed-b\"}");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(json(other).get("code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(json(other).get("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(replayed(other)).isFalse();
    assertThat(linksCreated()).isEqualTo(before);
    assertThat(api.get(LINKS + "/keyed-b", OWNER_KEY).statusCode()).isEqualTo(404);
    // the key still answers its own request
    var again =
        create(OWNER_KEY, key, "{\"alias\":\"keyed-a\",  \"target\":\"https://example.com/a\"}");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
  }

  @Test
  void aRefusalOfTheLinkIsAnAnswerTooAndIsReplayed() {
    String key = key();

    var first = create(OWNER_KEY, key, "{\"target\":\"javascript:alert(1)\"}");
    var again = create(OWNER_KEY, key, "{\"target\":\"javascript:alert(1)\"}");
    var corrected = create(OWNER_KEY, key, target("corrected"));

    assertThat(first.statusCode()).isEqualTo(422);
    assertThat(json(first).get("code").asText()).isEqualTo("invalid_target");
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(replayed(again)).isTrue();
    assertThat(corrected.statusCode()).isEqualTo(422);
    assertThat(json(corrected).get("code").asText()).isEqualTo("idempotency_key_reused");
  }

  @Test
  void aRequestRefusedBeforeItRanLeavesItsKeyFree() {
    String key = key();

    var malformed = create(OWNER_KEY, key, "{\"target\":");
    var unknownField = create(OWNER_KEY, key, "{\"target\":\"https://example.com/\",\"x\":1}");
    var valid = create(OWNER_KEY, key, target("after-a-bad-body"));

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(valid.statusCode()).isEqualTo(201);
    assertThat(replayed(valid)).isFalse();
  }

  @ParameterizedTest(name = "Idempotency-Key: [{0}]")
  @ValueSource(strings = {"\"\"", "\"unterminated", "\"a\\b\"", "\"in\"side\""})
  void aMalformedKeyIsRefusedBeforeAnythingIsDone(String value) {
    long before = linksCreated();

    var response = create(OWNER_KEY, value, target("malformed-key"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asText()).isEqualTo("invalid_idempotency_key");
    assertThat(json(response).get("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(linksCreated()).isEqualTo(before);
  }

  @Test
  void aKeyOf255CharactersIsTakenAnd256AreRefused() {
    String longest = "k".repeat(254) + UUID.randomUUID().toString().charAt(0);

    assertThat(create(OWNER_KEY, longest, target("longest")).statusCode()).isEqualTo(201);
    assertThat(create(OWNER_KEY, longest + "k", target("too-long")).statusCode()).isEqualTo(400);
  }

  @Test
  void twoKeyHeadersAreRefused() {
    var response =
        api.send(
            creating(OWNER_KEY, target("two-keys"))
                .header("Idempotency-Key", key())
                .header("Idempotency-Key", key()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asText()).isEqualTo("invalid_idempotency_key");
  }

  @Test
  void duplicatesSentAtOnceMakeOneLink() {
    String key = key();
    long before = linksCreated();

    var sent = new ArrayList<CompletableFuture<HttpResponse<String>>>();
    for (int i = 0; i < 8; i++) {
      sent.add(
          ApiClient.client()
              .sendAsync(
                  creating(OWNER_KEY, target("at-once"))
                      .header("Idempotency-Key", key)
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    var answers = sent.stream().map(CompletableFuture::join).toList();

    assertThat(answers)
        .allSatisfy(
            answer -> {
              assertThat(answer.statusCode()).as(answer.body()).isIn(201, 409);
              if (answer.statusCode() == 409) {
                assertThat(json(answer).get("code").asText()).isEqualTo("idempotency_key_in_use");
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
              }
            });
    var created = answers.stream().filter(answer -> answer.statusCode() == 201).toList();
    assertThat(created).isNotEmpty();
    assertThat(created).filteredOn(answer -> !replayed(answer)).hasSize(1);
    assertThat(created.stream().map(IdempotentCreateTest::code).distinct()).hasSize(1);
    assertThat(linksCreated()).isEqualTo(before + 1);
    // every 409 was told to retry: the retry gets the one link
    var retry = create(OWNER_KEY, key, target("at-once"));
    assertThat(code(retry)).isEqualTo(code(created.get(0)));
    assertThat(replayed(retry)).isTrue();
  }

  @Test
  void theKeysOfTwoWorkspacesAreTheirOwn() {
    String key = key();
    long before = linksCreated();

    var alice = create(OWNER_KEY, key, target("shared-key"));
    var bob = create(OTHER_OWNER_KEY, key, target("shared-key"));

    assertThat(alice.statusCode()).isEqualTo(201);
    assertThat(bob.statusCode()).isEqualTo(201);
    assertThat(replayed(bob)).isFalse();
    assertThat(code(bob)).isNotEqualTo(code(alice));
    assertThat(linksCreated()).isEqualTo(before + 2);
    assertThat(code(create(OWNER_KEY, key, target("shared-key")))).isEqualTo(code(alice));
    assertThat(code(create(OTHER_OWNER_KEY, key, target("shared-key")))).isEqualTo(code(bob));
  }

  @Test
  void aKeyIsKeptFor24HoursThenFreeAndPurged() {
    String key = key();
    var first = create(OWNER_KEY, key, target("kept-a-day"));

    clock.advance(Duration.ofHours(24).minusSeconds(1));
    var withinTheDay = create(OWNER_KEY, key, target("kept-a-day"));
    clock.advance(Duration.ofSeconds(1));
    var afterTheDay = create(OWNER_KEY, key, target("kept-a-day"));

    assertThat(replayed(withinTheDay)).isTrue();
    assertThat(code(withinTheDay)).isEqualTo(code(first));
    assertThat(afterTheDay.statusCode()).isEqualTo(201);
    assertThat(replayed(afterTheDay)).isFalse();
    assertThat(code(afterTheDay)).isNotEqualTo(code(first));

    // a key nobody uses again is deleted by the background purge once expired
    String forgotten = key();
    create(OWNER_KEY, forgotten, target("forgotten"));
    String rows =
        "SELECT count(*) FROM idempotency_keys WHERE idempotency_key = '" + forgotten + "'";
    assertThat(TestPostgres.count(databaseUrl, rows)).isEqualTo(1);
    clock.advance(Duration.ofHours(24));
    await("the expired key is purged", () -> TestPostgres.count(databaseUrl, rows) == 0);
  }

  /**
   * The create's journal write is held up (the journal table locked in SHARE mode, as a slow
   * database would) past the ask timeout: the client gets 503 and cannot tell whether the link
   * exists. The write then lands. The client's retry with the same key must get that link, not a
   * second one under another generated code.
   */
  @Test
  void aRetryAfterACreateThatTimedOutButLandedGetsThatLinkAndMakesNoOther() throws Exception {
    String key = key();
    long before = linksCreated();

    HttpResponse<String> timedOut;
    try (var blocker = DriverManager.getConnection(databaseUrl)) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE event_journal IN SHARE MODE");

      timedOut = create(OWNER_KEY, key, target("slow-journal"));

      blocker.rollback();
    }
    await("the timed-out create's write lands", () -> linksCreated() == before + 1);
    var retry = create(OWNER_KEY, key, target("slow-journal"));
    var again = create(OWNER_KEY, key, target("slow-journal"));

    assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(503);
    assertThat(json(timedOut).get("code").asText()).isEqualTo("unavailable");
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
    assertThat(replayed(retry)).isFalse();
    assertThat(linksCreated()).isEqualTo(before + 1);
    assertThat(json(retry).get("target").asText()).isEqualTo("https://example.com/slow-journal");
    assertThat(api.get(LINKS + "/" + code(retry), OWNER_KEY).statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(retry.body());
    assertThat(replayed(again)).isTrue();
  }
}
