package dev.smo1.accounts.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.testing.AccountsDatabase;
import dev.smo1.accounts.user.UserStore;
import dev.smo1.testing.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API key authentication on real PostgreSQL: what a key grants, the per-node cache (hits and misses
 * served without a query), and revocations that reach this node at once and every other node of the
 * cluster within a second.
 */
class ApiKeyAuthenticationTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration CACHE_TTL = Duration.ofMinutes(10);
  private static final Set<String> ADMIN_EMAILS = Set.of("Root@Example.com");

  private static DataSource dataSource;
  private static Jdbc database;
  private static ExecutorService pool;

  private final ApiKeyStore store = new ApiKeyStore();
  private final MutableClock clock = new MutableClock(T0);
  private final CountingExecutor blocking = new CountingExecutor();
  private ActorTestKit testKit;
  private UUID root;
  private UUID alice;

  /** The blocking executor of the authentication: every database round trip goes through it. */
  private static final class CountingExecutor implements Executor {
    private final AtomicInteger tasks = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
      tasks.incrementAndGet();
      pool.execute(task);
    }

    int tasks() {
      return tasks.get();
    }
  }

  @BeforeAll
  static void migrate() {
    pool = Executors.newFixedThreadPool(2);
    dataSource = AccountsDatabase.migrated();
    database = new Jdbc(dataSource, Runnable::run);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @BeforeEach
  void users() {
    testKit = ActorTestKit.create(ConfigFactory.load());
    database.transactionNow(
        connection -> {
          connection.createStatement().execute("DELETE FROM api_keys");
          connection.createStatement().execute("DELETE FROM users");
          var users = new UserStore();
          root = users.insert(connection, "root@example.COM", "Root", "hash", T0).id();
          alice = users.insert(connection, "alice@example.com", "Alice", "hash", T0).id();
          return null;
        });
  }

  @AfterEach
  void shutDown() {
    testKit.shutdownTestKit();
  }

  /** The authentication of one node, subscribed to revocations on {@code system}. */
  private ApiKeyAuthentication authentication(ActorSystem<?> system) {
    return new ApiKeyAuthentication(
            new Jdbc(dataSource, blocking), store, clock, ADMIN_EMAILS, CACHE_TTL)
        .start(system);
  }

  private ApiKeyView create(String workspace, Set<Scope> scopes, Instant expiresAt, UUID by) {
    String key = ApiKeyFormat.generate();
    return database.transactionNow(
        connection -> store.create(connection, key, workspace, "key", scopes, expiresAt, by, T0));
  }

  private static Optional<Access> authenticate(ApiKeyAuthentication authentication, String key)
      throws Exception {
    return authentication.authenticate(key).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Access access(ApiKeyView key, String workspace, boolean platformAdmin) {
    return Access.ofKey(
        new Principal.ApiKey(key.id(), key.prefix(), workspace, platformAdmin),
        Set.copyOf(key.scopes()));
  }

  private void deleteRow(ApiKeyView key) {
    database.transactionNow(
        connection -> {
          try (var statement = connection.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
            statement.setObject(1, key.id());
            return statement.executeUpdate();
          }
        });
  }

  @Test
  void aKeyAuthenticatesWithItsWorkspaceAndScopes() throws Exception {
    var authentication = authentication(testKit.system());
    var key = create("acme", EnumSet.of(Scope.LINKS_READ, Scope.ANALYTICS_READ), null, alice);

    var access = authenticate(authentication, key.key()).orElseThrow();

    assertThat(access).isEqualTo(access(key, "acme", false));
    assertThat(access.workspaceId()).isEqualTo("acme");
    assertThat(access.role()).isEmpty();
    assertThat(access.allows(Scope.LINKS_READ)).isTrue();
    assertThat(access.allows(Scope.LINKS_WRITE)).isFalse();
    assertThat(access.isOwner()).isFalse();
  }

  @Test
  void anUnknownKeyIsNothing() throws Exception {
    var authentication = authentication(testKit.system());
    create("acme", EnumSet.of(Scope.LINKS_READ), null, alice);

    assertThat(authenticate(authentication, ApiKeyFormat.generate())).isEmpty();
    assertThat(authenticate(authentication, "")).isEmpty();
  }

  @Test
  void aKeyWorksUntilItsExpiryEvenFromTheCache() throws Exception {
    var authentication = authentication(testKit.system());
    Instant expiry = T0.plus(Duration.ofHours(1));
    var key = create("acme", EnumSet.of(Scope.LINKS_READ), expiry, alice);

    clock.set(expiry.minusNanos(1));
    assertThat(authenticate(authentication, key.key())).isPresent();

    clock.set(expiry);
    assertThat(authenticate(authentication, key.key())).isEmpty();
  }

  @Test
  void aKeyCreatedAlreadyExpiredIsNothing() throws Exception {
    var authentication = authentication(testKit.system());
    var key = create("acme", EnumSet.of(Scope.LINKS_READ), T0.minusSeconds(1), alice);

    assertThat(authenticate(authentication, key.key())).isEmpty();
  }

  @Test
  void aRevokedKeyIsNothing() throws Exception {
    var authentication = authentication(testKit.system());
    var key = create("acme", EnumSet.of(Scope.LINKS_READ), null, alice);
    database.transactionNow(connection -> store.revoke(connection, "acme", key.id(), T0));

    assertThat(authenticate(authentication, key.key())).isEmpty();
  }

  @Test
  void tokensThatCannotBeKeysAreRefusedWithoutALookup() throws Exception {
    var authentication = authentication(testKit.system());
    var key = create("acme", EnumSet.of(Scope.LINKS_READ), null, alice);
    String random = key.key().substring(ApiKeyFormat.PREFIX.length());
    var malformed =
        new String[] {
          "",
          "smo1_",
          "smo2_" + random, // another prefix
          "SMO1_" + random,
          key.key().substring(0, 44), // one character short
          key.key() + "A", // one too many
          "smo1_" + random.substring(0, 39) + "-", // outside base62
          "smo1_" + random.substring(0, 39) + "é",
          "x".repeat(10_000),
        };
    for (String token : malformed) {
      assertThat(authenticate(authentication, token)).as(token).isEmpty();
    }
    assertThat(blocking.tasks()).as("no lookup for any of them").isZero();
    assertThat(ApiKeyFormat.isWellFormed(key.key())).isTrue();
    assertThat(authenticate(authentication, key.key())).isPresent();
  }

  @Test
  void lookupsAreCachedHitsAndMissesAlike() throws Exception {
    var authentication = authentication(testKit.system());
    var key = create("acme", EnumSet.of(Scope.LINKS_READ), null, alice);

    assertThat(authenticate(authentication, key.key())).isPresent();
    int afterFirst = blocking.tasks();
    assertThat(afterFirst).as("one lookup and one last-use write").isEqualTo(2);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(2));
      assertThat(authenticate(authentication, key.key())).isPresent();
    }
    assertThat(blocking.tasks()).as("neither looked up nor written again").isEqualTo(afterFirst);

    String unknown = ApiKeyFormat.generate();
    assertThat(authenticate(authentication, unknown)).isEmpty();
    assertThat(authenticate(authentication, unknown)).isEmpty();
    assertThat(blocking.tasks()).as("a miss is looked up once").isEqualTo(afterFirst + 1);
  }

  @Test
  void aCachedKeyKeepsWorkingWithoutItsRowUntilItsRevocationIsPublished() throws Exception {
    var authentication = authentication(testKit.system());
    var key = create("acme", EnumSet.of(Scope.LINKS_READ), null, alice);
    assertThat(authenticate(authentication, key.key())).isPresent();

    deleteRow(key);
    assertThat(authenticate(authentication, key.key())).isPresent();

    authentication.publishRevoked(Secrets.sha256(key.key()));

    assertThat(authenticate(authentication, key.key())).isEmpty();
  }

  @Test
  void aRevokedHashStaysRefusedEvenIfItsRowIsFoundAgain() throws Exception {
    var authentication = authentication(testKit.system());
    var key = create("acme", EnumSet.of(Scope.LINKS_READ), null, alice);

    authentication.publishRevoked(Secrets.sha256(key.key()));

    // a load that started before the revocation committed would find the row still live
    assertThat(authenticate(authentication, key.key())).isEmpty();
  }

  @Test
  void aMissIsCachedSoAKeyStoredAfterwardsIsRefusedUntilTheCacheExpires() throws Exception {
    var authentication = authentication(testKit.system());
    String key = ApiKeyFormat.generate();
    assertThat(authenticate(authentication, key)).isEmpty();

    database.transactionNow(
        connection ->
            store.create(
                connection, key, "acme", "late", EnumSet.of(Scope.LINKS_READ), null, alice, T0));

    assertThat(authenticate(authentication, key)).isEmpty();
  }

  @Test
  void theLastUseIsWrittenOffTheRequestPath() throws Exception {
    var authentication = authentication(testKit.system());
    var key = create("acme", EnumSet.of(Scope.LINKS_READ), null, alice);
    clock.set(T0.plusSeconds(42));

    authenticate(authentication, key.key());

    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(5),
            () -> {
              assertThat(lastUsed(key)).isEqualTo(T0.plusSeconds(42));
              return null;
            });
  }

  private Instant lastUsed(ApiKeyView key) {
    return database.transactionNow(
        connection -> {
          try (var statement =
              connection.prepareStatement("SELECT last_used_at FROM api_keys WHERE id = ?")) {
            statement.setObject(1, key.id());
            try (var rows = statement.executeQuery()) {
              rows.next();
              Timestamp used = rows.getTimestamp(1);
              return used == null ? null : used.toInstant();
            }
          }
        });
  }

  @Test
  void onlyAWorkspaceAdminKeyOfAPlatformAdminIsPlatformAdmin() throws Exception {
    var authentication = authentication(testKit.system());
    var rootAdmin = create("ops", EnumSet.of(Scope.WORKSPACE_ADMIN, Scope.LINKS_READ), null, root);
    var rootReader = create("ops", EnumSet.of(Scope.LINKS_READ, Scope.LINKS_WRITE), null, root);
    var aliceAdmin = create("acme", EnumSet.allOf(Scope.class), null, alice);
    var withoutCreator = create("ops", EnumSet.allOf(Scope.class), null, null);

    assertThat(authenticate(authentication, rootAdmin.key()))
        .contains(access(rootAdmin, "ops", true));
    assertThat(authenticate(authentication, rootReader.key()))
        .contains(access(rootReader, "ops", false));
    assertThat(authenticate(authentication, aliceAdmin.key()))
        .contains(access(aliceAdmin, "acme", false));
    assertThat(authenticate(authentication, withoutCreator.key()))
        .contains(access(withoutCreator, "ops", false));
  }

  @Test
  void aRevocationPublishedOnOneNodeReachesAnotherWithinASecond() throws Exception {
    Config config =
        ConfigFactory.parseString(
                """
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                """)
            .withFallback(ConfigFactory.load());
    var first = ActorTestKit.create("keys", config);
    var second = ActorTestKit.create("keys", config);
    try {
      var seed = Cluster.get(first.system()).selfMember().address();
      Cluster.get(first.system()).manager().tell(Join.create(seed));
      Cluster.get(second.system()).manager().tell(Join.create(seed));
      var probe = first.createTestProbe();
      probe.awaitAssert(
          Duration.ofSeconds(20),
          () -> {
            for (var node : new ActorTestKit[] {first, second}) {
              assertThat(
                      StreamSupport.stream(
                              Cluster.get(node.system()).state().getMembers().spliterator(), false)
                          .filter(member -> member.status().equals(MemberStatus.up())))
                  .hasSize(2);
            }
            return null;
          });
      var onFirst = authentication(first.system());
      var onSecond = authentication(second.system());

      // until both topics know each other, a notice may reach no one: publish until one arrives
      var warmUp = create("acme", EnumSet.of(Scope.LINKS_READ), null, alice);
      assertThat(authenticate(onSecond, warmUp.key())).isPresent();
      probe.awaitAssert(
          Duration.ofSeconds(20),
          Duration.ofMillis(200),
          () -> {
            onFirst.publishRevoked(Secrets.sha256(warmUp.key()));
            assertThat(authenticate(onSecond, warmUp.key())).isEmpty();
            return null;
          });

      var key = create("acme", EnumSet.of(Scope.LINKS_WRITE), null, alice);
      assertThat(authenticate(onFirst, key.key())).isPresent();
      assertThat(authenticate(onSecond, key.key())).isPresent();
      database.transactionNow(connection -> store.revoke(connection, "acme", key.id(), T0));

      long published = System.nanoTime();
      onFirst.publishRevoked(Secrets.sha256(key.key()));

      assertThat(authenticate(onFirst, key.key())).as("at once on the publishing node").isEmpty();
      probe.awaitAssert(
          Duration.ofSeconds(1),
          Duration.ofMillis(20),
          () -> {
            assertThat(authenticate(onSecond, key.key())).isEmpty();
            return null;
          });
      assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(1));
    } finally {
      second.shutdownTestKit();
      first.shutdownTestKit();
    }
  }
}
