package dev.smo1.localstores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.testing.TempDirectories;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Debian's clickhouse-server (18.16) runs on free loopback ports with its data where we say, and
 * two servers run side by side, each with its own data, answering over HTTP.
 */
class LocalClickHouseTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void startsQueriesAndStopsTwoServersSideBySide() throws Exception {
    Path first = TempDirectories.create("smo1-clickhouse-test");
    Path second = TempDirectories.create("smo1-clickhouse-test");
    try (var one = LocalClickHouse.start(first).orElseThrow(LocalClickHouseTest::notInstalled);
        var two = LocalClickHouse.start(second).orElseThrow(LocalClickHouseTest::notInstalled)) {
      assertThat(one.url()).isNotEqualTo(two.url());
      query(one, "CREATE TABLE probe (id String, n UInt32) ENGINE = MergeTree ORDER BY id");
      query(one, "INSERT INTO probe VALUES ('a', 1), ('b', 2)");

      assertThat(query(one, "SELECT count(), sum(n) FROM probe")).isEqualTo("2\t3");
      assertThat(query(two, "EXISTS TABLE probe"))
          .as("the second server has its own data")
          .isEqualTo("0");
    }
    assertThat(first.resolve("clickhouse/data")).isDirectory();
  }

  private static String query(LocalClickHouse server, String sql) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.url() + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body().strip();
  }

  private static IllegalStateException notInstalled() {
    return new IllegalStateException(
        "clickhouse-server is not installed (Debian package); ./smo1 test installs it");
  }
}
