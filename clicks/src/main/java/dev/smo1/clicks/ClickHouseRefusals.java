package dev.smo1.clicks;

import com.clickhouse.client.api.ServerException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells an insert ClickHouse refused because of the rows it held (a value a column, constraint or
 * expression does not accept) from every other failure (the server down, overloaded, out of memory
 * or parts, a table missing or read-only). Only the first kind can be narrowed down to the clicks
 * that cause it; the second waits in the buffer until ClickHouse can take clicks again.
 */
final class ClickHouseRefusals {
  /**
   * ClickHouse error codes raised by the values of rows being inserted (names from ClickHouse's
   * {@code ErrorCodes.cpp}). Schema and server errors (unknown column, too many parts, memory,
   * read-only, timeouts) are deliberately absent: they refuse every row alike.
   */
  static final Set<Integer> ROW_CODES =
      Set.of(
          6, // CANNOT_PARSE_TEXT
          25, // CANNOT_PARSE_ESCAPE_SEQUENCE
          26, // CANNOT_PARSE_QUOTED_STRING
          27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
          38, // CANNOT_PARSE_DATE
          41, // CANNOT_PARSE_DATETIME
          53, // TYPE_MISMATCH
          69, // ARGUMENT_OUT_OF_BOUND
          70, // CANNOT_CONVERT_TYPE
          72, // CANNOT_PARSE_NUMBER
          117, // INCORRECT_DATA
          131, // TOO_LARGE_STRING_SIZE
          321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
          349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
          376, // CANNOT_PARSE_UUID
          395, // FUNCTION_THROW_IF_VALUE_IS_NON_ZERO
          407, // DECIMAL_OVERFLOW
          441, // CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING
          469 // VIOLATED_CONSTRAINT
          );

  private static final Pattern CODE = Pattern.compile("Code: (\\d+)");
  private static final int MAX_REASON = 500;

  private ClickHouseRefusals() {}

  /**
   * The server's reason when {@code failure} is ClickHouse refusing rows for their values; empty
   * for any other failure.
   */
  static Optional<String> rowsRefused(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Integer code = null;
      if (cause instanceof ServerException server
          && server.getCode() != ServerException.CODE_UNKNOWN) {
        code = server.getCode();
      } else if (cause.getMessage() != null) {
        Matcher found = CODE.matcher(cause.getMessage());
        if (found.find()) {
          code = Integer.parseInt(found.group(1));
        }
      }
      if (code != null) {
        return ROW_CODES.contains(code) ? Optional.of(reason(cause)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String reason(Throwable cause) {
    String message = String.valueOf(cause.getMessage()).strip();
    int line = message.indexOf('\n');
    if (line > 0) {
      message = message.substring(0, line);
    }
    return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
  }
}
