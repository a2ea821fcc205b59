package dev.smo1.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.link.LinkEntity;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.LocalEdge;
import dev.smo1.node.testing.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * message is serialized) share one journal, and the local edge (the real Worker in workerd, its KV
 * written by the members' KV sync) asks the first of them. Links created through one member resolve
 * through the others, whichever member hosts their entity; a link with max visits lets exactly that
 * many visitors through, wherever they come in (decision 0025).
 */
@ExtendWith(LogCapturingExtension.class)
class ThreeMemberClusterIT {
  private static final int LINKS = 60;
  private static final List<Node> members = new ArrayList<>();
  private static LocalEdge edge;
  private static ExecutorService visitors;
  private static final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final int MAX_VISITS = 100;
  private static final int VISITORS = 50;
  private static final int VISITS_EACH = 6;
  private static final int REPEATS = 5;
  private static final String TARGET = "https://example.com/offer";
  private static final String FALLBACK = "https://example.com/sold-out";
  private static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void formCluster() {
    int port = LoopbackPorts.free();
    edge = LocalEdge.start("http://127.0.0.1:" + port, TestNodes.SHORT_DOMAIN);
    String databaseUrl = TestPostgres.newDatabase();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> overrides = new HashMap<>(edge.nodeOverrides(50));
      if (i == 0) {
        // the member the Worker asks
        overrides.put("smo1.http.port", port);
      }
      members.add(TestNodes.start(databaseUrl, Clock.systemUTC(), false, overrides));
    }
    visitors = Executors.newFixedThreadPool(VISITORS);
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
    if (visitors != null) {
      visitors.shutdownNow();
    }
    for (Node member : members) {
      member.close();
    }
    if (edge != null) {
      edge.close();
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

  /**
   * Exact max visits (issue 17): 50 visitors at once follow a link with {@code maxVisits: 100}
   * through any of the three members and the edge: exactly 100 redirects reach the target, every
   * other answer is the link's fallback, nothing fails. Five times, one link each.
   */
  @Test
  void exactlyMaxVisitsRedirectsSucceedAcrossThreeMembersAndTheEdge() throws Exception {
    var entries = new ArrayList<URI>();
    for (Node member : members) {
      entries.add(
          URI.create(
              "http://"
                  + member.httpAddress().getHostString()
                  + ":"
                  + member.httpAddress().getPort()));
    }
    entries.add(edge.worker());
    var api = new ApiClient(members.get(1).httpAddress());

    for (int repeat = 1; repeat <= REPEATS; repeat++) {
      String code = "max-" + repeat;
      var created =
          api.post(
              "/api/v1/links",
              TestNodes.OWNER_KEY,
              """
              {"target": "%s", "alias": "%s", "maxVisits": %d, "expiredUrl": "%s"}
              """
                  .formatted(TARGET, code, MAX_VISITS, FALLBACK));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      awaitReady(code, entries);

      Map<String, AtomicInteger> answers = visit(code, entries);

      System.out.printf(Locale.ROOT, "MAX_VISITS repeat=%d answers=%s%n", repeat, answers);
      assertThat(answers.keySet())
          .as("nothing but the target and the fallback")
          .allMatch(answer -> answer.equals(TARGET) || answer.equals(FALLBACK));
      assertThat(answers.get(TARGET)).as("redirects to the target").hasValue(MAX_VISITS);
      assertThat(answers.get(FALLBACK))
          .as("every other visitor got the fallback")
          .hasValue(VISITORS * VISITS_EACH - MAX_VISITS);
      JsonNode link = JSON.readTree(api.get("/api/v1/links/" + code, TestNodes.OWNER_KEY).body());
      assertThat(link.get("visits").asLong()).isEqualTo(MAX_VISITS);
      assertThat(link.get("status").asText()).isEqualTo("exhausted");
    }
  }

  /**
   * Until every member knows the link (a HEAD, which counts nothing) and the edge's KV holds its
   * origin-only record: a visit meets the link wherever it lands.
   */
  private static void awaitReady(String code, List<URI> entries) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String key = TestNodes.SHORT_DOMAIN + "/" + code;
    while (true) {
      String record = edge.value(key);
      boolean ready = record != null && record.contains("\"originOnly\":true");
      for (URI entry : entries.subList(0, members.size())) {
        var head =
            http.send(
                HttpRequest.newBuilder(entry.resolve("/" + code))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("User-Agent", BROWSER)
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        // a link with max visits answers a HEAD with its page, never its target (decision 0025)
        ready &= head.statusCode() == 200;
      }
      if (ready) {
        return;
      }
      assertThat(System.nanoTime()).as("link %s ready everywhere", code).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /**
   * {@link #VISITORS} visitors released at once, each following the link {@link #VISITS_EACH} times
   * through the entries in turn; the answers by where they sent the visitor ({@code Location}), or
   * by status when they sent none.
   */
  private static Map<String, AtomicInteger> visit(String code, List<URI> entries) throws Exception {
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    var start = new CountDownLatch(1);
    var done = new ArrayList<Future<?>>();
    for (int visitor = 0; visitor < VISITORS; visitor++) {
      int first = visitor;
      done.add(
          visitors.submit(
              () -> {
                start.await();
                for (int i = 0; i < VISITS_EACH; i++) {
                  URI entry = entries.get((first + i) % entries.size());
                  var response =
                      http.send(
                          HttpRequest.newBuilder(entry.resolve("/" + code))
                              .header("User-Agent", BROWSER)
                              .timeout(Duration.ofSeconds(20))
                              .GET()
                              .build(),
                          HttpResponse.BodyHandlers.discarding());
                  String answer =
                      response.statusCode() == 302
                          ? response.headers().firstValue("Location").orElse("302 without Location")
                          : "status " + response.statusCode() + " from " + entry;
                  answers.computeIfAbsent(answer, ignored -> new AtomicInteger()).incrementAndGet();
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> visit : done) {
      visit.get(2, TimeUnit.MINUTES);
    }
    return answers;
  }
}
