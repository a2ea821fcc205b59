package dev.smo1.clicks.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one door for values into analytics SQL, against hostile input. */
class SqlLiteralsTest {
  @Test
  void quotesAndBackslashesAreEscapedSoTheLiteralCannotEnd() {
    assertThat(SqlLiterals.string("abc")).isEqualTo("'abc'");
    assertThat(SqlLiterals.string("")).isEqualTo("''");
    assertThat(SqlLiterals.string("x' OR '1'='1")).isEqualTo("'x\\' OR \\'1\\'=\\'1'");
    assertThat(SqlLiterals.string("UTC'); DROP TABLE clicks;--"))
        .isEqualTo("'UTC\\'); DROP TABLE clicks;--'");
    // a trailing backslash must not escape the closing quote
    assertThat(SqlLiterals.string("abc\\")).isEqualTo("'abc\\\\'");
    assertThat(SqlLiterals.string("\\'")).isEqualTo("'\\\\\\''");
    assertThat(SqlLiterals.string("''")).isEqualTo("'\\'\\''");
    // escape sequences ClickHouse would interpret stay text
    assertThat(SqlLiterals.string("\\x41\\N\\0")).isEqualTo("'\\\\x41\\\\N\\\\0'");
    assertThat(SqlLiterals.string("straße 🎉 \"q\" `b`")).isEqualTo("'straße 🎉 \"q\" `b`'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\nb", "a\rb", "a\tb", "\u001b[31m", "a\u007fb"})
  void controlCharactersAreRefused(String hostile) {
    assertThatThrownBy(() -> SqlLiterals.string(hostile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character");
  }

  @Test
  void unpairedSurrogatesAndNullAreRefused() {
    assertThatThrownBy(() -> SqlLiterals.string("a\uD800b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlLiterals.string("a\uDC00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlLiterals.string(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersAndTimesAreFormattedFromLongs() {
    assertThat(SqlLiterals.number(-42)).isEqualTo("-42");
    assertThat(SqlLiterals.dateTime(Instant.parse("2026-11-01T00:00:00Z")))
        .isEqualTo("toDateTime(1793491200)");
    assertThatThrownBy(() -> SqlLiterals.dateTime(Instant.parse("2026-11-01T00:00:00.5Z")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlLiterals.dateTime(Instant.parse("1969-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlLiterals.dateTime(Instant.parse("2106-02-08T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyRegionZoneIdsOfPlainCharactersReachSql() {
    assertThat(SqlLiterals.timeZone(ZoneId.of("Europe/Paris"))).isEqualTo("'Europe/Paris'");
    assertThat(SqlLiterals.timeZone(ZoneId.of("Etc/GMT+5"))).isEqualTo("'Etc/GMT+5'");
    assertThat(SqlLiterals.timeZone(ZoneId.of("America/Port-au-Prince")))
        .isEqualTo("'America/Port-au-Prince'");
    assertThatThrownBy(() -> SqlLiterals.timeZone(ZoneOffset.ofHoursMinutes(5, 30)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlLiterals.timeZone(ZoneId.of("UTC+01:00")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(SqlLiterals.isTimeZoneId("Asia/Kolkata")).isTrue();
    assertThat(SqlLiterals.isTimeZoneId("UTC")).isTrue();
    assertThat(SqlLiterals.isTimeZoneId("UTC'); DROP TABLE clicks;--")).isFalse();
    assertThat(SqlLiterals.isTimeZoneId("Europe/Paris'")).isFalse();
    assertThat(SqlLiterals.isTimeZoneId("+05:30")).isFalse();
    assertThat(SqlLiterals.isTimeZoneId("Mars/Olympus")).isFalse();
    assertThat(SqlLiterals.isTimeZoneId("../../etc/passwd")).isFalse();
    assertThat(SqlLiterals.isTimeZoneId("")).isFalse();
    assertThat(SqlLiterals.isTimeZoneId(null)).isFalse();
  }
}
