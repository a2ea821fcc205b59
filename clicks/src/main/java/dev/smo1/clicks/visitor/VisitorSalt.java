package dev.smo1.clicks.visitor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The random salt of one UTC day's visitor pseudonyms ({@link VisitorPseudonyms}): 32 random bytes
 * written as 64 lower-case hex digits, made once per day by whichever node needs it first, kept in
 * Redis and Workers KV until {@link #expiresAt} and then gone (decision 0021). Never logged.
 *
 * @param day the UTC day whose clicks it pseudonymises
 * @param hex the salt
 * @param expiresAt when Redis and KV drop it: {@link #LIFETIME} after the day's start
 */
public record VisitorSalt(LocalDate day, String hex, Instant expiresAt) {
  /**
   * From the start of the day: the day itself, plus two hours for clicks made just before midnight
   * that are pseudonymised just after (clocks of the edge and the nodes differ by seconds; a Worker
   * isolate keeps a salt it read until its day ends).
   */
  public static final Duration LIFETIME = Duration.ofHours(26);

  /** The key of a day's salt, in Redis and in Workers KV alike (KV's link keys hold a '/'). */
  public static final String KEY_PREFIX = "smo1:visitor-salt:";

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public VisitorSalt {
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a visitor salt is 64 lower-case hex digits");
    }
  }

  public static String key(LocalDate day) {
    return KEY_PREFIX + day;
  }

  public static Instant expiry(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(LIFETIME);
  }

  public static LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  public String key() {
    return key(day);
  }

  byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public String toString() {
    return "VisitorSalt[day=" + day + ", expiresAt=" + expiresAt + ", salt redacted]";
  }
}
