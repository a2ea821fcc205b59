package dev.smo1.clicks.visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Daily salts in a real Redis, shared by "nodes" (each a {@link RedisVisitorSalts} on its own
 * connection): one salt per day for all, expiring in Redis 26 hours after the day began, unrelated
 * from one day to the next, and, once gone, gone for good.
 */
class RedisVisitorSaltsTest {
  private static final String VISITOR = "203.0.113.7";
  private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Firefox/120.0";
  private static LocalRedis redis;
  private static RedisClient client;
  private static final List<StatefulRedisConnection<String, String>> connections =
      new ArrayList<>();

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    client = RedisClient.create(redis.url());
  }

  @AfterAll
  static void stop() {
    connections.forEach(StatefulRedisConnection::close);
    client.shutdown();
    redis.close();
  }

  @BeforeEach
  void empty() {
    redis().sync().flushall();
  }

  private static StatefulRedisConnection<String, String> redis() {
    var connection = client.connect();
    connections.add(connection);
    return connection;
  }

  /** A node: its own connection and memory; Redis's clock is the real one, and so is this. */
  private static RedisVisitorSalts node(Clock clock) {
    return new RedisVisitorSalts(redis(), clock);
  }

  private static VisitorSalt salt(RedisVisitorSalts node, LocalDate day) throws Exception {
    return node.forDay(day).toCompletableFuture().get();
  }

  @Test
  void everyNodeGetsTheSameSaltForADayAndItsKeyExpires26HoursAfterTheDayBegan() throws Exception {
    LocalDate today = VisitorSalt.dayOf(Instant.now());
    var nodes = List.of(node(Clock.systemUTC()), node(Clock.systemUTC()), node(Clock.systemUTC()));

    // all at once: SET NX lets one win, and every node reads the winner
    var asked = new ArrayList<CompletableFuture<VisitorSalt>>();
    for (var node : nodes) {
      asked.add(node.forDay(today).toCompletableFuture());
    }
    var salts = asked.stream().map(CompletableFuture::join).distinct().toList();

    assertThat(salts).hasSize(1);
    VisitorSalt salt = salts.getFirst();
    var redis = redis().sync();
    assertThat(redis.get(VisitorSalt.key(today))).isEqualTo(salt.hex());
    Instant expiresAt =
        today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(26 * 3600);
    assertThat(salt.expiresAt()).isEqualTo(expiresAt);
    assertThat(redis.expiretime(VisitorSalt.key(today)))
        .as("the key's expiry in Redis (EXPIRETIME)")
        .isEqualTo(expiresAt.getEpochSecond());
    assertThat(redis.ttl(VisitorSalt.key(today)))
        .as("a TTL, ending at most 26 h from now")
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofHours(26).toSeconds());
    assertThat(redis.keys("smo1:visitor-salt:*")).containsExactly(VisitorSalt.key(today));
  }

  @Test
  void aDifferentDayHasAnUnrelatedSaltAndPseudonym() throws Exception {
    var node = node(Clock.systemUTC());
    LocalDate today = VisitorSalt.dayOf(Instant.now());

    VisitorSalt todays = salt(node, today);
    VisitorSalt tomorrows = salt(node, today.plusDays(1));

    assertThat(tomorrows.hex()).isNotEqualTo(todays.hex());
    assertThat(VisitorPseudonyms.of(tomorrows, VISITOR, AGENT))
        .isNotEqualTo(VisitorPseudonyms.of(todays, VISITOR, AGENT));
    assertThat(salt(node(Clock.systemUTC()), today.plusDays(1))).isEqualTo(tomorrows);
  }

  @Test
  void onceTheSaltIsGoneTheSamePseudonymCannotBeMadeAgain() throws Exception {
    LocalDate today = VisitorSalt.dayOf(Instant.now());
    String pseudonym = VisitorPseudonyms.of(salt(node(Clock.systemUTC()), today), VISITOR, AGENT);

    // what its expiry does; then a node that never held it (or this one restarted)
    redis().sync().del(VisitorSalt.key(today));
    String remade = VisitorPseudonyms.of(salt(node(Clock.systemUTC()), today), VISITOR, AGENT);

    // same address, agent, day and configuration, and no secret takes part: nothing the operator
    // keeps determines the old pseudonym
    assertThat(remade).isNotEqualTo(pseudonym);
  }

  @Test
  void aNodeForgetsASaltWhenItExpiresAndNoneIsMadeForAPastDay() throws Exception {
    LocalDate today = VisitorSalt.dayOf(Instant.now());
    var clock = new ShiftedClock();
    var node = node(clock);
    salt(node, today);

    clock.shift(Duration.ofHours(50));

    assertThatThrownBy(() -> salt(node, today))
        .as("held in memory, but past its expiry")
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has expired");
    assertThatThrownBy(() -> salt(node, today.plusDays(5)))
        .hasCauseInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist yet");
  }

  /** The real time (Redis's expiries follow it), shifted as far as a test says. */
  private static final class ShiftedClock extends Clock {
    private volatile Duration shift = Duration.ZERO;

    void shift(Duration by) {
      shift = shift.plus(by);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aSaltIsReadFromRedisOncePerNode() throws Exception {
    LocalDate today = VisitorSalt.dayOf(Instant.now());
    var node = node(Clock.systemUTC());
    VisitorSalt salt = salt(node, today);

    redis().sync().del(VisitorSalt.key(today));

    assertThat(salt(node, today))
        .as("held in memory until it expires: the redirect path does not ask Redis per click")
        .isEqualTo(salt);
  }
}
