package dev.smo1.accounts.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.testing.AccountsDatabase;
import dev.smo1.accounts.user.UserStore;
import dev.smo1.localstores.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The API key table on the real schema: by hash only, per workspace, revoked for good. */
class ApiKeyStoreTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant EXPIRES = T0.plus(Duration.ofDays(90));

  private static Jdbc jdbc;
  private final ApiKeyStore store = new ApiKeyStore();
  private UUID alice;

  @BeforeAll
  static void migrate() {
    jdbc = new Jdbc(AccountsDatabase.migrated(), Runnable::run);
  }

  @BeforeEach
  void empty() {
    jdbc.transactionNow(
        connection -> {
          connection.createStatement().execute("DELETE FROM api_keys");
          connection.createStatement().execute("DELETE FROM users");
          alice = new UserStore().insert(connection, "Alice@Example.com", "Alice", "hash", T0).id();
          return null;
        });
  }

  private ApiKeyView create(
      String key, String workspace, Set<Scope> scopes, Instant expiresAt, UUID by, Instant now) {
    return jdbc.transactionNow(
        connection ->
            store.create(connection, key, workspace, "ci key", scopes, expiresAt, by, now));
  }

  private Optional<ApiKeyRecord> find(String key) {
    return jdbc.transactionNow(connection -> store.find(connection, Secrets.sha256(key)));
  }

  private Optional<ApiKeyRecord> findByHash(String hash) {
    return jdbc.transactionNow(connection -> store.find(connection, hash));
  }

  private Optional<String> revoke(String workspace, UUID id, Instant now) {
    return jdbc.transactionNow(connection -> store.revoke(connection, workspace, id, now));
  }

  private List<String> revokeAll(String workspace, Instant now) {
    return jdbc.transactionNow(connection -> store.revokeAll(connection, workspace, now));
  }

  private List<ApiKeyView> list(String workspace) {
    return jdbc.transactionNow(connection -> store.list(connection, workspace));
  }

  @Test
  void aCreatedKeyIsAnsweredWithItsSecretOnceAndFoundByItsHash() {
    String key = ApiKeyFormat.generate();

    var created =
        create(key, "acme", EnumSet.of(Scope.LINKS_WRITE, Scope.LINKS_READ), EXPIRES, alice, T0);

    assertThat(key).startsWith("smo1_").hasSize(45);
    assertThat(created)
        .isEqualTo(
            new ApiKeyView(
                created.id(),
                "ci key",
                key,
                key.substring(0, 8),
                List.of(Scope.LINKS_READ, Scope.LINKS_WRITE),
                EXPIRES,
                T0,
                null));
    assertThat(find(key))
        .contains(
            new ApiKeyRecord(
                created.id(),
                Secrets.sha256(key),
                "acme",
                key.substring(0, 8),
                Set.of(Scope.LINKS_READ, Scope.LINKS_WRITE),
                EXPIRES,
                "Alice@Example.com"));
    assertThat(find(ApiKeyFormat.generate())).isEmpty();
    assertThat(findByHash(key)).isEmpty();
  }

  @Test
  void aKeyWithoutCreatorOrExpiryHasNeither() {
    String key = ApiKeyFormat.generate();
    create(key, "acme", EnumSet.allOf(Scope.class), null, null, T0);

    var found = find(key).orElseThrow();

    assertThat(found.creatorEmail()).isNull();
    assertThat(found.expiresAt()).isNull();
    assertThat(found.scopes()).isEqualTo(EnumSet.allOf(Scope.class));
    assertThat(found.expiredAt(T0.plus(Duration.ofDays(36_500)))).isFalse();
  }

  @Test
  void aKeyOfADeletedUserKeepsWorkingWithoutCreator() {
    String key = ApiKeyFormat.generate();
    create(key, "acme", EnumSet.of(Scope.LINKS_READ), null, alice, T0);

    jdbc.transactionNow(
        connection -> {
          new UserStore().delete(connection, alice);
          return null;
        });

    assertThat(find(key).orElseThrow().creatorEmail()).isNull();
  }

  @Test
  void expiredAtIsTrueFromTheInstantOfExpiry() {
    String key = ApiKeyFormat.generate();
    create(key, "acme", EnumSet.of(Scope.LINKS_READ), EXPIRES, alice, T0);
    var found = find(key).orElseThrow();

    assertThat(found.expiredAt(EXPIRES.minusNanos(1))).isFalse();
    assertThat(found.expiredAt(EXPIRES)).isTrue();
  }

  @Test
  void listShowsTheWorkspacesLiveKeysNewestFirstWithoutSecrets() {
    String older = ApiKeyFormat.generate();
    String newer = ApiKeyFormat.generate();
    String revoked = ApiKeyFormat.generate();
    var first = create(older, "acme", EnumSet.of(Scope.LINKS_READ), null, alice, T0);
    var second =
        create(
            newer,
            "acme",
            EnumSet.of(Scope.WORKSPACE_ADMIN, Scope.ANALYTICS_READ),
            EXPIRES,
            null,
            T0.plusSeconds(10));
    var third =
        create(revoked, "acme", EnumSet.of(Scope.LINKS_READ), null, alice, T0.plusSeconds(20));
    create(ApiKeyFormat.generate(), "other", EnumSet.of(Scope.LINKS_READ), null, alice, T0);
    revoke("acme", third.id(), T0.plusSeconds(30));

    assertThat(list("acme"))
        .containsExactly(
            new ApiKeyView(
                second.id(),
                "ci key",
                null,
                newer.substring(0, 8),
                List.of(Scope.ANALYTICS_READ, Scope.WORKSPACE_ADMIN),
                EXPIRES,
                T0.plusSeconds(10),
                null),
            new ApiKeyView(
                first.id(),
                "ci key",
                null,
                older.substring(0, 8),
                List.of(Scope.LINKS_READ),
                null,
                T0,
                null));
    assertThat(list("nobody")).isEmpty();
  }

  @Test
  void revokeOfAnotherWorkspacesKeyIsNothingAndTheKeyStaysLive() {
    String key = ApiKeyFormat.generate();
    var created = create(key, "acme", EnumSet.of(Scope.LINKS_READ), null, alice, T0);

    assertThat(revoke("other", created.id(), T0)).isEmpty();
    assertThat(revoke("acme", UUID.randomUUID(), T0)).isEmpty();
    assertThat(find(key)).isPresent();
  }

  @Test
  void revokeAnswersTheHashOnceAndTheKeyIsNeverFoundAgain() {
    String key = ApiKeyFormat.generate();
    var created = create(key, "acme", EnumSet.of(Scope.LINKS_READ), null, alice, T0);

    assertThat(revoke("acme", created.id(), T0.plusSeconds(1))).contains(Secrets.sha256(key));
    assertThat(find(key)).isEmpty();
    assertThat(list("acme")).isEmpty();
    assertThat(revoke("acme", created.id(), T0.plusSeconds(2))).isEmpty();
  }

  @Test
  void revokeAllRevokesTheWorkspacesLiveKeysOnly() {
    String first = ApiKeyFormat.generate();
    String second = ApiKeyFormat.generate();
    String before = ApiKeyFormat.generate();
    String other = ApiKeyFormat.generate();
    create(first, "acme", EnumSet.of(Scope.LINKS_READ), null, alice, T0);
    create(second, "acme", EnumSet.of(Scope.LINKS_WRITE), EXPIRES, null, T0);
    var earlier = create(before, "acme", EnumSet.of(Scope.LINKS_READ), null, alice, T0);
    create(other, "other", EnumSet.of(Scope.LINKS_READ), null, alice, T0);
    revoke("acme", earlier.id(), T0);

    List<String> hashes = revokeAll("acme", T0.plusSeconds(1));

    assertThat(hashes).containsExactlyInAnyOrder(Secrets.sha256(first), Secrets.sha256(second));
    assertThat(find(first)).isEmpty();
    assertThat(find(second)).isEmpty();
    assertThat(find(other)).isPresent();
    assertThat(revokeAll("acme", T0)).isEmpty();
  }

  @Test
  void touchWritesTheLastUseAtMostOnceAMinute() {
    String key = ApiKeyFormat.generate();
    var created = create(key, "acme", EnumSet.of(Scope.LINKS_READ), null, alice, T0);

    touch(created.id(), T0.plusSeconds(5));
    assertThat(lastUsed()).isEqualTo(T0.plusSeconds(5));

    touch(created.id(), T0.plusSeconds(65));
    assertThat(lastUsed()).as("exactly a minute later").isEqualTo(T0.plusSeconds(5));

    touch(created.id(), T0.plusSeconds(66));
    assertThat(lastUsed()).isEqualTo(T0.plusSeconds(66));

    touch(created.id(), T0.plusSeconds(100));
    assertThat(lastUsed()).isEqualTo(T0.plusSeconds(66));
    assertThat(ApiKeyStore.LAST_USED_PRECISION).isEqualTo(Duration.ofMinutes(1));
  }

  private void touch(UUID id, Instant now) {
    jdbc.transactionNow(
        connection -> {
          store.touch(connection, id, now);
          return null;
        });
  }

  private Instant lastUsed() {
    return list("acme").getFirst().lastUsedAt();
  }

  @Test
  void aKeyFromBeforeWorkspacesKeepsWorkingWithEveryScopeAndItsOwnerAwaitsAdoption() {
    String url = TestPostgres.newDatabase();
    var dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    var flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/accounts")
            .table("flyway_schema_history_accounts");
    flyway.target("1").load().migrate();
    String key = "a key from before workspaces";
    TestPostgres.execute(
        url, "INSERT INTO api_keys (key_hash, owner) VALUES (?, ?)", Secrets.sha256(key), "bob");

    flyway.target("latest").load().migrate();

    var found =
        new Jdbc(dataSource, Runnable::run)
            .transactionNow(connection -> store.find(connection, Secrets.sha256(key)))
            .orElseThrow();
    assertThat(found.workspaceId()).isEqualTo("bob");
    assertThat(found.prefix()).isEqualTo("smo1_");
    assertThat(found.scopes()).isEqualTo(EnumSet.allOf(Scope.class));
    assertThat(found.expiresAt()).isNull();
    assertThat(found.creatorEmail()).isNull();
    assertThat(TestPostgres.count(url, "SELECT count(*) FROM workspace_adoptions")).isEqualTo(1);
    assertThat(
            TestPostgres.count(
                url, "SELECT count(*) FROM workspace_adoptions WHERE workspace_id = 'bob'"))
        .isEqualTo(1);
  }
}
