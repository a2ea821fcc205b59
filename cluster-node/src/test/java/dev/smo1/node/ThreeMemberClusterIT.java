package dev.smo1.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkEntity;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three members on free ports in one JVM (talking Artery TCP to each other, so every cross-member
 * message is serialized) share one journal. Links created through one member resolve through the
 * others, whichever member hosts their entity.
 */
@ExtendWith(LogCapturingExtension.class)
class ThreeMemberClusterIT {
  private static final int LINKS = 60;
  private static final List<Node> members = new ArrayList<>();

  @BeforeAll
  static void formCluster() {
    String databaseUrl = TestPostgres.newDatabase();
    for (int i = 0; i < 3; i++) {
      members.add(TestNodes.start(databaseUrl, Clock.systemUTC(), false, Map.of()));
    }
    var seed = Cluster.get(members.get(0).system()).selfMember().address();
    for (Node member : members) {
      Cluster.get(member.system()).manager().tell(new Join(seed));
    }
    for (Node member : members) {
      var probe = TestProbe.create(member.system());
      probe.awaitAssert(
          Duration.ofSeconds(30),
          () -> {
            var state = Cluster.get(member.system()).state();
            assertThat(state.getMembers())
                .hasSize(3)
                .allMatch(m -> m.status() == MemberStatus.up());
            return null;
          });
    }
  }

  @AfterAll
  static void stopMembers() {
    for (Node member : members) {
      member.close();
    }
  }

  @Test
  void linksCreatedThroughOneMemberResolveThroughEveryOther() {
    var first = new ApiClient(members.get(0).httpAddress());
    Map<String, String> targets = new LinkedHashMap<>();
    for (int i = 0; i < LINKS; i++) {
      String alias = "cluster-" + i;
      String target = "https://example.com/cluster/" + i;
      var created = first.createLink(TestNodes.OWNER_KEY, alias, target);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      targets.put(alias, target);
    }

    for (Node member : members.subList(1, 3)) {
      var api = new ApiClient(member.httpAddress());
      targets.forEach(
          (alias, target) -> {
            var redirect = api.visit(alias);
            assertThat(redirect.statusCode()).as(alias).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location")).hasValue(target);
            var link = api.get("/api/v1/links/" + alias, TestNodes.OWNER_KEY);
            assertThat(link.statusCode()).isEqualTo(200);
            assertThat(link.body()).contains("\"target\":\"" + target + "\"");
          });
    }
  }

  @Test
  void everyMemberHostsLinkEntities() {
    var first = new ApiClient(members.get(0).httpAddress());
    for (int i = 0; i < LINKS; i++) {
      var created =
          first.createLink(TestNodes.OWNER_KEY, "spread-" + i, "https://example.com/spread/" + i);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    for (Node member : members) {
      var probe = TestProbe.<ShardRegion.CurrentShardRegionState>create(member.system());
      ClusterSharding.get(member.system())
          .shardState()
          .tell(new GetShardRegionState(LinkEntity.TYPE_KEY, probe.getRef()));
      var state = probe.receiveMessage(Duration.ofSeconds(10));
      assertThat(state.getShards())
          .as("shards of Link on %s", Cluster.get(member.system()).selfMember().address())
          .isNotEmpty();
    }
  }
}
