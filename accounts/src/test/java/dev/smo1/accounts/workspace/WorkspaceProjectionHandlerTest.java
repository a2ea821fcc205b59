package dev.smo1.accounts.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.testing.AccountsDatabase;
import dev.smo1.accounts.workspace.WorkspaceEvent.InvitationAccepted;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberAdded;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberInvited;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRemoved;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRoleChanged;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceAdopted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceCreated;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceDeleted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceRenamed;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace read model's writes on the real schema: each event's rows, idempotent replays of a
 * group, and the version guard that keeps an older event from undoing a newer one.
 */
class WorkspaceProjectionHandlerTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant EXPIRES = T0.plus(Duration.ofDays(7));
  private static final UUID OWNER = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-00000000000b");
  private static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-00000000000c");

  /** The life of "acme", sequence number i + 1 for the event at index i. */
  private static final List<WorkspaceEvent> ACME =
      List.of(
          new WorkspaceCreated("acme", "Acme", OWNER, T0),
          new MemberInvited(
              "acme", "admin@example.com", Role.ADMIN, "hash-1", EXPIRES, "user:" + OWNER, at(1)),
          new InvitationAccepted("acme", "hash-1", ADMIN, Role.ADMIN, at(2)),
          new WorkspaceRenamed("acme", "Acme Labs", at(3)),
          new MemberRoleChanged("acme", ADMIN, Role.OWNER, at(4)),
          new MemberInvited(
              "acme", "member@example.com", Role.MEMBER, "hash-2", EXPIRES, "user:" + ADMIN, at(5)),
          new InvitationAccepted("acme", "hash-2", MEMBER, Role.MEMBER, at(6)),
          new MemberRemoved("acme", OWNER, at(7)));

  private static final String ACME_AFTER_HISTORY = "acme|Acme Labs|2030-01-01 00:00:00+00|null|8";
  private static final List<String> ACME_MEMBERS_AFTER_HISTORY =
      List.of(
          "acme|" + ADMIN + "|owner|2030-01-01 00:00:02+00",
          "acme|" + MEMBER + "|member|2030-01-01 00:00:06+00");

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() {
    dataSource = AccountsDatabase.migrated();
  }

  @BeforeEach
  void empty() throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("DELETE FROM workspace_members");
      statement.execute("DELETE FROM workspaces");
    }
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void createdInsertsTheWorkspaceAndItsCreatorAsOwner() throws SQLException {
    apply(ACME.get(0), 1);

    assertThat(workspaces()).containsExactly("acme|Acme|2030-01-01 00:00:00+00|null|1");
    assertThat(members()).containsExactly("acme|" + OWNER + "|owner|2030-01-01 00:00:00+00");
  }

  @Test
  void adoptedInsertsAWorkspaceNamedAfterItsIdWithoutMembersAndAddedGivesItsOwner()
      throws SQLException {
    apply(new WorkspaceAdopted("legacy-owner", T0), 1);

    assertThat(workspaces())
        .containsExactly("legacy-owner|legacy-owner|2030-01-01 00:00:00+00|null|1");
    assertThat(members()).isEmpty();

    apply(new MemberAdded("legacy-owner", OWNER, Role.OWNER, at(1)), 2);

    assertThat(workspaces())
        .containsExactly("legacy-owner|legacy-owner|2030-01-01 00:00:00+00|null|2");
    assertThat(members())
        .containsExactly("legacy-owner|" + OWNER + "|owner|2030-01-01 00:00:01+00");
  }

  @Test
  void invitedMovesOnlyTheVersionAndAcceptedAddsTheMemberWithTheInvitedRole() throws SQLException {
    applyAll(ACME.subList(0, 2));

    assertThat(workspaces()).containsExactly("acme|Acme|2030-01-01 00:00:00+00|null|2");
    assertThat(members()).containsExactly("acme|" + OWNER + "|owner|2030-01-01 00:00:00+00");

    apply(ACME.get(2), 3);

    assertThat(workspaces()).containsExactly("acme|Acme|2030-01-01 00:00:00+00|null|3");
    assertThat(members())
        .containsExactly(
            "acme|" + OWNER + "|owner|2030-01-01 00:00:00+00",
            "acme|" + ADMIN + "|admin|2030-01-01 00:00:02+00");
  }

  @Test
  void renamedRoleChangedAndRemovedUpdateTheirRows() throws SQLException {
    applyAll(ACME.subList(0, 3));

    apply(ACME.get(3), 4);
    assertThat(workspaces()).containsExactly("acme|Acme Labs|2030-01-01 00:00:00+00|null|4");

    apply(ACME.get(4), 5);
    assertThat(members())
        .containsExactly(
            "acme|" + OWNER + "|owner|2030-01-01 00:00:00+00",
            "acme|" + ADMIN + "|owner|2030-01-01 00:00:02+00");

    applyAll(ACME.subList(5, 8), 6);
    assertThat(workspaces()).containsExactly(ACME_AFTER_HISTORY);
    assertThat(members()).containsExactlyElementsOf(ACME_MEMBERS_AFTER_HISTORY);
  }

  @Test
  void deletedMarksTheWorkspaceAndRemovesEveryMember() throws SQLException {
    applyAll(ACME);
    apply(new WorkspaceAdopted("other", T0), 1);
    apply(new MemberAdded("other", MEMBER, Role.OWNER, at(1)), 2);

    apply(new WorkspaceDeleted("acme", at(9)), 9);

    assertThat(workspaces())
        .containsExactly(
            "acme|Acme Labs|2030-01-01 00:00:00+00|2030-01-01 00:00:09+00|9",
            "other|other|2030-01-01 00:00:00+00|null|2");
    assertThat(members()).containsExactly("other|" + MEMBER + "|owner|2030-01-01 00:00:01+00");
  }

  @Test
  void replayingTheSameSequenceChangesNothing() throws SQLException {
    applyAll(ACME);
    var workspaces = workspaces();
    var members = members();

    applyAll(ACME);
    applyAll(ACME.subList(3, 8), 4);

    assertThat(workspaces()).isEqualTo(workspaces).containsExactly(ACME_AFTER_HISTORY);
    assertThat(members()).isEqualTo(members).containsExactlyElementsOf(ACME_MEMBERS_AFTER_HISTORY);
  }

  @Test
  void anOlderEventAfterANewerOneChangesNothing() throws SQLException {
    applyAll(ACME);

    // the original owner's removal (8) is newer than their membership (1) and every other change
    apply(ACME.get(0), 1);
    apply(new WorkspaceRenamed("acme", "Acme", at(3)), 4);
    apply(new MemberRoleChanged("acme", ADMIN, Role.VIEWER, at(4)), 5);
    apply(ACME.get(6), 7);
    apply(new MemberAdded("acme", OWNER, Role.OWNER, at(5)), 6);

    assertThat(workspaces()).containsExactly(ACME_AFTER_HISTORY);
    assertThat(members()).containsExactlyElementsOf(ACME_MEMBERS_AFTER_HISTORY);
  }

  @Test
  void nothingOfADeletedWorkspaceComesBackFromAnOlderEvent() throws SQLException {
    applyAll(ACME);
    apply(new WorkspaceDeleted("acme", at(9)), 9);
    var workspaces = workspaces();

    apply(ACME.get(6), 7);
    apply(new MemberAdded("acme", OWNER, Role.OWNER, at(8)), 8);
    apply(ACME.get(0), 1);

    assertThat(workspaces()).isEqualTo(workspaces);
    assertThat(members()).isEmpty();
  }

  private void applyAll(List<WorkspaceEvent> events) throws SQLException {
    applyAll(events, 1);
  }

  /** Applies {@code events} with consecutive sequence numbers from {@code first}, in one group. */
  private void applyAll(List<WorkspaceEvent> events, long first) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      for (int i = 0; i < events.size(); i++) {
        WorkspaceTables.apply(connection, events.get(i), first + i);
      }
      connection.commit();
    }
  }

  private void apply(WorkspaceEvent event, long sequenceNr) throws SQLException {
    applyAll(List.of(event), sequenceNr);
  }

  private List<String> workspaces() throws SQLException {
    return rows(
        "SELECT id || '|' || name || '|' || created_at || '|' || coalesce(deleted_at::text, 'null')"
            + " || '|' || version FROM workspaces ORDER BY id");
  }

  private List<String> members() throws SQLException {
    return rows(
        "SELECT workspace_id || '|' || user_id || '|' || role || '|' || joined_at"
            + " FROM workspace_members ORDER BY workspace_id, joined_at, user_id");
  }

  private List<String> rows(String sql) throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      // the text of timestamps in UTC, whatever the server's zone
      statement.execute("SET TIME ZONE 'UTC'");
      var rows = new ArrayList<String>();
      try (var result = statement.executeQuery(sql)) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
      return rows;
    }
  }
}
