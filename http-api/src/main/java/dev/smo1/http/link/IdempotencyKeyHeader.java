package dev.smo1.http.link;

import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpHeader;

/**
 * The {@code Idempotency-Key} request header (decision 0019): 1 to {@value #MAX_LENGTH} printable
 * ASCII characters (space to {@code ~}), sent as the IETF draft's Structured Field string ({@code
 * "8e03978e-…"}, with {@code \"} and {@code \\} escapes) or bare as Stripe's clients send it; both
 * forms of the same characters are the same key. More than one such header, or a value outside
 * these rules, is refused (400 {@code invalid_idempotency_key}) before anything is done.
 */
final class IdempotencyKeyHeader {
  static final String NAME = "Idempotency-Key";
  static final int MAX_LENGTH = 255;
  private static final String RULE =
      NAME + " must be 1 to " + MAX_LENGTH + " printable ASCII characters (a UUID is best)";

  private IdempotencyKeyHeader() {}

  /** The key a request sends, if it sends one; 400 when it is malformed or sent twice. */
  static Optional<String> of(Iterable<HttpHeader> headers) {
    List<String> values = new ArrayList<>();
    for (HttpHeader header : headers) {
      if (header.is("idempotency-key")) {
        values.add(header.value());
      }
    }
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw invalid("send one " + NAME + " header, not " + values.size());
    }
    return Optional.of(parse(values.get(0)).orElseThrow(() -> invalid(RULE)));
  }

  /** The key in a header value; empty when the value breaks the rules. */
  static Optional<String> parse(String value) {
    String trimmed = value.strip();
    String key = trimmed.startsWith("\"") ? structuredString(trimmed) : trimmed;
    if (key == null || key.isEmpty() || key.length() > MAX_LENGTH || !printable(key)) {
      return Optional.empty();
    }
    return Optional.of(key);
  }

  /** An RFC 8941 sf-string's characters; null when {@code quoted} is not exactly one. */
  private static String structuredString(String quoted) {
    if (quoted.length() < 2 || !quoted.endsWith("\"")) {
      return null;
    }
    var characters = new StringBuilder(quoted.length());
    for (int index = 1; index < quoted.length() - 1; index++) {
      char character = quoted.charAt(index);
      if (character == '\\') {
        index++;
        if (index == quoted.length() - 1) {
          return null;
        }
        character = quoted.charAt(index);
        if (character != '"' && character != '\\') {
          return null;
        }
      } else if (character == '"') {
        return null;
      }
      characters.append(character);
    }
    return characters.toString();
  }

  private static boolean printable(String key) {
    return key.chars().allMatch(character -> character >= 0x20 && character <= 0x7E);
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest(HttpErrorCodes.INVALID_IDEMPOTENCY_KEY, message, NAME);
  }
}
