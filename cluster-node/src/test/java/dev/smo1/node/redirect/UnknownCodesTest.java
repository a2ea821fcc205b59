package dev.smo1.node.redirect;

import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkEntity;
import dev.smo1.link.ShortCodes;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.PrometheusText;
import dev.smo1.node.testing.TestNodes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Codes that were never created cost no entity: thousands of visits and API reads of random codes
 * leave only the links that exist running on the node, while a link created meanwhile is found at
 * once (decision 0018).
 */
@ExtendWith(LogCapturingExtension.class)
class UnknownCodesTest {
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() throws Exception {
    // no rate limits: the scan below is far above what one client may ask for unknown codes
    node =
        TestNodes.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            true,
            Map.of("smo1.rate-limits.enabled", false));
    api = new ApiClient(node.httpAddress());
    awaitKnownLinksLoaded();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void randomCodesStartNoEntityAndNewLinksAreFoundAtOnce() throws Exception {
    var codes = new ShortCodes(7);
    assertThat(api.createLink(OWNER_KEY, "known1", "https://example.com/known").statusCode())
        .isEqualTo(201);
    var created = new TreeSet<String>(Set.of("s.test/known1", "s.test/mine42"));
    assertThat(created).containsAll(runningLinks());

    for (int i = 0; i < 1_000; i++) {
      String code = codes.generate();
      assertThat(api.visit(code).statusCode()).as(code).isEqualTo(404);
      var read = api.get("/api/v1/links/" + code, OWNER_KEY);
      assertThat(read.statusCode()).as(read.body()).isEqualTo(404);
      assertThat(read.body()).contains("\"not_found\"");
      if (i % 100 == 0) {
        // a link created in the middle of the scan is served on its first visit
        String alias = "fresh" + i;
        assertThat(api.createLink(OWNER_KEY, alias, "https://example.com/" + alias).statusCode())
            .isEqualTo(201);
        assertThat(api.visit(alias).statusCode()).as(alias).isEqualTo(302);
        created.add("s.test/" + alias);
      }
    }

    Set<String> running = runningLinks();
    assertThat(running).as("links that exist run").contains("s.test/known1", "s.test/fresh900");
    assertThat(created).as("and nothing else").containsAll(running);
  }

  /** The other test may have run first: its link is among those that exist. */
  @Test
  void anAliasNeverCreatedIsStillFreeToTake() {
    assertThat(api.visit("mine42").statusCode()).isEqualTo(404);
    assertThat(api.createLink(OWNER_KEY, "mine42", "https://example.com/mine").statusCode())
        .isEqualTo(201);
    assertThat(api.createLink(OWNER_KEY, "mine42", "https://example.com/again").statusCode())
        .as("the entity decides: taken")
        .isEqualTo(409);
  }

  private static Set<String> runningLinks() throws Exception {
    CurrentShardRegionState state =
        AskPattern
            .<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, CurrentShardRegionState>
                ask(
                    ClusterSharding.get(node.system()).shardState(),
                    replyTo -> new GetShardRegionState(LinkEntity.TYPE_KEY, replyTo),
                    Duration.ofSeconds(5),
                    node.system().scheduler())
            .toCompletableFuture()
            .get();
    var ids = new TreeSet<String>();
    state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
    return ids;
  }

  private static void awaitKnownLinksLoaded() throws Exception {
    var client = ApiClient.client();
    var metrics = HttpRequest.newBuilder(node.managementAddress().resolve("/metrics")).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String body = client.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
      if (PrometheusText.value(body, "smo1_known_links", Map.of()).orElse(-1.0) >= 0) {
        return;
      }
      assertThat(System.nanoTime()).as("membership filter loaded within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
