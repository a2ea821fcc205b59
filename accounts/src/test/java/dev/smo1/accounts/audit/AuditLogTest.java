package dev.smo1.accounts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.testing.AccountsDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit log on the real schema: what an entry keeps, and cursor pages newest first. */
class AuditLogTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final AuditLog.Actor ALICE = new AuditLog.Actor("user", "alice-id");
  private static final RequestOrigin ORIGIN = new RequestOrigin("192.0.2.0/24", "curl/8.5");

  private static Jdbc jdbc;
  private final AuditLog log = new AuditLog();

  @BeforeAll
  static void migrate() {
    jdbc = new Jdbc(AccountsDatabase.migrated(), Runnable::run);
  }

  @BeforeEach
  void empty() {
    jdbc.transactionNow(
        connection -> connection.createStatement().execute("DELETE FROM audit_log"));
  }

  private void record(Instant at, String workspace, AuditAction action, String target) {
    jdbc.transactionNow(
        connection -> {
          log.record(connection, at, workspace, ALICE, action, target, Map.of(), ORIGIN);
          return null;
        });
  }

  private AuditLog.Page page(String workspace, Optional<String> cursor, int limit) {
    return jdbc.transactionNow(connection -> log.page(connection, workspace, cursor, limit));
  }

  @Test
  void anEntryKeepsWhoDidWhatToWhatFromWhere() {
    jdbc.transactionNow(
        connection -> {
          log.record(
              connection,
              T0,
              "acme",
              new AuditLog.Actor("api_key", "key-id"),
              AuditAction.KEY_CREATED,
              "new-key-id",
              Map.of("name", "ci «key»", "scopes", "links:read links:write"),
              ORIGIN);
          log.record(
              connection,
              T0.plusSeconds(1),
              "acme",
              AuditLog.Actor.ANONYMOUS,
              AuditAction.LOGIN_FAILED,
              null,
              null,
              RequestOrigin.UNKNOWN);
          return null;
        });

    var items = page("acme", Optional.empty(), 10).items();

    assertThat(items).hasSize(2);
    assertThat(items.get(1))
        .isEqualTo(
            new AuditEntry(
                items.get(1).id(),
                T0,
                "acme",
                "api_key",
                "key-id",
                "api_key.created",
                "new-key-id",
                Map.of("name", "ci «key»", "scopes", "links:read links:write"),
                "192.0.2.0/24",
                "curl/8.5"));
    assertThat(items.get(0))
        .isEqualTo(
            new AuditEntry(
                items.get(0).id(),
                T0.plusSeconds(1),
                "acme",
                "anonymous",
                null,
                "login.failed",
                null,
                Map.of(),
                null,
                null));
  }

  @Test
  void pagesGoNewestFirstOverEqualTimestampsByIdWithoutGapOrRepeat() {
    // 3 instants, 4 entries each, recorded out of time order: ties broken by id, newest first
    for (int round = 0; round < 4; round++) {
      for (int second : new int[] {1, 0, 2}) {
        record(T0.plusSeconds(second), "acme", AuditAction.MEMBER_INVITED, second + "/" + round);
      }
    }
    var expected =
        page("acme", Optional.empty(), 100).items().stream()
            .sorted(Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::id).reversed())
            .toList();

    var pages = new ArrayList<AuditLog.Page>();
    Optional<String> cursor = Optional.empty();
    do {
      var page = page("acme", cursor, 5);
      pages.add(page);
      cursor = page.nextCursor();
    } while (cursor.isPresent() && pages.size() < 10);

    assertThat(pages).extracting(page -> page.items().size()).containsExactly(5, 5, 2);
    assertThat(pages.getLast().nextCursor()).isEmpty();
    assertThat(pages.stream().flatMap(page -> page.items().stream()).toList())
        .hasSize(12)
        .isEqualTo(expected);
    assertThat(expected)
        .extracting(AuditEntry::target)
        .startsWith("2/3", "2/2", "2/1", "2/0", "1/3")
        .endsWith("0/1", "0/0");
  }

  @Test
  void aFullLastPageHasNoNextCursor() {
    for (int i = 0; i < 6; i++) {
      record(T0, "acme", AuditAction.LOGOUT, "t" + i);
    }

    var first = page("acme", Optional.empty(), 3);
    var second = page("acme", first.nextCursor(), 3);

    assertThat(first.items()).extracting(AuditEntry::target).containsExactly("t5", "t4", "t3");
    assertThat(second.items()).extracting(AuditEntry::target).containsExactly("t2", "t1", "t0");
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void pagesShowOneWorkspaceOnly() {
    record(T0, "acme", AuditAction.WORKSPACE_CREATED, "acme");
    record(T0.plusSeconds(1), "other", AuditAction.WORKSPACE_CREATED, "other");
    record(T0.plusSeconds(2), null, AuditAction.LOGIN_SUCCEEDED, null);
    record(T0.plusSeconds(3), "acme", AuditAction.WORKSPACE_UPDATED, "acme");

    assertThat(page("acme", Optional.empty(), 10).items())
        .extracting(AuditEntry::action)
        .containsExactly("workspace.updated", "workspace.created");
    assertThat(page("other", Optional.empty(), 10).items())
        .extracting(AuditEntry::workspaceId)
        .containsExactly("other");
    assertThat(page("nobody", Optional.empty(), 10))
        .isEqualTo(new AuditLog.Page(List.of(), Optional.empty()));
  }

  @Test
  void aCursorOfOneWorkspaceDoesNotShowAnotherWorkspace() {
    for (int i = 0; i < 3; i++) {
      record(T0.plusSeconds(i), "acme", AuditAction.LOGOUT, "acme" + i);
      record(T0.plusSeconds(i), "other", AuditAction.LOGOUT, "other" + i);
    }
    var cursor = page("acme", Optional.empty(), 1).nextCursor();

    assertThat(page("acme", cursor, 10).items())
        .extracting(AuditEntry::target)
        .containsExactly("acme1", "acme0");
  }

  @Test
  void issuedCursorsAreValid() {
    record(T0, "acme", AuditAction.LOGOUT, "a");
    record(T0, "acme", AuditAction.LOGOUT, "b");

    assertThat(page("acme", Optional.empty(), 1).nextCursor())
        .hasValueSatisfying(cursor -> assertThat(AuditLog.validCursor(cursor)).isTrue());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "",
        "not base64!",
        "bm90IGEgY3Vyc29y", // "not a cursor"
        "MjAzMC0wMS0wMVQwMDowMDowMFo", // an instant without id
        "MjAzMC0wMS0wMVQwMDowMDowMFp8eA", // "…Z|x"
        "eWVzdGVyZGF5fDQy" // "yesterday|42"
      })
  void aBadCursorIsNotValidAndReadsAsTheFirstPage(String cursor) {
    record(T0, "acme", AuditAction.LOGOUT, "a");
    record(T0.plusSeconds(1), "acme", AuditAction.LOGOUT, "b");

    assertThat(AuditLog.validCursor(cursor)).isFalse();
    assertThat(page("acme", Optional.of(cursor), 10).items())
        .extracting(AuditEntry::target)
        .containsExactly("b", "a");
  }

  @Test
  void theCursorsOfTheBadCursorTestSayWhatTheyClaim() {
    assertThat(decoded("MjAzMC0wMS0wMVQwMDowMDowMFo")).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(decoded("MjAzMC0wMS0wMVQwMDowMDowMFp8eA")).isEqualTo("2030-01-01T00:00:00Z|x");
    assertThat(decoded("eWVzdGVyZGF5fDQy")).isEqualTo("yesterday|42");
  }

  private static String decoded(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }
}
