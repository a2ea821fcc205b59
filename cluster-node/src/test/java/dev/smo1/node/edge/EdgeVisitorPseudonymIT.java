package dev.smo1.node.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.clicks.Click;
import dev.smo1.clicks.RedisClickStream;
import dev.smo1.clicks.visitor.VisitorPseudonyms;
import dev.smo1.clicks.visitor.VisitorSalt;
import dev.smo1.http.clicks.ClickSignature;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.LocalEdge;
import dev.smo1.node.testing.TestNodes;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daily visitor salt between a node and the local edge (the real Worker in workerd, its KV
 * namespace behind the KV API stand-in), with real Redis (decision 0021): the node publishes the
 * day's salt to KV expiring with it, and one visitor is one pseudonym whether the Worker answers
 * from KV, passes the visit to the origin, or the origin is reached directly through a trusted
 * proxy.
 */
@ExtendWith(LogCapturingExtension.class)
class EdgeVisitorPseudonymIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AGENT =
      "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
  private static LocalEdge edge;
  private static LocalRedis redis;
  private static RedisClient redisClient;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    int port = LoopbackPorts.free();
    edge = LocalEdge.start("http://127.0.0.1:" + port, TestNodes.SHORT_DOMAIN);
    redis = TestRedis.start();
    redisClient = RedisClient.create(redis.url());
    Map<String, Object> overrides = new HashMap<>(edge.nodeOverrides(4));
    overrides.put("smo1.http.port", port);
    overrides.put("smo1.redis.url", redis.url());
    overrides.put("smo1.edge.click-secret", LocalEdge.CLICK_SECRET);
    // the local edge (and this test, standing in for a load balancer) reach the node over loopback
    overrides.put("smo1.http.trusted-proxies", "127.0.0.1/32");
    node = TestNodes.start(TestPostgres.newDatabase(), Clock.systemUTC(), true, overrides);
    api = new ApiClient(node.httpAddress());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (edge != null) {
      edge.close();
    }
    if (redisClient != null) {
      redisClient.shutdown();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void theNodePublishesTodaysSaltToKvExpiringWithItsKeyInRedis() throws Exception {
    LocalDate today = VisitorSalt.dayOf(Instant.now());
    String key = VisitorSalt.key(today);

    JsonNode writes =
        await(() -> edge.writes().path("writes").path(key), history -> history.size() > 0);

    assertThat(writes.size()).as("written once by the one node").isEqualTo(1);
    long expiration = VisitorSalt.expiry(today).getEpochSecond();
    assertThat(writes.get(0).path("expiration").asLong()).isEqualTo(expiration);
    try (var connection = redisClient.connect()) {
      String salt = connection.sync().get(key);
      assertThat(salt).matches("[0-9a-f]{64}");
      assertThat(edge.value(key)).as("KV holds Redis's salt").isEqualTo(salt);
      assertThat(connection.sync().expiretime(key)).isEqualTo(expiration);
    }
  }

  @Test
  void oneVisitorIsOnePseudonymAtTheEdgeAndAtTheOriginOnTheSameDay() throws Exception {
    for (String code : List.of("pseudo-kv", "pseudo-miss")) {
      assertThat(
              api.createLink(TestNodes.OWNER_KEY, code, "https://example.com/" + code).statusCode())
          .isEqualTo(201);
      await(
          () -> edge.writes().path("writes").path(TestNodes.SHORT_DOMAIN + "/" + code),
          history -> history.size() > 0);
    }
    // the Worker will not find this one in KV and passes the visit to the origin
    edge.delete(List.of(TestNodes.SHORT_DOMAIN + "/pseudo-miss"));
    Map<String, String> visitor = Map.of("CF-Connecting-IP", "203.0.113.50", "User-Agent", AGENT);
    Map<String, String> another = Map.of("CF-Connecting-IP", "203.0.113.51", "User-Agent", AGENT);

    var fromKv = edge.visit("pseudo-kv", visitor);
    var passedOn = edge.visit("pseudo-miss", visitor);
    var direct =
        api.send(
            api.request("/pseudo-miss")
                .header("User-Agent", AGENT)
                // a trusted proxy's header, e.g. a load balancer's: from 127.0.0.1
                .header("X-Forwarded-For", "198.51.100.9, 203.0.113.50")
                .GET());
    var other = edge.visit("pseudo-kv", another);

    assertThat(fromKv.statusCode()).isEqualTo(302);
    assertThat(fromKv.headers().firstValue("X-SMO1-Source")).hasValue("edge");
    assertThat(passedOn.statusCode()).isEqualTo(302);
    assertThat(passedOn.headers().firstValue("X-SMO1-Source")).hasValue("origin");
    assertThat(direct.statusCode()).isEqualTo(302);
    List<Click> clicks = await(EdgeVisitorPseudonymIT::clicks, found -> found.size() >= 4);
    assertThat(clicks).hasSize(4);

    String salt;
    try (var connection = redisClient.connect()) {
      salt = connection.sync().get(VisitorSalt.key(VisitorSalt.dayOf(Instant.now())));
    }
    LocalDate today = VisitorSalt.dayOf(Instant.now());
    String expected =
        VisitorPseudonyms.of(
            new VisitorSalt(today, salt, VisitorSalt.expiry(today)), "203.0.113.50", AGENT);
    var byVisitor = new HashMap<String, List<String>>();
    for (Click click : clicks) {
      byVisitor
          .computeIfAbsent(click.visitor(), v -> new ArrayList<>())
          .add(click.source() + ":" + click.code());
    }
    assertThat(byVisitor.get(expected))
        .as("edge from KV, origin through the edge, origin directly: " + byVisitor)
        .containsExactlyInAnyOrder("edge:pseudo-kv", "origin:pseudo-miss", "origin:pseudo-miss");
    assertThat(byVisitor).hasSize(2);
  }

  @Test
  void theOriginHandsTheEdgeTheDaysSaltOnlyWhenAsked() throws Exception {
    LocalDate today = VisitorSalt.dayOf(Instant.now());
    String body = "{\"day\":\"" + today + "\"}";
    long now = Instant.now().getEpochSecond();
    byte[] mac =
        new ClickSignature(LocalEdge.CLICK_SECRET, Duration.ofMinutes(5))
            .sign(Long.toString(now), body.getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder signed =
        api.request("/internal/visitor-salt")
            .header("Content-Type", "application/json")
            .header(ClickSignature.TIMESTAMP_HEADER, Long.toString(now))
            .header(ClickSignature.SIGNATURE_HEADER, "v1=" + HexFormat.of().formatHex(mac));

    var answer = api.send(signed.POST(HttpRequest.BodyPublishers.ofString(body)));
    var unsigned =
        api.send(
            api.request("/internal/visitor-salt")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    try (var connection = redisClient.connect()) {
      assertThat(JSON.readTree(answer.body()).path("salt").asText())
          .isEqualTo(connection.sync().get(VisitorSalt.key(today)));
    }
    assertThat(unsigned.statusCode()).isEqualTo(401);
  }

  private static List<Click> clicks() {
    try (var connection = redisClient.connect()) {
      List<Click> clicks = new ArrayList<>();
      for (var entry : connection.sync().xrange(RedisClickStream.STREAM, Range.create("-", "+"))) {
        for (Click click : RedisClickStream.clicksOf(entry.getBody())) {
          if (click.code().startsWith("pseudo-")) {
            clicks.add(click);
          }
        }
      }
      return clicks;
    }
  }

  private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      value = read.get();
    }
    return value;
  }
}
