package dev.smo1.node.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.clicks.Click;
import dev.smo1.clicks.RedisClickStream;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.LocalEdge;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.prober.ProbeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node keeps Workers KV in sync through the local edge (the real Worker in workerd, the KV API
 * stand-in backed by its KV namespace). SMO1-ARCH-002: every create, update and delete of 1,000
 * links reaches KV within 5 s at p99, measured from the API's acknowledgement to the KV write, and
 * the Worker serves each state. Its clicks reach the origin's click stream through the real queue.
 */
@ExtendWith(LogCapturingExtension.class)
class EdgeSyncIT {
  private static final String LINKS = "/api/v1/links";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static LocalEdge edge;
  private static LocalRedis redis;
  private static Node node;
  private static ApiClient api;
  private static ExecutorService clients;

  @BeforeAll
  static void start() {
    int port = LoopbackPorts.free();
    edge = LocalEdge.start("http://127.0.0.1:" + port, TestNodes.SHORT_DOMAIN);
    redis = TestRedis.start();
    Map<String, Object> overrides = new HashMap<>(edge.nodeOverrides(4));
    overrides.put("smo1.http.port", port);
    overrides.put("smo1.redis.url", redis.url());
    overrides.put("smo1.edge.click-secret", LocalEdge.CLICK_SECRET);
    node = TestNodes.start(TestPostgres.newDatabase(), Clock.systemUTC(), true, overrides);
    api = new ApiClient(node.httpAddress());
    clients = Executors.newFixedThreadPool(8);
  }

  @AfterAll
  static void stop() {
    // whatever of it started: a node that failed to start must not leave the edge and Redis running
    if (clients != null) {
      clients.shutdownNow();
    }
    if (node != null) {
      node.close();
    }
    if (edge != null) {
      edge.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void everyChangeOf1000LinksReachesKvWithin5sAndTheWorkerServesIt() throws Exception {
    int n = 1000;
    List<String> codes = IntStream.range(0, n).mapToObj(i -> String.format("kv%04d", i)).toList();
    var lags = new ArrayList<Long>();

    long[] created =
        acknowledge(
            codes,
            code -> api.createLink(TestNodes.OWNER_KEY, code, "https://example.com/v1/" + code),
            201);
    lags.addAll(lagsUntil("create", codes, created, write -> write.path("version").asLong() == 1));
    visitEach(
        codes,
        (code, answer) -> {
          assertThat(answer.statusCode()).as(code).isEqualTo(302);
          assertThat(answer.headers().firstValue("X-SMO1-Source")).hasValue("edge");
          assertThat(answer.headers().firstValue("Location"))
              .hasValue("https://example.com/v1/" + code);
        });

    long[] updated =
        acknowledge(
            codes,
            code ->
                api.patch(
                    LINKS + "/" + code,
                    TestNodes.OWNER_KEY,
                    "{\"target\":\"https://example.com/v2/" + code + "\",\"redirectType\":308}"),
            200);
    lags.addAll(lagsUntil("update", codes, updated, write -> write.path("version").asLong() == 2));
    visitEach(
        codes,
        (code, answer) -> {
          assertThat(answer.statusCode()).as(code).isEqualTo(308);
          assertThat(answer.headers().firstValue("Location"))
              .hasValue("https://example.com/v2/" + code);
        });

    long[] deleted =
        acknowledge(codes, code -> api.delete(LINKS + "/" + code, TestNodes.OWNER_KEY), 204);
    lags.addAll(
        lagsUntil("delete", codes, deleted, write -> write.path("op").asText().equals("delete")));
    visitEach(
        codes,
        (code, answer) -> {
          assertThat(answer.statusCode()).as(code).isEqualTo(410);
          assertThat(answer.headers().firstValue("X-SMO1-Source")).hasValue("origin");
        });

    // every redirect the Worker answered from KV (2 per link) made a click that went through the
    // queue, its consumer and the signed POST /internal/clicks into the origin's click stream
    assertThat(awaitClicks(code -> code.startsWith("kv"), 2 * n)).isEqualTo(2 * n);

    long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
    long p50 = percentile(sorted, 0.50);
    long p99 = percentile(sorted, 0.99);
    System.out.printf(
        Locale.ROOT,
        "EDGE_KV_LAG changes=%d p50_ms=%d p99_ms=%d max_ms=%d%n",
        sorted.length,
        p50,
        p99,
        sorted[sorted.length - 1]);
    assertThat(sorted).hasSize(3 * n);
    assertThat(p99).as("SMO1-ARCH-002: p99 from API acknowledgement to KV write").isLessThan(5000);
  }

  /**
   * A link given targeting rules and an A/B test gets a format-2 KV record, and the Worker routes
   * each visitor itself: by language, then by variant, kept by the variant cookie it sets. Removing
   * them makes the record format 1 again.
   */
  @Test
  void aLinkWithRulesIsRoutedAtTheEdgeFromItsFormat2Record() throws Exception {
    String code = "routed1";
    String key = TestNodes.SHORT_DOMAIN + "/" + code;
    assertThat(api.createLink(TestNodes.OWNER_KEY, code, "https://example.com/plain").statusCode())
        .isEqualTo(201);
    awaitKv(key, value -> value != null);

    var patched =
        api.patch(
            LINKS + "/" + code,
            TestNodes.OWNER_KEY,
            """
            {"rules": [{"when": {"language": ["DE"]}, "target": "https://example.com/de"}],
             "variants": [{"target": "https://example.com/a", "weight": 1},
                          {"target": "https://example.com/b", "weight": 1}]}
            """);
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode link = JSON.readTree(patched.body());
    assertThat(link.at("/rules/0/when/language/0").asText()).isEqualTo("de");
    assertThat(link.at("/variants").size()).isEqualTo(2);
    awaitKv(key, value -> value != null && value.startsWith("{\"format\":2,"));

    var german = edge.visit(code + "?qr=1", Map.of("Accept-Language", "de-AT,de;q=0.9"));
    assertThat(german.statusCode()).isEqualTo(302);
    assertThat(german.headers().firstValue("Location")).hasValue("https://example.com/de");
    assertThat(german.headers().firstValue("X-SMO1-Source")).hasValue("edge");
    assertThat(german.headers().firstValue("Cache-Control")).hasValue("no-store");

    var first = edge.visit(code, Map.of("Accept-Language", "en"));
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .matches("smo1_variant=[01]; Path=/routed1; Max-Age=2592000; HttpOnly; SameSite=Lax");
    String variant = cookie.substring("smo1_variant=".length(), cookie.indexOf(';'));
    String location = first.headers().firstValue("Location").orElseThrow();
    assertThat(location).isIn("https://example.com/a", "https://example.com/b");
    for (int i = 0; i < 3; i++) {
      var again =
          edge.visit(code, Map.of("Accept-Language", "en", "Cookie", "smo1_variant=" + variant));
      assertThat(again.headers().firstValue("Location")).hasValue(location);
      assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
    }
    // the clicks the Worker sent say how each visit came and which rule or variant sent it
    var clicks = streamClicks(code, 5);
    assertThat(clicks)
        .extracting(Click::trigger, Click::rule, Click::variant)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("qr", 1, 0),
            org.assertj.core.groups.Tuple.tuple("link", 0, Integer.parseInt(variant) + 1),
            org.assertj.core.groups.Tuple.tuple("link", 0, Integer.parseInt(variant) + 1),
            org.assertj.core.groups.Tuple.tuple("link", 0, Integer.parseInt(variant) + 1),
            org.assertj.core.groups.Tuple.tuple("link", 0, Integer.parseInt(variant) + 1));
    // the list, from the read model (its own projection, which may trail KV's), shows the rules
    // as the link does
    JsonNode listed = JSON.readTree(api.get(LINKS + "?q=" + code, TestNodes.OWNER_KEY).body());
    long listDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!listed.at("/items/0/rules").equals(link.at("/rules"))
        && System.nanoTime() < listDeadline) {
      Thread.sleep(100);
      listed = JSON.readTree(api.get(LINKS + "?q=" + code, TestNodes.OWNER_KEY).body());
    }
    assertThat(listed.at("/items/0/rules")).isEqualTo(link.at("/rules"));

    var cleared =
        api.patch(LINKS + "/" + code, TestNodes.OWNER_KEY, "{\"rules\": null, \"variants\": null}");
    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
    awaitKv(key, value -> value != null && value.startsWith("{\"format\":1,"));
    assertThat(edge.visit(code, Map.of("Accept-Language", "de")).headers().firstValue("Location"))
        .hasValue("https://example.com/plain");
  }

  /** Waits (at most 20 s) until the key's KV value satisfies {@code reached}. */
  private static void awaitKv(String key, java.util.function.Predicate<String> reached)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String value = edge.value(key);
    while (!reached.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      value = edge.value(key);
    }
    assertThat(reached.test(value)).as("KV value of " + key + ": " + value).isTrue();
  }

  /**
   * A password-protected link (decision 0026): the origin's page for a visitor without the access
   * cookie, wherever they come in; the right password given through the edge sets the cookie, with
   * which the Worker redirects by itself; attempts are limited per link and visitor. The password's
   * hash is in no API answer, KV value or log line.
   */
  @Test
  void aPasswordProtectedLinkIsOpenedWithItsPasswordAtTheOriginAndTheEdge() throws Exception {
    var logs =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    logs.start();
    var root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    // every line the node writes while this runs, down to debug, is read for the password
    var level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      String code = "locked1";
      var created =
          api.post(
              LINKS,
              TestNodes.OWNER_KEY,
              """
              {"target": "https://example.com/private", "alias": "locked1",
               "password": "open sesame", "utm": {"source": "smo1"}}
              """);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(JSON.readTree(created.body()).get("passwordProtected").asBoolean()).isTrue();
      String key = TestNodes.SHORT_DOMAIN + "/" + code;
      awaitKv(key, value -> value != null && value.contains("\"passwordSince\""));

      var atTheEdge = edge.visit(code, Map.of("Accept", "text/html"));
      assertThat(atTheEdge.statusCode()).isEqualTo(200);
      assertThat(atTheEdge.headers().firstValue("X-SMO1-Source")).hasValue("origin");
      assertThat(atTheEdge.body()).contains("<form method=\"post\">").doesNotContain("private");
      assertThat(api.visit(code).statusCode()).as("at the origin too").isEqualTo(200);

      var wrong = edge.post(code, "password=guess", Map.of());
      assertThat(wrong.statusCode()).isEqualTo(403);
      var right = edge.post(code, "password=open+sesame", Map.of());
      assertThat(right.statusCode()).isEqualTo(303);
      assertThat(right.headers().firstValue("Location")).hasValue("/" + code);
      String setCookie = right.headers().firstValue("Set-Cookie").orElseThrow();
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));

      var redirected = edge.visit(code, Map.of("Cookie", cookie));
      assertThat(redirected.statusCode()).isEqualTo(302);
      assertThat(redirected.headers().firstValue("X-SMO1-Source")).hasValue("edge");
      assertThat(redirected.headers().firstValue("Location"))
          .hasValue("https://example.com/private?utm_source=smo1");
      var atTheOrigin = api.send(api.request("/" + code).header("Cookie", cookie).GET());
      assertThat(atTheOrigin.statusCode()).isEqualTo(302);

      // five attempts for a link from one visitor (two above), then 429 until the window ends
      for (int i = 0; i < 3; i++) {
        assertThat(edge.post(code, "password=guess" + i, Map.of()).statusCode()).isEqualTo(403);
      }
      var limited = edge.post(code, "password=open+sesame", Map.of());
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();

      String answers =
          created.body()
              + api.get(LINKS + "/" + code, TestNodes.OWNER_KEY).body()
              + api.get(LINKS + "?q=" + code, TestNodes.OWNER_KEY).body()
              + edge.value(key);
      assertThat(answers).doesNotContain("argon2").doesNotContain("open sesame");
      assertThat(logs.list)
          .as("the node's log lines while this ran")
          .isNotEmpty()
          .noneMatch(
              event ->
                  event.getFormattedMessage().contains("argon2")
                      || event.getFormattedMessage().contains("open sesame"));
    } finally {
      root.setLevel(level);
      root.detachAppender(logs);
    }
  }

  /**
   * A rollout (decisions 0024, 0025): the Worker as built before KV record format 2, given the
   * records this node writes, serves a plain link's format-1 record itself and sends a link with
   * options (a format-2 record) to the origin, which answers it right, instead of redirecting it
   * wrongly or failing.
   */
  @Test
  void aWorkerOfBeforeFormat2SendsFormat2LinksToTheOrigin() throws Exception {
    String plain = "prev-plain";
    String withOptions = "prev-utm";
    assertThat(api.createLink(TestNodes.OWNER_KEY, plain, "https://example.com/plain").statusCode())
        .isEqualTo(201);
    var created =
        api.post(
            LINKS,
            TestNodes.OWNER_KEY,
            "{\"target\": \"https://example.com/utm\", \"alias\": \""
                + withOptions
                + "\", \"utm\": {\"source\": \"smo1\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String plainKey = TestNodes.SHORT_DOMAIN + "/" + plain;
    String optionsKey = TestNodes.SHORT_DOMAIN + "/" + withOptions;
    awaitKv(plainKey, value -> value != null && value.startsWith("{\"format\":1,"));
    awaitKv(optionsKey, value -> value != null && value.startsWith("{\"format\":2,"));

    LocalEdge previous =
        LocalEdge.start(
            "http://127.0.0.1:" + node.httpAddress().getPort(),
            TestNodes.SHORT_DOMAIN,
            LocalEdge.PREVIOUS_WORKER);
    try {
      previous.put(plainKey, edge.value(plainKey));
      previous.put(optionsKey, edge.value(optionsKey));

      var served = previous.visit(plain);
      assertThat(served.statusCode()).isEqualTo(302);
      assertThat(served.headers().firstValue("X-SMO1-Source")).hasValue("edge");
      assertThat(served.headers().firstValue("Location")).hasValue("https://example.com/plain");
      var passedOn = previous.visit(withOptions);
      assertThat(passedOn.statusCode()).isEqualTo(302);
      assertThat(passedOn.headers().firstValue("X-SMO1-Source")).hasValue("origin");
      assertThat(passedOn.headers().firstValue("Location"))
          .hasValue("https://example.com/utm?utm_source=smo1");
    } finally {
      previous.close();
    }
  }

  @Test
  void kvApiRateLimitsAndErrorsAreRetriedWithNothingLostOrReordered() throws Exception {
    List<String> codes = IntStream.range(0, 200).mapToObj(i -> "flaky" + i).toList();
    edge.failNext(429, 4, 1);
    acknowledge(
        codes,
        code -> api.createLink(TestNodes.OWNER_KEY, code, "https://example.com/f1/" + code),
        201);
    long faultsDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (edge.writes().path("stats").path("faultsServed").asInt() < 4
        && System.nanoTime() < faultsDeadline) {
      Thread.sleep(100);
    }
    edge.failNext(500, 6, 0);
    for (int version = 2; version <= 3; version++) {
      int v = version;
      acknowledge(
          codes,
          code ->
              api.patch(
                  LINKS + "/" + code,
                  TestNodes.OWNER_KEY,
                  "{\"target\":\"https://example.com/f" + v + "/" + code + "\"}"),
          200);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode writes;
    do {
      Thread.sleep(250);
      writes = edge.writes();
    } while (!codes.stream().allMatch(lastVersionIs(writes, 3)) && System.nanoTime() < deadline);

    assertThat(writes.path("stats").path("faultsServed").asInt()).isEqualTo(10);
    for (String code : codes) {
      JsonNode history = writes.path("writes").path(TestNodes.SHORT_DOMAIN + "/" + code);
      long[] versions = new long[history.size()];
      for (int i = 0; i < versions.length; i++) {
        versions[i] = history.get(i).path("version").asLong();
      }
      assertThat(versions)
          .as(code + " written in order, ending at version 3; " + writes.path("stats"))
          .isSorted()
          .endsWith(3);
      assertThat(edge.visit(code).headers().firstValue("Location"))
          .hasValue("https://example.com/f3/" + code);
    }
  }

  /** Distinct click ids in the origin's click stream for codes matching, once {@code expected}. */
  /** The clicks of {@code code} in the click stream, in time order, once there are {@code n}. */
  private static List<Click> streamClicks(String code, int n) throws Exception {
    awaitClicks(code::equals, n);
    var client = io.lettuce.core.RedisClient.create(redis.url());
    try (var connection = client.connect()) {
      var clicks = new java.util.ArrayList<Click>();
      for (var entry :
          connection
              .sync()
              .xrange(RedisClickStream.STREAM, io.lettuce.core.Range.create("-", "+"))) {
        for (var click : RedisClickStream.clicksOf(entry.getBody())) {
          if (click.code().equals(code)) {
            clicks.add(click);
          }
        }
      }
      clicks.sort(java.util.Comparator.comparing(Click::at));
      return clicks;
    } finally {
      client.shutdown();
    }
  }

  private static long awaitClicks(Predicate<String> codes, long expected) throws Exception {
    var client = io.lettuce.core.RedisClient.create(redis.url());
    try (var connection = client.connect()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long distinct;
      do {
        Thread.sleep(250);
        var ids = new java.util.HashSet<String>();
        for (var entry :
            connection
                .sync()
                .xrange(RedisClickStream.STREAM, io.lettuce.core.Range.create("-", "+"))) {
          for (var click : RedisClickStream.clicksOf(entry.getBody())) {
            if (codes.test(click.code())) {
              ids.add(click.id().toString());
            }
          }
        }
        distinct = ids.size();
      } while (distinct < expected && System.nanoTime() < deadline);
      return distinct;
    } finally {
      client.shutdown();
    }
  }

  private static Predicate<String> lastVersionIs(JsonNode writes, long version) {
    return code -> {
      JsonNode history = writes.path("writes").path(TestNodes.SHORT_DOMAIN + "/" + code);
      return history.size() > 0
          && history.get(history.size() - 1).path("version").asLong() == version;
    };
  }

  /** Sends one call per code (8 at a time); returns when each was acknowledged, epoch ms. */
  /** Visits every code at the edge, eight at a time, and checks each answer. */
  private static void visitEach(
      List<String> codes, java.util.function.BiConsumer<String, HttpResponse<String>> check)
      throws Exception {
    List<Future<?>> visits = new ArrayList<>();
    for (String code : codes) {
      visits.add(
          clients.submit(
              (Callable<Void>)
                  () -> {
                    check.accept(code, edge.visit(code));
                    return null;
                  }));
    }
    for (Future<?> pending : visits) {
      pending.get();
    }
  }

  private static long[] acknowledge(
      List<String> codes,
      java.util.function.Function<String, HttpResponse<String>> call,
      int expectedStatus)
      throws Exception {
    long[] acknowledged = new long[codes.size()];
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      int index = i;
      calls.add(
          clients.submit(
              (Callable<Void>)
                  () -> {
                    var response = call.apply(codes.get(index));
                    acknowledged[index] = System.currentTimeMillis();
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
                    return null;
                  }));
    }
    for (Future<?> pending : calls) {
      pending.get();
    }
    return acknowledged;
  }

  /**
   * Waits (at most 60 s) until each code's KV history has a write matching {@code reached}; returns
   * the lag of each, from its acknowledgement to the first such write.
   */
  private static List<Long> lagsUntil(
      String phase, List<String> codes, long[] acknowledged, Predicate<JsonNode> reached)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Long[] lags = new Long[codes.size()];
    while (Arrays.stream(lags).anyMatch(lag -> lag == null) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      JsonNode writes = edge.writes().path("writes");
      for (int i = 0; i < codes.size(); i++) {
        if (lags[i] != null) {
          continue;
        }
        for (JsonNode write : writes.path(TestNodes.SHORT_DOMAIN + "/" + codes.get(i))) {
          if (reached.test(write)) {
            lags[i] = write.path("at").asLong() - acknowledged[i];
            break;
          }
        }
      }
    }
    List<String> missing =
        IntStream.range(0, codes.size()).filter(i -> lags[i] == null).mapToObj(codes::get).toList();
    assertThat(missing).as("changes that never reached KV").isEmpty();
    long[] sorted = Arrays.stream(lags).mapToLong(Long::longValue).sorted().toArray();
    long[] acks = Arrays.stream(acknowledged).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "EDGE_KV_LAG phase=%s acknowledged_over_ms=%d p50_ms=%d p99_ms=%d max_ms=%d%n",
        phase,
        acks[acks.length - 1] - acks[0],
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted[sorted.length - 1]);
    return Arrays.asList(lags);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  /**
   * {@code smo1-probe} against the local edge (the real Worker in workerd, KV kept by the node) and
   * the node's own redirects, learning each canary's expectation from the node's API: known codes
   * (a plain link, one with UTM, an A/B test) answer right, so 0 errors and exit 0; a KV record
   * that sends a code elsewhere is counted as a {@code location} error and fails the run (exit 1);
   * a link a probe cannot get the target of is refused before probing (exit 3). SMO1-ARCH-001's
   * production evidence is this prober run against the real edge (runbook: the edge prober).
   */
  @Nested
  class Prober {
    private static String origin;

    @BeforeAll
    static void canaries() throws Exception {
      origin = "http://127.0.0.1:" + node.httpAddress().getPort();
      createCanary("{\"target\": \"https://example.com/canary\", \"alias\": \"canary-plain\"}");
      createCanary(
          """
            {"target": "https://example.com/launch?ref=x", "alias": "canary-utm", "redirectType": 301,
             "utm": {"source": "probe", "campaign": "spring sale"}}
            """);
      createCanary(
          """
            {"target": "https://example.com/ab", "alias": "canary-ab",
             "variants": [{"target": "https://example.com/a", "weight": 1},
                          {"target": "https://example.com/b", "weight": 1}]}
            """);
      awaitKv(TestNodes.SHORT_DOMAIN + "/canary-plain", value -> value != null);
      awaitKv(
          TestNodes.SHORT_DOMAIN + "/canary-utm",
          value -> value != null && value.contains("spring"));
      awaitKv(
          TestNodes.SHORT_DOMAIN + "/canary-ab",
          value -> value != null && value.contains("example.com/b"));
    }

    @Test
    void knownCodesAtTheEdgeAndTheOriginAnswerRightAndAWrongLocationIsAnErrorThatFailsTheRun()
        throws Exception {
      String worker = edge.worker().toString().replaceAll("/+$", "");
      var right =
          probe(
              worker,
              origin,
              "--code",
              "canary-plain",
              "--code",
              "canary-utm",
              "--code",
              "canary-ab",
              "--api",
              origin,
              "--duration",
              "2",
              "--rate",
              "15");
      assertThat(right.exit()).as(right.err() + right.out()).isEqualTo(ProbeCommand.OK);
      assertThat(right.err())
          .contains("PROBE_CODE code=canary-plain status=[302] locations=1")
          .contains("PROBE_CODE code=canary-utm status=[301] locations=1")
          .contains("PROBE_CODE code=canary-ab status=[302] locations=3");
      for (String target : List.of(worker, origin)) {
        assertThat(right.out())
            .containsPattern(
                "PROBE target="
                    + target
                    + " requests=30 errors=0 p50_ms=[0-9.]+ p99_ms=[0-9.]+ p999_ms=[0-9.]+ "
                    + "max_ms=[0-9.]+ status=0 location=0 timeout=0 connect=0");
      }

      // the edge now sends canary-plain elsewhere: a record the node did not write
      String key = TestNodes.SHORT_DOMAIN + "/canary-plain";
      edge.put(
          key, edge.value(key).replace("https://example.com/canary", "https://example.com/wrong"));
      assertThat(edge.visit("canary-plain").headers().firstValue("Location"))
          .hasValue("https://example.com/wrong");
      var wrong =
          probe(
              worker,
              "--code",
              "canary-plain",
              "--code",
              "canary-utm",
              "--api",
              origin,
              "--duration",
              "2",
              "--rate",
              "10");
      assertThat(wrong.exit()).as(wrong.err() + wrong.out()).isEqualTo(ProbeCommand.ERRORS);
      assertThat(wrong.out())
          .contains(
              "PROBE_ERROR target="
                  + worker
                  + " code=canary-plain reason=location status=302"
                  + " location=https://example.com/wrong expected_status=[302]"
                  + " expected_location=[https://example.com/canary]")
          .doesNotContain("code=canary-utm")
          .contains("PROBE target=" + worker + " requests=20 errors=10 ")
          .contains("status=0 location=10 timeout=0 connect=0");
    }

    @Test
    void aLinkAProbeCannotGetTheTargetOfIsRefusedBeforeProbing() throws Exception {
      createCanary(
          """
          {"target": "https://example.com/private", "alias": "canary-locked", "password": "open sesame"}
          """);
      var refused =
          probe(
              edge.worker().toString(),
              "--code",
              "canary-locked",
              "--api",
              origin,
              "--duration",
              "1");
      assertThat(refused.exit()).isEqualTo(ProbeCommand.FAILED);
      assertThat(refused.err())
          .contains(
              "smo1-probe: link canary-locked is password-protected: a probe gets its password"
                  + " page; a canary must be an active plain link");
      assertThat(refused.out()).doesNotContain("PROBE target=");

      var unknown =
          probe(edge.worker().toString(), "--code", "nosuch", "--api", origin, "--duration", "1");
      assertThat(unknown.exit()).isEqualTo(ProbeCommand.FAILED);
      assertThat(unknown.err())
          .contains("smo1-probe: no link nosuch in the key's workspace (404 from the API)");
    }

    private record Run(int exit, String out, String err) {}

    private static Run probe(String... arguments) {
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      int exit =
          new ProbeCommand(
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8),
                  Map.of(ProbeCommand.API_KEY, TestNodes.OWNER_KEY),
                  Clock.systemUTC())
              .run(new ArrayList<>(List.of(arguments)));
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void createCanary(String json) {
      var created = api.post(LINKS, TestNodes.OWNER_KEY, json);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
  }
}
