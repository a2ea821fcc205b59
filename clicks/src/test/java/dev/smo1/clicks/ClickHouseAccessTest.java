package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.clicks.testing.TestClickHouse;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The official client, as {@link ClickHouseAccess} sets it up for 18.16, creates tables, inserts
 * JSONEachRow and reads results back.
 */
class ClickHouseAccessTest {
  @Test
  void insertsJsonRowsAndReadsThemBack() throws Exception {
    try (var access = TestClickHouse.access(TestClickHouse.shared(), "access_test")) {
      access
          .text(
              "CREATE TABLE probe (id String, n UInt32, at DateTime)"
                  + " ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY (id, at)")
          .get(30, TimeUnit.SECONDS);
      String rows =
          IntStream.range(0, 10_000)
              .mapToObj(
                  i ->
                      "{\"id\":\"k"
                          + (i % 100)
                          + "\",\"n\":"
                          + i
                          + ",\"at\":\"2030-01-01 00:00:00\"}")
              .collect(Collectors.joining("\n"));
      access.insertJsonRows("probe", rows).get(30, TimeUnit.SECONDS);

      assertThat(TestClickHouse.query(access, "SELECT count(), uniqExact(id), sum(n) FROM probe"))
          .isEqualTo("10000\t100\t49995000");
    }
  }
}
