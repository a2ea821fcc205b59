package dev.smo1.clicks.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.ClickHouseMigrations;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.testing.TempDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analytics user's ClickHouse profile (the overlays' {@code smo1_analytics}: readonly 2 with
 * memory, time and concurrency limits) against Debian's clickhouse-server: the node's analytics
 * queries run under it, a write does not, and readonly 1 would refuse those queries, since each
 * sets its own {@code max_execution_time}. (18.16 has no settings constraints; the overlays' newer
 * ClickHouse also holds each limit with one.)
 */
class AnalyticsUserTest {
  private static final String DATABASE = "analytics_user_test";
  private static final String ANALYTICS = "smo1_analytics";
  private static final String READONLY_ONE = "readonly_one";
  private static final String PASSWORD = "analytics-test-password";

  private static LocalClickHouse server;

  @BeforeAll
  static void start() throws Exception {
    Path data = TempDirectories.create("smo1-test-clickhouse-users");
    server = LocalClickHouse.start(data).orElseThrow();
    server.stop();
    Path configD = Files.createDirectories(data.resolve("clickhouse").resolve("config.d"));
    Files.writeString(
        configD.resolve("smo1-analytics.xml"),
        """
        <?xml version="1.0"?>
        <yandex>
          <profiles>
            <smo1_analytics>
              <readonly>2</readonly>
              <max_memory_usage>1000000000</max_memory_usage>
              <max_execution_time>10</max_execution_time>
              <max_concurrent_queries_for_user>8</max_concurrent_queries_for_user>
            </smo1_analytics>
            <readonly_one>
              <readonly>1</readonly>
            </readonly_one>
          </profiles>
          <users>
            <smo1_analytics>
              <password>%1$s</password>
              <networks><ip>127.0.0.1</ip></networks>
              <profile>smo1_analytics</profile>
              <quota>default</quota>
            </smo1_analytics>
            <readonly_one>
              <password>%1$s</password>
              <networks><ip>127.0.0.1</ip></networks>
              <profile>readonly_one</profile>
              <quota>default</quota>
            </readonly_one>
          </users>
        </yandex>
        """
            .formatted(PASSWORD));
    server.restart();
    try (var ingest = TestClickHouse.access(server, DATABASE)) {
      new ClickHouseMigrations(ingest)
          .apply(
              ClickHouseMigrations.load(
                  AnalyticsUserTest.class.getClassLoader(), "clickhouse/migrations"));
      ingest.insertJsonRows("clicks", row("event-1")).get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theAnalyticsUsersQueriesRunAndCountTheClicks() throws Exception {
    try (var access = access(ANALYTICS)) {
      var report = report(access);
      assertThat(report.totals().clicks()).isEqualTo(1);
    }
  }

  @Test
  void theAnalyticsUserCannotWrite() {
    try (var access = access(ANALYTICS)) {
      assertThatThrownBy(
              () -> access.insertJsonRows("clicks", row("event-2")).get(30, TimeUnit.SECONDS))
          .hasStackTraceContaining("ServerException");
      assertThatThrownBy(() -> access.text("DROP TABLE clicks").get(30, TimeUnit.SECONDS))
          .hasStackTraceContaining("ServerException");
    }
    try (var ingest =
        new ClickHouseAccess(server.url(), "default", "", DATABASE, Duration.ofSeconds(30))) {
      assertThat(TestClickHouse.count(ingest, "SELECT count() FROM clicks")).isEqualTo(1);
    }
  }

  @Test
  void readonlyOneWouldRefuseTheQueriesThatSetTheirOwnTimeLimit() {
    try (var access = access(READONLY_ONE)) {
      // a plain read passes; the node's queries, which carry SETTINGS max_execution_time, do not
      assertThat(TestClickHouse.count(access, "SELECT count() FROM clicks")).isEqualTo(1);
      assertThatThrownBy(() -> report(access)).hasStackTraceContaining("ServerException");
    }
  }

  private static ClickHouseAccess access(String user) {
    return new ClickHouseAccess(server.url(), user, PASSWORD, DATABASE, Duration.ofSeconds(30));
  }

  private static AnalyticsReport report(ClickHouseAccess access) throws Exception {
    return new ClickAnalytics(access, Duration.ofSeconds(5))
        .report(
            new AnalyticsQuery(
                "acct-a",
                "smo1.test",
                Optional.of("abc"),
                Instant.parse("2026-10-24T00:00:00Z"),
                Instant.parse("2026-10-25T00:00:00Z"),
                AnalyticsQuery.Interval.DAY,
                ZoneId.of("UTC"),
                false,
                10))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static String row(String id) {
    long at = Instant.parse("2026-10-24T12:00:00Z").getEpochSecond();
    return """
        {"event_id":"%s","ts":%d,"owner":"acct-a","domain":"smo1.test","code":"abc",\
        "source":"edge","country":"DE","colo":"CDG","referrer":"","referrer_host":"",\
        "utm_source":"","utm_medium":"","utm_campaign":"","utm_term":"","utm_content":"",\
        "device":"Desktop","browser":"Firefox","os":"Linux","is_bot":0,"visitor":1,\
        "user_agent":"Mozilla/5.0","received_at":%d}"""
        .formatted(id, at, at);
  }
}
