package dev.smo1.clicks.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * The only way a value enters analytics SQL. ClickHouse 18.16's HTTP interface has no query
 * parameters, so values become literals here and nowhere else: strings quoted with every backslash
 * and single quote escaped (inside a ClickHouse literal those are the only characters with a
 * meaning), control characters and unpaired surrogates refused rather than guessed at; numbers and
 * times formatted from {@code long}s; time zones only as validated {@link ZoneId}s whose id also
 * matches a strict character class.
 */
public final class SqlLiterals {
  private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9_+\\-/]+");

  /** The largest second a ClickHouse {@code DateTime} (unsigned 32 bits) holds. */
  private static final long MAX_DATE_TIME = 0xFFFF_FFFFL;

  private SqlLiterals() {}

  /** {@code 'value'} with {@code \} and {@code '} escaped; refuses control characters. */
  public static String string(String value) {
    if (value == null) {
      throw new IllegalArgumentException("a SQL string literal cannot be null");
    }
    var literal = new StringBuilder(value.length() + 8).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw new IllegalArgumentException(
            "control character U+%04X in a SQL string literal".formatted((int) c));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        literal.append(c).append(value.charAt(++i));
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("unpaired surrogate in a SQL string literal");
      }
      if (c == '\\' || c == '\'') {
        literal.append('\\');
      }
      literal.append(c);
    }
    return literal.append('\'').toString();
  }

  public static String number(long value) {
    return Long.toString(value);
  }

  /** {@code toDateTime(<epoch seconds>)}: a whole second within ClickHouse's DateTime range. */
  public static String dateTime(Instant at) {
    long seconds = at.getEpochSecond();
    if (at.getNano() != 0 || seconds < 0 || seconds > MAX_DATE_TIME) {
      throw new IllegalArgumentException("not a ClickHouse DateTime: " + at);
    }
    return "toDateTime(" + number(seconds) + ")";
  }

  /** The zone's id as a string literal, for {@code toStartOfHour(ts, <zone>)}. */
  public static String timeZone(ZoneId zone) {
    String id = zone.getId();
    if (!ZONE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a time zone id this API passes to SQL: " + id);
    }
    return string(id);
  }

  /** Whether {@code id} is a region id that {@link #timeZone} accepts (and Java knows). */
  public static boolean isTimeZoneId(String id) {
    return id != null && ZONE_ID.matcher(id).matches() && ZoneId.getAvailableZoneIds().contains(id);
  }
}
