package dev.smo1.clicks.visitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each day's salt to the edge (Workers KV, expiring with the salt) so that the Worker's
 * pseudonyms are the origin's: today's, and from {@link #AHEAD} before midnight tomorrow's, so the
 * edge has a day's salt before its first click (KV takes up to a minute to reach every data
 * centre). Every node publishes; a day's salt is the same whichever node writes it, so the writes
 * agree, and a node writes each day's salt once (again after a failure, at the next round).
 */
public final class VisitorSaltPublisher {
  private static final Logger log = LoggerFactory.getLogger(VisitorSaltPublisher.class);

  /** How long before its day a salt is made and published. */
  public static final Duration AHEAD = Duration.ofHours(2);

  /** Where the edge reads salts: a key, its value, and when the key is to vanish. */
  @FunctionalInterface
  public interface Edge {
    CompletionStage<Void> put(String key, String value, Instant expiresAt);
  }

  private final VisitorSalts salts;
  private final Edge edge;
  private final Clock clock;
  private final Set<LocalDate> published = ConcurrentHashMap.newKeySet();

  public VisitorSaltPublisher(VisitorSalts salts, Edge edge, Clock clock) {
    this.salts = salts;
    this.edge = edge;
    this.clock = clock;
  }

  /** Publishes now and then every {@code interval}, until the system stops. */
  public void start(ActorSystem<?> system, Duration interval) {
    system
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO,
            interval,
            () ->
                publishDue()
                    .whenComplete(
                        (done, error) -> {
                          if (error != null) {
                            log.warn(
                                "visitor salt not published to the edge, retried in {} error={}",
                                interval,
                                error.toString());
                          }
                        }),
            system.executionContext());
  }

  /** The days whose salts the edge needs at {@code now}: today, and tomorrow once it is near. */
  public static List<LocalDate> due(Instant now) {
    LocalDate today = VisitorSalt.dayOf(now);
    LocalDate tomorrow = today.plusDays(1);
    var days = new ArrayList<LocalDate>(2);
    days.add(today);
    if (!now.isBefore(tomorrow.atStartOfDay(ZoneOffset.UTC).toInstant().minus(AHEAD))) {
      days.add(tomorrow);
    }
    return days;
  }

  /**
   * Publishes the salts due now that this node has not published yet; completes when they are in
   * KV, exceptionally when one could not be made or written (the next round tries again).
   */
  public CompletionStage<Void> publishDue() {
    Instant now = clock.instant();
    LocalDate today = VisitorSalt.dayOf(now);
    published.removeIf(day -> day.isBefore(today));
    var writes = new ArrayList<CompletableFuture<Void>>();
    for (LocalDate day : due(now)) {
      if (published.contains(day)) {
        continue;
      }
      writes.add(
          salts
              .forDay(day)
              .thenCompose(
                  salt ->
                      edge.put(salt.key(), salt.hex(), salt.expiresAt())
                          .thenRun(
                              () -> {
                                published.add(day);
                                log.info(
                                    "visitor salt published to the edge day={} expiresAt={}",
                                    day,
                                    salt.expiresAt());
                              }))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }
}
