package dev.smo1.node.clicks;

import static dev.smo1.http.testing.EdgeClickBatches.batch;
import static dev.smo1.http.testing.EdgeClickBatches.click;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.clicks.Click;
import dev.smo1.clicks.RedisClickStream;
import dev.smo1.http.clicks.ClickSignature;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.testing.MutableClock;
import io.lettuce.core.RedisClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /internal/clicks} over a real server with real Redis: signed batches are stored in
 * the click stream before 202; bad or missing signatures, stale timestamps and malformed batches
 * are refused and store nothing.
 */
@ExtendWith(LogCapturingExtension.class)
class EdgeClicksTest {
  private static final String SECRET = "test-click-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MutableClock clock = new MutableClock(Instant.parse("2030-03-01T10:00:00Z"));
  private static LocalRedis redis;
  private static RedisClient redisClient;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    redisClient = RedisClient.create(redis.url());
    node =
        TestNodes.start(
            TestPostgres.newDatabase(),
            clock,
            true,
            Map.of("smo1.redis.url", redis.url(), "smo1.edge.click-secret", SECRET));
    api = new ApiClient(node.httpAddress());
  }

  @AfterAll
  static void stop() {
    node.close();
    redisClient.shutdown();
    redis.close();
  }

  @Test
  void theOriginSignsLikeTheEdgeWorker() {
    // the Worker's known vector (edge-redirect/test/worker.test.ts)
    byte[] mac =
        new ClickSignature("secret", Duration.ofMinutes(5))
            .sign("1700000000", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
  }

  @Test
  void aSignedBatchIsStoredInTheClickStreamBeforeItIsAcknowledged() throws Exception {
    long before = streamLength();
    String id1 = UUID.randomUUID().toString();
    String id2 = UUID.randomUUID().toString();
    String body = batch(click(id1, "abc123"), click(id2, "xyz789"));

    var response = post(body, clock.instant().getEpochSecond(), SECRET);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(2);
    List<Click> stored = storedClicks();
    assertThat(stored).hasSize((int) before + 2);
    Click first = stored.get(stored.size() - 2);
    assertThat(first.id().toString()).isEqualTo(id1);
    assertThat(first.code()).isEqualTo("abc123");
    assertThat(first.country()).isEqualTo("NL");
    assertThat(first.referrer()).isNull();
    assertThat(stored.getLast().id().toString()).isEqualTo(id2);
  }

  @Test
  void aBatchDeliveredThreeTimesIsStoredOnce() throws Exception {
    long before = streamLength();
    String body =
        batch(
            click(UUID.randomUUID().toString(), "again1"),
            click(UUID.randomUUID().toString(), "again2"),
            click(UUID.randomUUID().toString(), "again3"));
    long now = clock.instant().getEpochSecond();

    var answers =
        List.of(post(body, now, SECRET), post(body, now, SECRET), post(body, now, SECRET));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(202));
    assertThat(JSON.readTree(answers.get(0).body()).get("duplicates").asInt()).isZero();
    assertThat(JSON.readTree(answers.get(2).body()).get("duplicates").asInt()).isEqualTo(3);
    assertThat(streamLength()).isEqualTo(before + 3);
  }

  @Test
  void badSignaturesAreRefusedWith401AndNothingIsStored() throws Exception {
    String body = batch(click(UUID.randomUUID().toString(), "abc123"));
    long now = clock.instant().getEpochSecond();
    long before = streamLength();

    var wrongSecret = post(body, now, "another-secret");
    var stale = post(body, now - 301, SECRET);
    var future = post(body, now + 301, SECRET);
    var tampered =
        send(signed(body, now, SECRET).POST(publisher(body.replace("abc123", "abc124"))));
    var unsigned =
        send(
            api.request("/internal/clicks")
                .header("Content-Type", "application/json")
                .POST(publisher(body)));
    var garbage =
        send(
            api.request("/internal/clicks")
                .header("Content-Type", "application/json")
                .header(ClickSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(ClickSignature.SIGNATURE_HEADER, "v1=zz")
                .POST(publisher(body)));

    for (var response : List.of(wrongSecret, stale, future, tampered, unsigned, garbage)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
      assertThat(JSON.readTree(response.body()).get("code").asText())
          .isEqualTo("invalid_signature");
    }
    assertThat(streamLength()).isEqualTo(before);
  }

  @Test
  void aMalformedBatchIsRefusedWith400AndNothingIsStored() throws Exception {
    long now = clock.instant().getEpochSecond();
    long before = streamLength();
    String good = click(UUID.randomUUID().toString(), "abc123");
    for (String body :
        List.of(
            "{\"format\":2,\"clicks\":[" + good + "]}",
            "{\"format\":1,\"clicks\":[]}",
            "{\"format\":1,\"clicks\":["
                + good
                + ","
                + good.replace("\"id\":\"", "\"id\":\"x")
                + "]}",
            batch(good.replace("\"source\":\"edge\"", "\"source\":\"origin\"")),
            batch(good.replace("\"visitor\":\"", "\"visitor\":\"Z")),
            batch(good.replace("\"code\":\"abc123\"", "\"code\":123")),
            batch(good.replace("\"code\":\"abc123\"", "\"code\":\"ab\\u0007c\"")),
            batch(good.replace("\"code\":\"abc123\"", "\"code\":\"api\"")),
            batch(good.replace("{", "{\"ip\":\"203.0.113.9\",")))) {
      var response = post(body, now, SECRET);
      assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
    }
    assertThat(streamLength()).isEqualTo(before);
  }

  private static HttpResponse<String> post(String body, long timestamp, String secret) {
    return send(signed(body, timestamp, secret).POST(publisher(body)));
  }

  private static HttpRequest.Builder signed(String body, long timestamp, String secret) {
    return api.signedClicks(body, timestamp, secret);
  }

  private static HttpRequest.BodyPublisher publisher(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    return api.send(request);
  }

  /** Clicks in the click stream (an entry holds a batch of them). */
  private static long streamLength() {
    return storedClicks().size();
  }

  private static List<Click> storedClicks() {
    try (var connection = redisClient.connect()) {
      List<Click> clicks = new ArrayList<>();
      for (var entry :
          connection
              .sync()
              .xrange(RedisClickStream.STREAM, io.lettuce.core.Range.create("-", "+"))) {
        clicks.addAll(RedisClickStream.clicksOf(entry.getBody()));
      }
      return clicks;
    }
  }
}
