package dev.smo1.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkEntity;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.projection.readmodel.ReadModelProjection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /metrics} reports how far the read model is behind, and that it catches up. */
@ExtendWith(LogCapturingExtension.class)
class ProjectionLagMetricsTest {
  private static Node node;
  private static ApiClient api;
  private static ApiClient metrics;

  @BeforeAll
  static void startNode() {
    node =
        TestNodes.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            true,
            Map.of("smo1.metrics.projection-lag-interval", "200ms"));
    api = new ApiClient(node.httpAddress());
    metrics = new ApiClient(node.managementAddress());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void lagGrowsWhileTheReadModelIsPausedAndReturnsToZeroAfterwards() throws Exception {
    api.post("/api/v1/links", TestNodes.OWNER_KEY, "{\"target\":\"https://example.com/first\"}");
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(30),
            () -> {
              assertThat(api.get("/api/v1/links", TestNodes.OWNER_KEY).body())
                  .contains("example.com/first");
              return null;
            });
    awaitSum("smo1_projection_lag_events", value -> value == 0);
    var management = ProjectionManagement.get(node.system());
    forEachTag(id -> management.pause(id));

    for (int i = 0; i < 20; i++) {
      var created =
          api.post(
              "/api/v1/links",
              TestNodes.OWNER_KEY,
              "{\"target\":\"https://example.com/" + i + "\"}");
      assertThat(created.statusCode()).isEqualTo(201);
    }

    awaitSum("smo1_projection_lag_events", value -> value == 20);
    awaitSum("smo1_projection_lag_seconds", value -> value > 0);
    forEachTag(id -> management.resume(id));
    awaitSum("smo1_projection_lag_events", value -> value == 0);
    awaitSum("smo1_projection_lag_seconds", value -> value == 0);
  }

  private static void forEachTag(
      java.util.function.Function<ProjectionId, java.util.concurrent.CompletionStage<?>> action) {
    CompletableFuture<?>[] all = new CompletableFuture<?>[LinkEntity.TAG_COUNT];
    for (int tag = 0; tag < LinkEntity.TAG_COUNT; tag++) {
      all[tag] =
          action
              .apply(ProjectionId.of(ReadModelProjection.NAME, "link-" + tag))
              .toCompletableFuture();
    }
    CompletableFuture.allOf(all).join();
  }

  /**
   * Sums a gauge over the read model's tags, polling /metrics (a pause between scrapes) until the
   * condition holds.
   */
  private static void awaitSum(String metric, DoublePredicate condition) {
    var line =
        Pattern.compile(
            "^"
                + metric
                + "\\{projection=\""
                + ReadModelProjection.NAME
                + "\",tag=\"link-\\d\"} (\\S+)$",
            Pattern.MULTILINE);
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(30),
            () -> {
              var matcher = line.matcher(metrics.send(metrics.request("/metrics").GET()).body());
              double sum = 0;
              int tags = 0;
              while (matcher.find()) {
                sum += Double.parseDouble(matcher.group(1));
                tags++;
              }
              assertThat(tags).as(metric + " tags").isEqualTo(LinkEntity.TAG_COUNT);
              assertThat(sum)
                  .as(metric + " summed over the read model's tags")
                  .matches(condition::test);
              return null;
            });
  }
}
