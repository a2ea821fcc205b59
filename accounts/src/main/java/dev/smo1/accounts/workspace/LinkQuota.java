package dev.smo1.accounts.workspace;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workspace's link slots of one period (a calendar month in UTC): how many are {@code used}
 * (reserved and not released), and the reservations of the period still held, by id with their
 * size, so that a reservation asked again (a create sent again) is granted once and a release frees
 * exactly what its reservation took. Only the newest {@link #MAX_HELD} reservations are kept: a
 * create is sent again within seconds, never a thousand creates later.
 *
 * @param period {@code yyyy-MM}, the month of the last reservation
 */
public record LinkQuota(String period, long used, Map<String, Integer> held)
    implements CborSerializable {

  static final int MAX_HELD = 1_000;

  public LinkQuota {
    held = Collections.unmodifiableMap(new LinkedHashMap<>(held == null ? Map.of() : held));
  }

  public static LinkQuota none() {
    return new LinkQuota("", 0, Map.of());
  }

  /** The period {@code at} falls in. */
  public static YearMonth periodOf(Instant at) {
    return YearMonth.from(at.atOffset(ZoneOffset.UTC));
  }

  public static Instant start(YearMonth period) {
    return period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  public static Instant end(YearMonth period) {
    return start(period.plusMonths(1));
  }

  /** Slots used in {@code period}: none in a period after the last reservation. */
  public long usedIn(YearMonth period) {
    return period.toString().equals(this.period) ? used : 0;
  }

  /** Whether {@code reservation} holds slots in {@code period}. */
  public boolean holds(String reservation, YearMonth period) {
    return period.toString().equals(this.period) && held.containsKey(reservation);
  }

  LinkQuota reserved(String reservation, int count, Instant at) {
    String now = periodOf(at).toString();
    var newHeld = new LinkedHashMap<String, Integer>(now.equals(period) ? held : Map.of());
    newHeld.put(reservation, count);
    while (newHeld.size() > MAX_HELD) {
      newHeld.remove(newHeld.keySet().iterator().next());
    }
    return new LinkQuota(now, (now.equals(period) ? used : 0) + count, newHeld);
  }

  LinkQuota released(String reservation) {
    Integer count = held.get(reservation);
    if (count == null) {
      return this;
    }
    var newHeld = new LinkedHashMap<>(held);
    newHeld.remove(reservation);
    return new LinkQuota(period, Math.max(0, used - count), newHeld);
  }
}
