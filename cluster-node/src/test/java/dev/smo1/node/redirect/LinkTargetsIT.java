package dev.smo1.node.redirect;

import static dev.smo1.node.testing.TestNodes.OWNER;
import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static dev.smo1.node.testing.TestNodes.SHORT_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.http.redirect.RedirectRoutes;
import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.RedirectType;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Every target the API accepts redirects, at the origin, to exactly the location the shared fixture
 * states ({@code packages/kv-record/contract/fixtures/target-urls.json}, which the edge's runtime
 * agrees with); every target it refuses answers 422 {@code invalid_target} and stores nothing.
 * Links written by a node of before (raw non-ASCII targets, invalid escapes) go to the journal as
 * that node wrote them: the first redirect with the normalised location, the second answers 502 and
 * is logged once, never 500; the admin's check of stored targets lists such links. One node on the
 * real PostgreSQL journal.
 */
@ExtendWith(LogCapturingExtension.class)
class LinkTargetsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FIXTURE =
      Path.of("../packages/kv-record/contract/fixtures/target-urls.json");

  private static String databaseUrl;
  private static Node node;
  private static ApiClient api;

  record Row(int index, String name, String input, String location, String refused) {
    String alias() {
      return "target%02d".formatted(index);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Row> rows() throws Exception {
    var rows = new ArrayList<Row>();
    for (JsonNode row : JSON.readTree(Files.readString(FIXTURE)).get("targets")) {
      rows.add(
          new Row(
              rows.size(),
              row.get("name").asText(),
              row.get("input").asText(),
              row.has("location") ? row.get("location").asText() : null,
              row.has("refused") ? row.get("refused").asText() : null));
    }
    return rows;
  }

  static List<Row> accepted() throws Exception {
    return rows().stream().filter(row -> row.location() != null).toList();
  }

  static List<Row> refused() throws Exception {
    return rows().stream().filter(row -> row.refused() != null).toList();
  }

  @BeforeAll
  static void startNode() {
    databaseUrl = TestPostgres.newDatabase();
    // no rate limits: the refused targets' visits and the polls for links written as an old node
    // would write them answer 404s, and more than a minute's budget of them would answer 429
    node =
        TestNodes.start(
            databaseUrl, Clock.systemUTC(), true, Map.of("smo1.rate-limits.enabled", false));
    api = new ApiClient(node.httpAddress());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void anAcceptedTargetRedirectsToExactlyTheFixturesLocation(Row row) throws Exception {
    var created = create(row.alias(), row.input());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).get("target").asText()).isEqualTo(row.location());

    var visit = api.visit(row.alias());
    assertThat(visit.statusCode()).isEqualTo(302);
    assertThat(visit.headers().allValues("Location")).containsExactly(row.location());
    var json = api.send(api.request("/" + row.alias()).header("Accept", "application/json"));
    assertThat(JSON.readTree(json.body()).get("target").asText()).isEqualTo(row.location());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void aRefusedTargetAnswers422AndStoresNothing(Row row) throws Exception {
    long events = events();

    var created = create(row.alias(), row.input());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(422);
    JsonNode error = JSON.readTree(created.body());
    assertThat(error.get("code").asText()).isEqualTo(row.refused());
    assertThat(error.get("field").asText()).isEqualTo("target");
    assertThat(events()).as("events in the journal").isEqualTo(events);
    assertThat(api.get("/api/v1/links/" + row.alias(), OWNER_KEY).statusCode()).isEqualTo(404);
    assertThat(api.visit(row.alias()).statusCode()).isEqualTo(404);
  }

  @Test
  void aLinkAnOldNodeStoredWithARawNonAsciiTargetRedirectsNormalised() {
    writeAsAnOldNode(
        "legacy-idn", "https://example.com/caf\u00e9/na\u00efve?q=\u00fc#gr\u00f6\u00dfe");

    var visit = api.visit("legacy-idn?w=stra%C3%9Fe&it's=%22x%22");

    assertThat(visit.statusCode()).isEqualTo(302);
    assertThat(visit.headers().allValues("Location"))
        .containsExactly(
            "https://example.com/caf%C3%A9/na%C3%AFve?q=%C3%BC&w=stra%C3%9Fe&it%27s=%22x%22"
                + "#gr%C3%B6%C3%9Fe");
  }

  @Test
  void aLinkAnOldNodeStoredWithAPlainAsciiTargetRedirectsAsStored() {
    // what the edge sends for it too: a plain ASCII target goes out as it is
    writeAsAnOldNode("legacy-ascii", "https://example.com?q=\"x\"");

    assertThat(api.visit("legacy-ascii").headers().allValues("Location"))
        .containsExactly("https://example.com?q=\"x\"");
  }

  @Test
  void aLinkWhoseStoredTargetNoRedirectCanCarryAnswers502AndIsLoggedOnce() throws Exception {
    var logged = new ListAppender<ILoggingEvent>();
    logged.start();
    var logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RedirectRoutes.class);
    logger.addAppender(logged);
    try {
      writeAsAnOldNode("legacy-escape", "https://example.com/caf\u00e9/100%off");

      var html = api.visit("legacy-escape");
      var json = api.send(api.request("/legacy-escape").header("Accept", "application/json").GET());
      var again = api.visit("legacy-escape?x=1");

      assertThat(html.statusCode()).isEqualTo(502);
      assertThat(html.headers().firstValue("Location")).isEmpty();
      assertThat(html.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(html.body()).contains("Link unavailable");
      assertThat(json.statusCode()).isEqualTo(502);
      assertThat(JSON.readTree(json.body()).get("code").asText()).isEqualTo("target_unavailable");
      assertThat(again.statusCode()).isEqualTo(502);
      assertThat(logged.list)
          .filteredOn(event -> event.getFormattedMessage().contains("code=legacy-escape"))
          .singleElement()
          .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void aPlatformAdminListsTheStoredTargetsTodaysRulesRefuse() {
    writeAsAnOldNode("old-loop", "https://s.test/blog/../abc");
    writeAsAnOldNode("old-escape", "https://example.com/%zz");

    // the read model applies the old node's events in a moment
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              var response = api.get("/api/v1/admin/refused-targets", OWNER_KEY);
              assertThat(response.statusCode()).isEqualTo(200);
              assertThat(response.headers().firstValue("Content-Type"))
                  .hasValue("text/plain; charset=UTF-8");
              assertThat(response.body().lines())
                  .contains(
                      "s.test/old-escape\tinvalid_target\t502\ttarget contains '%zz', which is no"
                          + " percent escape (write a '%' itself as %25)\thttps://example.com/%zz",
                      "s.test/old-loop\ttarget_is_short_domain\tredirects\ttarget must not point"
                          + " at a short domain of this service (redirect loop)"
                          + "\thttps://s.test/blog/../abc")
                  .last()
                  .asString()
                  .startsWith("checked ");
              return null;
            });
  }

  private static java.net.http.HttpResponse<String> create(String alias, String target)
      throws Exception {
    return api.post(
        "/api/v1/links",
        OWNER_KEY,
        JSON.writeValueAsString(Map.of("alias", alias, "target", target)));
  }

  private static long events() {
    return TestPostgres.count(databaseUrl, "SELECT count(*) FROM event_journal");
  }

  /**
   * Writes a link's creation to the journal as a node of before wrote it (its target never passed
   * today's {@code TargetUrls}), under the entity's persistence id and tag; the sharded entity
   * recovers it on the first visit once the node knows the code.
   */
  private static void writeAsAnOldNode(String code, String target) {
    var id = new LinkId(SHORT_DOMAIN, code);
    var event =
        new LinkEvent.LinkCreated(
            SHORT_DOMAIN,
            code,
            OWNER,
            new LinkSettings(target, RedirectType.FOUND, null, null, List.of(), true),
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    var written = TestProbe.<Done>create(node.system());
    ActorRef<OldNode.Write> oldNode =
        node.system().systemActorOf(new OldNode(id), "old-node-" + code, Props.empty());
    oldNode.tell(new OldNode.Write(event, written.getRef()));
    written.expectMessage(Duration.ofSeconds(10), Done.getInstance());
    written.expectTerminated(oldNode, Duration.ofSeconds(10));
    // no node announced it: the node's known links learn it from the journal within a poll
    written.awaitAssert(
        Duration.ofSeconds(15),
        () -> {
          var head =
              api.send(api.request("/" + code).method("HEAD", HttpRequest.BodyPublishers.noBody()));
          assertThat(head.statusCode()).isIn(302, 502);
          return null;
        });
  }

  /** Persists one event as given, then stops. */
  private static final class OldNode
      extends EventSourcedBehavior<OldNode.Write, LinkEvent, Integer> {
    record Write(LinkEvent event, ActorRef<Done> replyTo) {}

    private final LinkId id;

    OldNode(LinkId id) {
      super(PersistenceId.of(LinkEntity.TYPE_KEY.name(), id.entityId()));
      this.id = id;
    }

    @Override
    public Integer emptyState() {
      return 0;
    }

    @Override
    public CommandHandler<Write, LinkEvent, Integer> commandHandler() {
      return newCommandHandlerBuilder()
          .forAnyState()
          .onCommand(
              Write.class,
              write ->
                  Effect()
                      .persist(write.event())
                      .thenRun(state -> write.replyTo().tell(Done.getInstance()))
                      .thenStop())
          .build();
    }

    @Override
    public EventHandler<Integer, LinkEvent> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> state + 1);
    }

    @Override
    public Set<String> tagsFor(LinkEvent event) {
      return Set.of(LinkEntity.tagFor(id));
    }
  }
}
