package dev.smo1.accounts.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.idempotency.IdempotencyKeys.Answer;
import dev.smo1.accounts.idempotency.IdempotencyKeys.Begun;
import dev.smo1.accounts.idempotency.IdempotencyKeys.Caller;
import dev.smo1.accounts.idempotency.IdempotencyKeys.KeyedRequest;
import dev.smo1.accounts.testing.AccountsDatabase;
import dev.smo1.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keyed requests on the real schema: who holds a key, what later attempts get, how an attempt that
 * ended without an answer hands the same request on, expiry and purge on the store's clock.
 */
class JdbcIdempotencyKeysTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration RETENTION = Duration.ofHours(24);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration MICRO = Duration.ofNanos(1_000);
  private static final Caller ALICE_KEY = new Caller("acme", "api_key:1");
  private static final String FINGERPRINT = "a".repeat(64);
  private static final Answer CREATED =
      new Answer(201, "/api/v1/links/Abc1234", "{\"code\":\"Abc1234\"}");

  private static DataSource dataSource;
  private static ExecutorService pool;
  private MutableClock clock;
  private JdbcIdempotencyKeys keys;

  @BeforeAll
  static void migrate() {
    dataSource = AccountsDatabase.migrated();
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @BeforeEach
  void emptyStore() {
    clock = new MutableClock(T0);
    keys =
        new JdbcIdempotencyKeys(
            new Jdbc(dataSource, pool),
            dataSource,
            clock,
            new IdempotencySettings(RETENTION, LEASE, Duration.ofMinutes(10)));
    new Jdbc(dataSource, Runnable::run)
        .transactionNow(
            connection -> connection.createStatement().execute("DELETE FROM idempotency_keys"));
  }

  private static KeyedRequest request(Caller caller, String key, String fingerprint) {
    return new KeyedRequest(caller, key, "create_link", fingerprint);
  }

  private static KeyedRequest request(String key) {
    return request(ALICE_KEY, key, FINGERPRINT);
  }

  private Begun begin(KeyedRequest request) {
    return keys.begin(request).toCompletableFuture().join();
  }

  private Begun.Started started(KeyedRequest request) {
    Begun begun = begin(request);
    assertThat(begun).isInstanceOf(Begun.Started.class);
    return (Begun.Started) begun;
  }

  private String choose(
      KeyedRequest request, Begun.Started started, Optional<String> replaced, String code) {
    return keys.choose(request, started, replaced, code).toCompletableFuture().join();
  }

  private void complete(KeyedRequest request, Begun.Started started, Answer answer) {
    keys.complete(request, started, answer).toCompletableFuture().join();
  }

  private void release(KeyedRequest request, Begun.Started started) {
    keys.release(request, started).toCompletableFuture().join();
  }

  private static long rows() {
    return new Jdbc(dataSource, Runnable::run)
        .transactionNow(
            connection -> {
              var result =
                  connection
                      .createStatement()
                      .executeQuery("SELECT count(*) FROM idempotency_keys");
              result.next();
              return result.getLong(1);
            });
  }

  @Test
  void theFirstAttemptHoldsTheKeyUntilItCompletesThenEveryLaterOneGetsItsAnswer() {
    var request = request("k1");
    var first = started(request);
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.resourceId()).isEmpty();

    assertThat(begin(request)).isEqualTo(new Begun.InUse());

    complete(request, first, CREATED);
    assertThat(begin(request)).isEqualTo(new Begun.Replay(CREATED));
    assertThat(begin(request)).isEqualTo(new Begun.Replay(CREATED));
  }

  @Test
  void aKeyIsRefusedForOtherContentOrAnotherOperationWhetherAnsweredOrNot() {
    var request = request("k2");
    var first = started(request);

    assertThat(begin(request(ALICE_KEY, "k2", "b".repeat(64)))).isEqualTo(new Begun.Reused());
    assertThat(begin(new KeyedRequest(ALICE_KEY, "k2", "create_workspace", FINGERPRINT)))
        .isEqualTo(new Begun.Reused());

    complete(request, first, CREATED);
    assertThat(begin(request(ALICE_KEY, "k2", "b".repeat(64)))).isEqualTo(new Begun.Reused());
  }

  @Test
  void keysOfOtherWorkspacesAndOtherPrincipalsAreIndependent() {
    var alice = started(request("shared"));
    var otherWorkspace = started(request(new Caller("globex", "api_key:1"), "shared", FINGERPRINT));
    var otherKey = started(request(new Caller("acme", "api_key:2"), "shared", FINGERPRINT));
    var user = started(request(new Caller("acme", "user:1"), "shared", "c".repeat(64)));

    assertThat(List.of(alice, otherWorkspace, otherKey, user))
        .extracting(Begun.Started::requestId)
        .doesNotHaveDuplicates();
    assertThat(rows()).isEqualTo(4);
  }

  @Test
  void aReleasedKeyIsTakenOverByTheNextAttemptWithTheSameRequestAndItsChosenCode() {
    var request = request("k3");
    var first = started(request);
    assertThat(choose(request, first, Optional.empty(), "Abc1234")).isEqualTo("Abc1234");

    release(request, first);
    var second = started(request);

    assertThat(second).isEqualTo(new Begun.Started(first.requestId(), 2, Optional.of("Abc1234")));
    assertThat(begin(request)).isEqualTo(new Begun.InUse());
  }

  @Test
  void anAttemptThatNeverEndsHoldsTheKeyForItsLeaseOnly() {
    var request = request("k4");
    var first = started(request);

    clock.advance(LEASE.minus(MICRO));
    assertThat(begin(request)).isEqualTo(new Begun.InUse());

    clock.advance(MICRO);
    assertThat(begin(request)).isEqualTo(new Begun.Started(first.requestId(), 2, Optional.empty()));
  }

  @Test
  void aLateReleaseDoesNotFreeTheKeyItsSuccessorHolds() {
    var request = request("k5");
    var first = started(request);
    clock.advance(LEASE);
    var second = started(request);

    release(request, first);

    assertThat(begin(request)).isEqualTo(new Begun.InUse());
    release(request, second);
    assertThat(begin(request)).isInstanceOf(Begun.Started.class);
  }

  @Test
  void theFirstCodeChosenStaysTheRequestsUntilItIsReplacedByTheOneWhoFoundItTaken() {
    var request = request("k6");
    var first = started(request);
    clock.advance(LEASE);
    var second = started(request);

    assertThat(choose(request, first, Optional.empty(), "Aaaaaaa")).isEqualTo("Aaaaaaa");
    // the second attempt generated its own code meanwhile: it must ask for the first one's
    assertThat(choose(request, second, Optional.empty(), "Bbbbbbb")).isEqualTo("Aaaaaaa");
    // Aaaaaaa turned out to be another link's: one attempt replaces it, the other follows
    assertThat(choose(request, second, Optional.of("Aaaaaaa"), "Ccccccc")).isEqualTo("Ccccccc");
    assertThat(choose(request, first, Optional.of("Aaaaaaa"), "Ddddddd")).isEqualTo("Ccccccc");
  }

  @Test
  void theFirstAnswerIsKeptWhenTwoAttemptsOfTheRequestComplete() {
    var request = request("k7");
    var first = started(request);
    clock.advance(LEASE);
    var second = started(request);

    complete(request, second, CREATED);
    complete(request, first, new Answer(201, "/api/v1/links/Abc1234", "{\"later\":true}"));

    assertThat(begin(request)).isEqualTo(new Begun.Replay(CREATED));
  }

  @Test
  void aReleaseAfterTheAnswerChangesNothing() {
    var request = request("k8");
    var first = started(request);
    complete(request, first, CREATED);

    release(request, first);

    assertThat(begin(request)).isEqualTo(new Begun.Replay(CREATED));
  }

  @Test
  void aKeyIsKeptForItsRetentionThenFreeForAnyRequest() {
    var request = request("k9");
    var first = started(request);
    complete(request, first, CREATED);

    clock.advance(RETENTION.minus(MICRO));
    assertThat(begin(request)).isEqualTo(new Begun.Replay(CREATED));
    assertThat(begin(request(ALICE_KEY, "k9", "b".repeat(64)))).isEqualTo(new Begun.Reused());

    clock.advance(MICRO);
    var again = started(request(ALICE_KEY, "k9", "b".repeat(64)));
    assertThat(again.requestId()).isNotEqualTo(first.requestId());
    assertThat(again.attempt()).isEqualTo(1);
    assertThat(begin(request)).isEqualTo(new Begun.Reused());
  }

  @Test
  void anExpiredKeyForgetsTheCodeItsRequestChose() {
    var request = request("k10");
    var first = started(request);
    choose(request, first, Optional.empty(), "Abc1234");
    release(request, first);

    clock.advance(RETENTION);

    assertThat(started(request).resourceId()).isEmpty();
  }

  @Test
  void purgeDeletesExpiredKeysOnly() {
    complete(request("old"), started(request("old")), CREATED);
    started(request("in-flight-old"));
    clock.advance(Duration.ofHours(1));
    complete(request("new"), started(request("new")), CREATED);

    clock.advance(RETENTION.minus(Duration.ofHours(1)));

    assertThat(keys.purgeExpired()).isEqualTo(2);
    assertThat(rows()).isEqualTo(1);
    assertThat(begin(request("new"))).isEqualTo(new Begun.Replay(CREATED));
  }

  @Test
  void purgeDeletesMoreThanOneBatch() {
    new Jdbc(dataSource, Runnable::run)
        .transactionNow(
            connection ->
                connection
                    .createStatement()
                    .executeUpdate(
                        "INSERT INTO idempotency_keys (workspace_id, caller, idempotency_key,"
                            + " operation, fingerprint, request_id, attempt, created_at,"
                            + " expires_at) SELECT 'acme', 'api_key:1', 'bulk-' || n,"
                            + " 'create_link', repeat('a', 64), gen_random_uuid(), 1,"
                            + " TIMESTAMPTZ '2030-01-01T00:00:00Z', TIMESTAMPTZ"
                            + " '2030-01-02T00:00:00Z' FROM generate_series(1, "
                            + (JdbcIdempotencyKeys.PURGE_BATCH + 5)
                            + ") AS n"));
    clock.advance(RETENTION);

    assertThat(keys.purgeExpired()).isEqualTo(JdbcIdempotencyKeys.PURGE_BATCH + 5);
    assertThat(rows()).isZero();
  }

  @Test
  void ofAttemptsStartingTogetherExactlyOneHoldsTheKey() throws Exception {
    var request = request("race");
    var start = new CountDownLatch(1);
    var attempts = new ArrayList<Future<Begun>>();
    var threads = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 8; i++) {
        attempts.add(
            threads.submit(
                () -> {
                  start.await();
                  return begin(request);
                }));
      }
      start.countDown();
      var outcomes = new ArrayList<Begun>();
      for (var attempt : attempts) {
        outcomes.add(attempt.get());
      }

      assertThat(outcomes).filteredOn(Begun.Started.class::isInstance).hasSize(1);
      assertThat(outcomes).filteredOn(Begun.InUse.class::isInstance).hasSize(7);
    } finally {
      threads.shutdownNow();
    }
    assertThat(CompletableFuture.completedFuture(rows()).join()).isEqualTo(1);
  }
}
