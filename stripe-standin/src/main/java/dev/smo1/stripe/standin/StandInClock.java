package dev.smo1.stripe.standin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the stand-in's own customers (those on no test clock) live on: another clock (the node's)
 * plus an offset that only moves forward. With it, the stand-in answers {@code POST
 * /_standin/clock/advance} ({@code seconds=N}, the secret key as bearer), so a local run or a
 * browser test can let a month pass for Stripe without touching anyone else's time — what Stripe's
 * test clocks do for customers created on one.
 */
public final class StandInClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset;

  public StandInClock(Clock base) {
    this(base, new AtomicReference<>(Duration.ZERO));
  }

  private StandInClock(Clock base, AtomicReference<Duration> offset) {
    this.base = base;
    this.offset = offset;
  }

  /** Moves this clock {@code by} forward; answers its time now. */
  public Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward");
    }
    return base.instant().plus(offset.accumulateAndGet(by, Duration::plus));
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new StandInClock(base.withZone(zone), offset);
  }
}
