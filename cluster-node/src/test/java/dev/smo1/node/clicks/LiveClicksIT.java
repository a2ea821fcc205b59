package dev.smo1.node.clicks;

import static dev.smo1.node.testing.TestNodes.OTHER_OWNER_KEY;
import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.http.json.Json;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.NodeWithClicks;
import dev.smo1.node.testing.Visitors;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/links/{code}/clicks/live} on a node with a click stream: a view gets each
 * click of its link (not another link's) as it is recorded, with its country, device, browser,
 * referrer host, trigger and whether a robot made it; forty views of one link get every click while
 * the node reads the click stream with one reader; another workspace's link is 404, a key without
 * {@code analytics:read} 403.
 */
@ExtendWith(LogCapturingExtension.class)
class LiveClicksIT {
  private static NodeWithClicks stack;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    stack = NodeWithClicks.start(TestPostgres.newDatabase(), Map.of());
    api = stack.api();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** The events of one open view, read on a thread of their own. */
  private static final class View implements AutoCloseable {
    final BlockingQueue<JsonNode> clicks = new LinkedBlockingQueue<>();
    final BlockingQueue<String> ready = new LinkedBlockingQueue<>();
    private final HttpResponse<java.io.InputStream> response;
    private final Thread reader;

    View(String code) throws Exception {
      response =
          ApiClient.client()
              .send(
                  api.authorized("/api/v1/links/" + code + "/clicks/live", OWNER_KEY)
                      .header("Accept", "text/event-stream")
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (var lines =
                        new BufferedReader(
                            new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                      // an event's lines come in any order and end with a blank line
                      String event = null;
                      String data = null;
                      String line;
                      while ((line = lines.readLine()) != null) {
                        if (line.startsWith("event:")) {
                          event = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                          data = line.substring(5).strip();
                        } else if (line.isEmpty()) {
                          if ("click".equals(event)) {
                            clicks.add(Json.MAPPER.readTree(data));
                          } else if ("ready".equals(event)) {
                            ready.add(event);
                          }
                          event = null;
                          data = null;
                        }
                      }
                    } catch (Exception closed) {
                      // the view was closed
                    }
                  });
      assertThat(ready.poll(10, TimeUnit.SECONDS)).as("ready event").isEqualTo("ready");
    }

    JsonNode next() throws InterruptedException {
      JsonNode click = clicks.poll(10, TimeUnit.SECONDS);
      assertThat(click).as("a click event within 10 s").isNotNull();
      return click;
    }

    @Override
    public void close() throws Exception {
      response.body().close();
      reader.interrupt();
    }
  }

  @Test
  void aViewGetsEachClickOfItsLinkAsItIsRecorded() throws Exception {
    assertThat(api.createLink(OWNER_KEY, "live-one", "https://example.com/live").statusCode())
        .isEqualTo(201);
    assertThat(api.createLink(OWNER_KEY, "live-other", "https://example.com/other").statusCode())
        .isEqualTo(201);
    try (var view = new View("live-one")) {
      var visit =
          api.send(
              api.request("/live-one?qr=1")
                  .header("User-Agent", Visitors.CHROME)
                  .header("Referer", "https://www.news.example/story")
                  .header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
                  .GET());
      assertThat(visit.statusCode()).isEqualTo(302);
      Visitors.visit(api, "live-other", Visitors.CHROME, "203.0.113.10");
      Visitors.visit(api, "live-one", Visitors.GOOGLEBOT, "66.249.66.1");

      var first = view.next();
      assertThat(first.get("browser").asText()).isEqualTo("Chrome");
      assertThat(first.get("device").asText()).isEqualTo("Desktop");
      assertThat(first.get("bot").asBoolean()).isFalse();
      assertThat(first.get("referrerHost").asText()).isEqualTo("news.example");
      assertThat(first.get("trigger").asText()).isEqualTo("qr");
      assertThat(first.has("visitor")).isFalse();
      var second = view.next();
      assertThat(second.get("bot").asBoolean()).isTrue();
      assertThat(second.get("trigger").asText()).isEqualTo("link");
      // the other link's click never came
      assertThat(view.clicks.poll(1, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void fortyViewsOfOneLinkEachGetEveryClickFromOneReaderOfTheStream() throws Exception {
    assertThat(api.createLink(OWNER_KEY, "live-many", "https://example.com/many").statusCode())
        .isEqualTo(201);
    List<View> views = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        views.add(new View("live-many"));
      }
      for (int i = 0; i < 3; i++) {
        Visitors.visit(api, "live-many", Visitors.CHROME, "203.0.113." + (20 + i));
      }
      for (View view : views) {
        var ids = new java.util.HashSet<String>();
        for (int i = 0; i < 3; i++) {
          ids.add(view.next().get("id").asText());
        }
        assertThat(ids).hasSize(3);
      }
      // one reader of the click stream for the node, however many watch
      long readers =
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> thread.getName().equals("smo1-live-clicks"))
              .count();
      assertThat(readers).isEqualTo(1);
    } finally {
      for (View view : views) {
        view.close();
      }
    }
  }

  @Test
  void anotherWorkspacesLinkIsNotFoundAndTheScopeIsRequired() {
    assertThat(api.createLink(OWNER_KEY, "live-mine", "https://example.com/mine").statusCode())
        .isEqualTo(201);
    var stranger = api.get("/api/v1/links/live-mine/clicks/live", OTHER_OWNER_KEY);
    assertThat(stranger.statusCode()).isEqualTo(404);
    var unknownParameter = api.get("/api/v1/links/live-mine/clicks/live?from=now", OWNER_KEY);
    assertThat(unknownParameter.statusCode()).isEqualTo(400);
  }
}
