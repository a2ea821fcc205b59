package dev.smo1.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkDeleted;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.RedirectType;
import dev.smo1.localstores.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The check of stored targets on the real schema: over more links than one page holds, it lists
 * exactly the links whose target today's rules refuse (deleted links aside), says which of them a
 * redirect can still carry, and counts what it checked.
 */
class ReadModelTargetCheckTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final String LONG = "https://example.com/" + "\u00e9".repeat(700);

  private static PGSimpleDataSource dataSource;

  @BeforeAll
  static void linksOfBefore() throws SQLException {
    dataSource = new PGSimpleDataSource();
    dataSource.setURL(TestPostgres.newDatabase());
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/projections")
        .table("flyway_schema_history_projections")
        .load()
        .migrate();
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      for (int i = 0; i < 2 * ReadModelTargetCheck.PAGE + 5; i++) {
        create(connection, "s.test", "ok%05d".formatted(i), "https://example.com/" + i);
      }
      create(connection, "s.test", "ok-idn", "https://example.com/caf\u00e9");
      create(connection, "s.test", "old-escape", "https://example.com/100%off");
      create(connection, "s.test", "old-loop", "https://s.test/blog/../abc");
      create(connection, "s.test", "old-long", LONG);
      create(connection, "a.test", "old-escape", "https://example.com/%zz");
      create(connection, "s.test", "gone-escape", "https://example.com/%zz");
      LinksTable.apply(connection, new LinkDeleted("s.test", "gone-escape", T0), 2);
      connection.commit();
    }
  }

  private static void create(
      java.sql.Connection connection, String domain, String code, String target)
      throws SQLException {
    var settings = new LinkSettings(target, RedirectType.FOUND, null, null, List.of());
    LinksTable.apply(connection, new LinkCreated(domain, code, "alice", settings, T0), 1);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void listsExactlyTheRefusedTargetsAndWhetherARedirectCanCarryThem() throws Exception {
    var blocking = Executors.newSingleThreadExecutor();
    try {
      var check = new ReadModelTargetCheck(dataSource, blocking, Set.of("s.test"));

      var lines =
          check
              .run()
              .runWith(Sink.seq(), testKit.system())
              .toCompletableFuture()
              .get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);

      assertThat(lines)
          .containsExactly(
              "a.test/old-escape\tinvalid_target\t502\ttarget contains '%zz', which is no percent"
                  + " escape (write a '%' itself as %25)\thttps://example.com/%zz\n",
              "s.test/old-escape\tinvalid_target\t502\ttarget contains '%of', which is no percent"
                  + " escape (write a '%' itself as %25)\thttps://example.com/100%off\n",
              "s.test/old-long\tinvalid_target\tredirects\ttarget is longer than 2048 characters\t"
                  + LONG
                  + "\n",
              "s.test/old-loop\ttarget_is_short_domain\tredirects\ttarget must not point at a short"
                  + " domain of this service (redirect loop)\thttps://s.test/blog/../abc\n",
              "checked 2010 links: 4 targets refused by today's rules, 2 of them answer 502;"
                  + " 2 sent normalised\n");
    } finally {
      blocking.shutdown();
    }
  }
}
