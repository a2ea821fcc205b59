package dev.smo1.accounts.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.accounts.PageCursor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code audit_log} table. Entries are written in the same transaction as the change they
 * record (a key revoked is a key revocation logged, or neither), read newest first in cursor pages.
 */
public final class AuditLog {
  public static final int MAX_LIMIT = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who acted, as the log stores it. */
  public record Actor(String kind, String id) {
    public static final Actor ANONYMOUS = new Actor("anonymous", null);
  }

  /** A page of entries, newest first; {@code nextCursor} empty on the last page. */
  public record Page(List<AuditEntry> items, Optional<String> nextCursor) {}

  public void record(
      Connection connection,
      Instant at,
      String workspaceId,
      Actor actor,
      AuditAction action,
      String target,
      Map<String, String> details,
      RequestOrigin origin)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO audit_log (at, workspace_id, actor_kind, actor_id, action, target,"
                + " details, ip_prefix, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
      statement.setTimestamp(1, Timestamp.from(at));
      statement.setString(2, workspaceId);
      statement.setString(3, actor.kind());
      statement.setString(4, actor.id());
      statement.setString(5, action.wireName());
      statement.setString(6, target);
      statement.setString(7, details == null || details.isEmpty() ? null : json(details));
      statement.setString(8, origin.ipPrefix());
      statement.setString(9, origin.userAgent());
      statement.executeUpdate();
    }
  }

  public Page page(Connection connection, String workspaceId, Optional<String> cursor, int limit)
      throws SQLException {
    return page(connection, "workspace_id = ?", workspaceId, cursor, limit);
  }

  /**
   * The platform's own entries (takedowns and abuse reports, {@link AuditAction#PLATFORM}) across
   * every workspace, newest first: the platform admins' audit log.
   */
  public Page platformPage(Connection connection, Optional<String> cursor, int limit)
      throws SQLException {
    return page(
        connection,
        "action = ANY(string_to_array(?, ','))",
        String.join(",", AuditAction.PLATFORM.stream().map(AuditAction::wireName).toList()),
        cursor,
        limit);
  }

  private Page page(
      Connection connection, String where, String value, Optional<String> cursor, int limit)
      throws SQLException {
    var position = cursor.flatMap(AuditLog::decode);
    String sql =
        "SELECT id, at, workspace_id, actor_kind, actor_id, action, target, details, ip_prefix,"
            + " user_agent FROM audit_log WHERE "
            + where
            + (position.isPresent() ? " AND (at, id) < (?, ?)" : "")
            + " ORDER BY at DESC, id DESC LIMIT ?";
    try (var statement = connection.prepareStatement(sql)) {
      int index = 1;
      statement.setString(index++, value);
      if (position.isPresent()) {
        statement.setTimestamp(index++, Timestamp.from(position.get().at()));
        statement.setLong(index++, position.get().id());
      }
      statement.setInt(index, limit + 1);
      var items = new ArrayList<AuditEntry>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          items.add(
              new AuditEntry(
                  rows.getLong(1),
                  rows.getTimestamp(2).toInstant(),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getString(7),
                  details(rows.getString(8)),
                  rows.getString(9),
                  rows.getString(10)));
        }
      }
      if (items.size() <= limit) {
        return new Page(items, Optional.empty());
      }
      var last = items.get(limit - 1);
      return new Page(List.copyOf(items.subList(0, limit)), Optional.of(encode(last)));
    }
  }

  /** Whether a cursor is one this log issued (checked before any query). */
  public static boolean validCursor(String cursor) {
    return decode(cursor).isPresent();
  }

  private record Position(Instant at, long id) {}

  private static String encode(AuditEntry entry) {
    return new PageCursor(entry.at(), Long.toString(entry.id())).encode();
  }

  private static Optional<Position> decode(String cursor) {
    try {
      return PageCursor.decode(cursor)
          .map(position -> new Position(position.at(), Long.parseLong(position.id())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String json(Map<String, String> details) {
    try {
      return JSON.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Map<String, String> details(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
