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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/links} over a real node: the read model, fed by the projection, listed with
 * keyset pagination, filters and search; a cursor walk stays exact while links are being created.
 */
@ExtendWith(LogCapturingExtension.class)
class LinkListTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINKS = "/api/v1/links";
  private static final int WALKED = 2_000;

  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() {
    node = TestNodes.start(TestPostgres.newDatabase(), Clock.systemUTC());
    api = new ApiClient(node.httpAddress());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void filtersAndSearchSelectTheRightLinks() throws Exception {
    create(
        OTHER_OWNER_KEY,
        "{\"target\":\"https://example.com/bob\",\"alias\":\"bob-link\",\"tags\":[\"f\"]}");
    create(
        OWNER_KEY,
        "{\"target\":\"https://example.com/Alpha\",\"alias\":\"f-alpha\",\"tags\":[\"f\",\"x\"]}");
    create(
        OWNER_KEY,
        "{\"target\":\"https://example.com/beta\",\"alias\":\"f-beta\",\"title\":\"The BETA 100%\",\"tags\":[\"f\"]}");
    create(
        OWNER_KEY,
        "{\"target\":\"https://example.com/gamma\",\"alias\":\"f-gamma\",\"tags\":[\"f\",\"x\"]}");
    create(
        OWNER_KEY,
        "{\"target\":\"https://example.com/delta\",\"alias\":\"f-delta\",\"tags\":[\"f\"]}");
    assertThat(api.post(LINKS + "/f-gamma/disable", OWNER_KEY, "").statusCode()).isEqualTo(200);
    assertThat(api.delete(LINKS + "/f-delta", OWNER_KEY).statusCode()).isEqualTo(204);

    // each link may be on another projection instance: wait until all of them caught up
    awaitCodes("tag=f&status=deleted", Set.of("f-delta"));
    awaitCodes("tag=f&status=disabled", Set.of("f-gamma"));
    awaitCodes("tag=f", Set.of("f-gamma", "f-beta", "f-alpha"));
    assertThat(codes("tag=f")).containsExactly("f-gamma", "f-beta", "f-alpha");
    assertThat(codes("tag=x")).containsExactly("f-gamma", "f-alpha");
    assertThat(codes("tag=f&status=active")).containsExactly("f-beta", "f-alpha");
    assertThat(codes("tag=f&status=disabled")).containsExactly("f-gamma");
    assertThat(codes("tag=f&q=alpha")).as("search ignores case").containsExactly("f-alpha");
    assertThat(codes("tag=f&q=beta")).containsExactly("f-beta");
    assertThat(codes("tag=f&q=" + encode("100%"))).as("% is literal").containsExactly("f-beta");
    assertThat(codes("tag=f&q=" + encode("_"))).as("_ is literal").isEmpty();
    assertThat(codes("tag=f&q=f-")).containsExactly("f-gamma", "f-beta", "f-alpha");
  }

  @Test
  void aCursorWalkSeesEveryExistingLinkOnceWhileNewOnesAreCreated() throws Exception {
    Set<String> existing = createMany("walk", WALKED);
    awaitCount("tag=walk", WALKED);

    var creating = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    CompletableFuture<Set<String>> concurrent =
        CompletableFuture.supplyAsync(
            () -> {
              Set<String> created = new HashSet<>();
              for (int i = 0; creating.get() && i < 2_000; i++) {
                created.add(
                    create(
                        OWNER_KEY,
                        "{\"target\":\"https://example.com/during/"
                            + i
                            + "\",\"tags\":[\"walk\"]}"));
              }
              return created;
            },
            writer);

    List<String> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = page("tag=walk&limit=97" + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("items").forEach(item -> walked.add(item.get("code").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);
    creating.set(false);
    Set<String> createdDuring = concurrent.get();
    writer.shutdown();

    assertThat(new LinkedHashSet<>(walked)).as("no duplicates").hasSize(walked.size());
    assertThat(walked).as("no gaps among the links that existed").containsAll(existing);
    assertThat(existing.size() + createdDuring.size()).isGreaterThanOrEqualTo(walked.size());
    assertThat(pages).isGreaterThanOrEqualTo(WALKED / 97);
  }

  @Test
  void pagesAreBoundedAndBadParametersAreRefused() throws Exception {
    createMany("bounded", 3);
    awaitCount("tag=bounded", 3);

    JsonNode first = page("tag=bounded&limit=2");
    assertThat(first.get("items")).hasSize(2);
    JsonNode second = page("tag=bounded&limit=2&cursor=" + first.get("nextCursor").asText());
    assertThat(second.get("items")).hasSize(1);
    assertThat(second.get("nextCursor").isNull()).isTrue();

    for (String bad :
        List.of(
            "limit=0", "limit=101", "limit=ten", "cursor=nonsense", "status=gone", "sort=asc")) {
      var response = api.get(LINKS + "?" + bad, OWNER_KEY);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("code").asText())
          .isEqualTo("invalid_parameter");
    }
  }

  @Test
  void anotherOwnerSeesNoneOfTheseLinks() throws Exception {
    createMany("mine", 2);
    awaitCount("tag=mine", 2);

    var response = api.get(LINKS + "?tag=mine", OTHER_OWNER_KEY);
    assertThat(JSON.readTree(response.body()).get("items")).isEmpty();
  }

  private static Set<String> createMany(String tag, int count) throws Exception {
    Set<String> codes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body =
          "{\"target\":\"https://example.com/" + tag + "/" + i + "\",\"tags\":[\"" + tag + "\"]}";
      all.add(CompletableFuture.runAsync(() -> codes.add(create(OWNER_KEY, body)), pool));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    pool.shutdown();
    return codes;
  }

  private static String create(String key, String body) {
    var response = api.post(LINKS, key, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    try {
      return JSON.readTree(response.body()).get("code").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode page(String query) throws Exception {
    var response = api.get(LINKS + "?" + query, OWNER_KEY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> codes(String query) throws Exception {
    List<String> codes = new ArrayList<>();
    page(query).get("items").forEach(item -> codes.add(item.get("code").asText()));
    return codes;
  }

  /** The read model is eventually consistent: wait (bounded) until the projection caught up. */
  private static void awaitCount(String query, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      seen = 0;
      String cursor = null;
      do {
        JsonNode page = page(query + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
        seen += page.get("items").size();
        cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      } while (cursor != null);
      if (seen == expected) {
        return;
      }
      Thread.onSpinWait();
    }
    assertThat(seen).as("links listed for " + query).isEqualTo(expected);
  }

  private static void awaitCodes(String query, Set<String> expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && !new HashSet<>(codes(query)).equals(expected)) {
      Thread.onSpinWait();
    }
    assertThat(codes(query)).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
