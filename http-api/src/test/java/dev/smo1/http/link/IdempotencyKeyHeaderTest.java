package dev.smo1.http.link;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.http.testing.RawHttp;
import dev.smo1.http.testing.RouteTestServer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code Idempotency-Key} header's rules: the value alone, then as it arrives over a real
 * server, whose parser hands on what a client's bytes were (tabs and non-ASCII bytes included).
 */
class IdempotencyKeyHeaderTest {
  private static RouteTestServer server;

  @BeforeAll
  static void startServer() {
    server =
        RouteTestServer.unchecked(
            "IdempotencyKeyHeaderTest",
            () ->
                extractRequest(
                    request ->
                        complete(
                            "key="
                                + IdempotencyKeyHeader.of(request.getHeaders())
                                    .map(key -> "[" + key + "]")
                                    .orElse("none"))));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @ParameterizedTest(name = "{0} is the key [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "8e03978e-40d5-43e8-bc93-6894a57f9324|8e03978e-40d5-43e8-bc93-6894a57f9324",
        "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"|8e03978e-40d5-43e8-bc93-6894a57f9324",
        "order 17 / retry|order 17 / retry",
        "\"with \\\"quotes\\\" and \\\\\"|with \"quotes\" and \\",
        "a\"b|a\"b",
        "back\\slash|back\\slash",
        "x|x",
        "~!#$%&'()*+,-./:;<=>?@[]^_`{}|~!#$%&'()*+,-./:;<=>?@[]^_`{}",
      })
  void aValueWithinTheRulesIsItsKey(String value, String key) {
    assertThat(IdempotencyKeyHeader.parse(value)).hasValue(key);
  }

  @ParameterizedTest(name = "[{0}] is refused")
  @ValueSource(
      strings = {
        "",
        " ",
        "\"\"",
        "\"unterminated",
        "\"a\\b\"",
        "\"trailing backslash\\\"",
        "\"in\"side\"",
        "clé",
        "tab\tinside",
        "line\nbreak",
        "\u007F",
        "日本"
      })
  void aValueOutsideTheRulesIsRefused(String value) {
    assertThat(IdempotencyKeyHeader.parse(value)).isEmpty();
  }

  @Test
  void aKeyIsAtMost255Characters() {
    assertThat(IdempotencyKeyHeader.parse("k".repeat(255))).hasValue("k".repeat(255));
    assertThat(IdempotencyKeyHeader.parse("\"" + "k".repeat(255) + "\"")).hasValue("k".repeat(255));
    assertThat(IdempotencyKeyHeader.parse("k".repeat(256))).isEmpty();
  }

  @Test
  void noHeaderIsNoKey() {
    assertThat(IdempotencyKeyHeader.of(java.util.List.of())).isEqualTo(Optional.empty());
  }

  private static String keyOverTheWire(String value) throws Exception {
    var response =
        RawHttp.send(server.port(), "GET", "/", "localhost", Map.of("Idempotency-Key", value));
    return response.status() + " " + response.text();
  }

  @Test
  void overTheWireAWellFormedKeyArrivesAsSent() throws Exception {
    assertThat(keyOverTheWire("\"abc-123\"")).isEqualTo("200 key=[abc-123]");
    assertThat(keyOverTheWire("abc-123")).isEqualTo("200 key=[abc-123]");
  }

  /** Pekko's parser hands a header's tab on as a space: the key is the same in every retry. */
  @Test
  void overTheWireATabArrivesAsASpace() throws Exception {
    assertThat(keyOverTheWire("tab\tinside")).isEqualTo("200 key=[tab inside]");
  }

  @ParameterizedTest(name = "[{0}] over the wire is refused")
  @ValueSource(
      strings = {
        "\"\"",
        "\"unterminated",
        // "clé" in UTF-8, sent byte for byte
        "cl\u00c3\u00a9"
      })
  void overTheWireAMalformedKeyIsRefused(String value) throws Exception {
    assertThat(keyOverTheWire(value)).startsWith("400 ").contains("invalid_idempotency_key");
  }
}
