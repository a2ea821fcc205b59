package dev.smo1.node.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.node.testing.TempDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Debian's clickhouse-server (18.16) runs on free loopback ports with its data where we say, and
 * the official client, as {@link ClickHouseAccess} sets it up, creates tables, inserts JSONEachRow
 * and reads results from it. Two servers run side by side.
 */
class LocalClickHouseTest {
  @Test
  void startsQueriesAndStopsTwoServersSideBySide() throws Exception {
    Path first = TempDirectories.create("smo1-clickhouse-test");
    Path second = TempDirectories.create("smo1-clickhouse-test");
    try (var one = LocalClickHouse.start(first).orElseThrow(LocalClickHouseTest::notInstalled);
        var two = LocalClickHouse.start(second).orElseThrow(LocalClickHouseTest::notInstalled);
        var access = new ClickHouseAccess(one.url(), "default", "", Duration.ofSeconds(30));
        var other = new ClickHouseAccess(two.url(), "default", "", Duration.ofSeconds(30))) {
      assertThat(one.url()).isNotEqualTo(two.url());
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

      assertThat(
              access
                  .text("SELECT count(), uniqExact(id), sum(n) FROM probe FORMAT TabSeparated")
                  .get(30, TimeUnit.SECONDS)
                  .trim())
          .isEqualTo("10000\t100\t49995000");
      assertThat(
              other.text("EXISTS TABLE probe FORMAT TabSeparated").get(30, TimeUnit.SECONDS).trim())
          .as("the second server has its own data")
          .isEqualTo("0");
    }
    assertThat(first.resolve("clickhouse/data")).isDirectory();
  }

  private static IllegalStateException notInstalled() {
    return new IllegalStateException(
        "clickhouse-server is not installed (Debian package); ./smo1 test installs it");
  }
}
