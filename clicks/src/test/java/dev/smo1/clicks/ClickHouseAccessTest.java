package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.ServerException;
import dev.smo1.clicks.testing.TestClickHouse;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link ClickHouseAccess} against 18.16: creates tables, inserts JSONEachRow and reads results
 * back, and reports a refused insert with the server's error code.
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

  /**
   * An insert the server refuses for a row's value fails with the server's error code, on 18.16 too
   * (it sends the code only in the body), so the ingest can tell a poisoned batch from an outage;
   * nothing of the refused insert is stored.
   */
  @Test
  void aRefusedInsertFailsWithTheServersErrorCode() throws Exception {
    try (var access = TestClickHouse.access(TestClickHouse.shared(), "access_refusal_test")) {
      access
          .text(
              "CREATE TABLE guarded (id String, n UInt32, check UInt8 MATERIALIZED throwIf(n = 7))"
                  + " ENGINE = MergeTree ORDER BY id")
          .get(30, TimeUnit.SECONDS);

      assertThatThrownBy(
              () ->
                  access
                      .insertJsonRows("guarded", "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":7}")
                      .get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ServerException.class)
          .cause()
          .satisfies(
              refusal -> {
                assertThat(((ServerException) refusal).getCode()).isEqualTo(395);
                assertThat(ClickHouseRefusals.rowsRefused(refusal)).isPresent();
              });
      assertThat(TestClickHouse.count(access, "SELECT count() FROM guarded")).isZero();

      assertThatThrownBy(
              () ->
                  access
                      .insertJsonRows("no_such_table", "{\"id\":\"a\"}")
                      .get(30, TimeUnit.SECONDS))
          .satisfies(
              failure -> {
                assertThat(((ServerException) failure.getCause()).getCode()).isEqualTo(60);
                // a missing table refuses every row alike: not the rows' fault
                assertThat(ClickHouseRefusals.rowsRefused(failure)).isEmpty();
              });
    }
  }
}
