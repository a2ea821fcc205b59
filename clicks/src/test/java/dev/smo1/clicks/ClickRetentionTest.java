package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.clicks.testing.TestClickHouse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw clicks past their retention are deleted from a real ClickHouse (Debian's 18.16, the migrated
 * schema with its views), a month at a time, while the rollups keep their counts.
 */
class ClickRetentionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2031-03-15: with 13 months kept, February 2030 is the oldest month kept. */
  private static final Instant NOW = Instant.parse("2031-03-15T12:00:00Z");

  private ClickHouseAccess access;

  @BeforeEach
  void schema() throws Exception {
    access = TestClickHouse.access(TestClickHouse.shared(), "click_retention_test");
    new ClickHouseMigrations(access)
        .apply(ClickHouseMigrations.load(getClass().getClassLoader(), ClickPipeline.MIGRATIONS));
    var rows = new ArrayList<String>();
    int sequence = 0;
    for (String at :
        List.of(
            "2029-11-30T23:59:59Z",
            "2030-01-01T00:00:00Z",
            "2030-01-31T23:59:59Z", // 13 months and a half ago: past 13 whole months
            "2030-02-01T00:00:00Z", // the oldest month kept
            "2030-02-28T12:00:00Z",
            "2031-03-15T11:00:00Z")) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("event_id", "event-" + (++sequence));
      row.put("ts", Instant.parse(at).getEpochSecond());
      row.put("owner", "acme");
      row.put("domain", "s.test");
      row.put("code", "spring");
      row.put("source", "edge");
      row.put("country", "NL");
      row.put("device", "Desktop");
      row.put("is_bot", 0);
      row.put("visitor", sequence);
      row.put("received_at", Instant.parse(at).getEpochSecond());
      rows.add(JSON.writeValueAsString(row));
    }
    access.insertJsonRows("clicks", String.join("\n", rows)).get(30, TimeUnit.SECONDS);
  }

  /** Leaves the shared server as it was: other tests count the tables named clicks on it. */
  @AfterEach
  void close() throws Exception {
    access.text("DROP DATABASE IF EXISTS click_retention_test").get(30, TimeUnit.SECONDS);
    access.close();
  }

  private long count(String sql) {
    return TestClickHouse.count(access, sql);
  }

  private List<String> partitions() {
    String ids =
        TestClickHouse.query(
            access,
            "SELECT DISTINCT partition_id FROM system.parts WHERE database = currentDatabase()"
                + " AND table = 'clicks' AND active ORDER BY partition_id");
    return ids.isEmpty() ? List.of() : List.of(ids.split("\n"));
  }

  @Test
  void monthsPastTheRetentionAreDroppedAndTheRollupsKeepTheirCounts() throws Exception {
    var retention = new ClickRetention(access, 13, Clock.fixed(NOW, ZoneOffset.UTC));

    List<String> dropped = retention.dropExpired();

    assertThat(dropped).containsExactly("202911", "203001");
    assertThat(partitions()).containsExactly("203002", "203103");
    assertThat(count("SELECT count() FROM clicks")).isEqualTo(3);
    assertThat(count("SELECT toUInt64(min(ts)) FROM clicks"))
        .isEqualTo(Instant.parse("2030-02-01T00:00:00Z").getEpochSecond());
    assertThat(count("SELECT sum(clicks) FROM clicks_hourly"))
        .as("rollup: every click")
        .isEqualTo(6);
    assertThat(count("SELECT sum(clicks) FROM clicks_dims_hourly WHERE dimension = 'country'"))
        .isEqualTo(6);
    assertThat(retention.dropExpired()).as("nothing left to drop").isEmpty();
  }

  @Test
  void theConfiguredRetentionDecidesWhatIsKept() throws Exception {
    new ClickRetention(access, 25, Clock.fixed(NOW, ZoneOffset.UTC)).dropExpired();
    assertThat(partitions()).containsExactly("202911", "203001", "203002", "203103");

    new ClickRetention(access, 1, Clock.fixed(NOW, ZoneOffset.UTC)).dropExpired();
    assertThat(partitions()).containsExactly("203103");
    assertThat(count("SELECT sum(clicks) FROM clicks_hourly")).isEqualTo(6);
  }

  @Test
  void everyClickIsKeptAtLeastTheRetentionAndLessThanAMonthMore() {
    for (String at : List.of("2031-03-01T00:00:00Z", "2031-03-31T23:59:59Z")) {
      var now = Instant.parse(at).atZone(ZoneOffset.UTC);
      Instant oldestKept =
          ClickRetention.firstKept(now.toInstant(), 13)
              .atDay(1)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant();
      Instant newestDropped = oldestKept.minusSeconds(1);

      assertThat(newestDropped).as(at).isBefore(now.minusMonths(13).toInstant());
      assertThat(oldestKept).as(at).isAfter(now.minusMonths(14).toInstant());
    }
  }
}
