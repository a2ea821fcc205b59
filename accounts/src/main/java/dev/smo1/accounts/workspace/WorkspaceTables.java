package dev.smo1.accounts.workspace;

import dev.smo1.accounts.workspace.WorkspaceEvent.InvitationAccepted;
import dev.smo1.accounts.workspace.WorkspaceEvent.LinkSlotsReleased;
import dev.smo1.accounts.workspace.WorkspaceEvent.LinkSlotsReserved;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberAdded;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberInvited;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRemoved;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRoleChanged;
import dev.smo1.accounts.workspace.WorkspaceEvent.PlanChanged;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceAdopted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceCreated;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceDeleted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceRenamed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * Writes of the workspace read model. Idempotent and never backwards: a row is written only when
 * its stored version is lower than the event's sequence number, so a replayed group changes
 * nothing.
 */
final class WorkspaceTables {
  private WorkspaceTables() {}

  static void apply(Connection connection, WorkspaceEvent event, long sequenceNr)
      throws SQLException {
    switch (event) {
      case WorkspaceCreated created -> {
        if (insert(connection, created.workspaceId(), created.name(), created, sequenceNr)) {
          member(connection, created.workspaceId(), created.owner(), "owner", created);
        }
      }
      case WorkspaceAdopted adopted ->
          insert(connection, adopted.workspaceId(), adopted.workspaceId(), adopted, sequenceNr);
      case WorkspaceRenamed renamed -> {
        if (advance(connection, renamed.workspaceId(), sequenceNr)) {
          update(
              connection,
              "UPDATE workspaces SET name = ? WHERE id = ?",
              renamed.name(),
              renamed.workspaceId());
        }
      }
      case MemberInvited invited -> advance(connection, invited.workspaceId(), sequenceNr);
      case PlanChanged changed -> {
        if (advance(connection, changed.workspaceId(), sequenceNr)) {
          update(
              connection,
              "UPDATE workspaces SET plan = ? WHERE id = ?",
              changed.plan(),
              changed.workspaceId());
        }
      }
      case LinkSlotsReserved reserved -> advance(connection, reserved.workspaceId(), sequenceNr);
      case LinkSlotsReleased released -> advance(connection, released.workspaceId(), sequenceNr);
      case InvitationAccepted accepted -> {
        if (advance(connection, accepted.workspaceId(), sequenceNr)) {
          member(
              connection,
              accepted.workspaceId(),
              accepted.userId(),
              accepted.role().wireName(),
              accepted);
        }
      }
      case MemberAdded added -> {
        if (advance(connection, added.workspaceId(), sequenceNr)) {
          member(connection, added.workspaceId(), added.userId(), added.role().wireName(), added);
        }
      }
      case MemberRoleChanged changed -> {
        if (advance(connection, changed.workspaceId(), sequenceNr)) {
          try (var statement =
              connection.prepareStatement(
                  "UPDATE workspace_members SET role = ? WHERE workspace_id = ? AND user_id = ?")) {
            statement.setString(1, changed.role().wireName());
            statement.setString(2, changed.workspaceId());
            statement.setObject(3, changed.userId());
            statement.executeUpdate();
          }
        }
      }
      case MemberRemoved removed -> {
        if (advance(connection, removed.workspaceId(), sequenceNr)) {
          try (var statement =
              connection.prepareStatement(
                  "DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?")) {
            statement.setString(1, removed.workspaceId());
            statement.setObject(2, removed.userId());
            statement.executeUpdate();
          }
        }
      }
      case WorkspaceDeleted deleted -> {
        if (advance(connection, deleted.workspaceId(), sequenceNr)) {
          try (var statement =
              connection.prepareStatement("UPDATE workspaces SET deleted_at = ? WHERE id = ?")) {
            statement.setTimestamp(1, Timestamp.from(deleted.at()));
            statement.setString(2, deleted.workspaceId());
            statement.executeUpdate();
          }
          try (var statement =
              connection.prepareStatement("DELETE FROM workspace_members WHERE workspace_id = ?")) {
            statement.setString(1, deleted.workspaceId());
            statement.executeUpdate();
          }
        }
      }
    }
  }

  /** Inserts the workspace's row; false if it was there already (a replay). */
  private static boolean insert(
      Connection connection, String id, String name, WorkspaceEvent event, long sequenceNr)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO workspaces (id, name, created_at, version) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
      statement.setString(1, id);
      statement.setString(2, name);
      statement.setTimestamp(3, Timestamp.from(event.at()));
      statement.setLong(4, sequenceNr);
      return statement.executeUpdate() == 1;
    }
  }

  private static void member(
      Connection connection, String workspaceId, UUID userId, String role, WorkspaceEvent event)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO workspace_members (workspace_id, user_id, role, joined_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id, user_id) DO UPDATE"
                + " SET role = EXCLUDED.role")) {
      statement.setString(1, workspaceId);
      statement.setObject(2, userId);
      statement.setString(3, role);
      statement.setTimestamp(4, Timestamp.from(event.at()));
      statement.executeUpdate();
    }
  }

  /** Moves the workspace's version to {@code sequenceNr}; false if it was there already. */
  private static boolean advance(Connection connection, String workspaceId, long sequenceNr)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE workspaces SET version = ? WHERE id = ? AND version < ?")) {
      statement.setLong(1, sequenceNr);
      statement.setString(2, workspaceId);
      statement.setLong(3, sequenceNr);
      return statement.executeUpdate() == 1;
    }
  }

  private static void update(Connection connection, String sql, String first, String second)
      throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      statement.setString(1, first);
      statement.setString(2, second);
      statement.executeUpdate();
    }
  }
}
