package dev.smo1.projection.edge;

import static dev.smo1.projection.VersionedRows.bool;
import static dev.smo1.projection.VersionedRows.columns;
import static dev.smo1.projection.VersionedRows.smallint;
import static dev.smo1.projection.VersionedRows.text;
import static dev.smo1.projection.VersionedRows.time;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.OptionsJson;
import dev.smo1.link.RedirectType;
import dev.smo1.link.rules.Routing;
import dev.smo1.link.rules.RoutingJson;
import dev.smo1.projection.VersionedRows;
import dev.smo1.projection.VersionedRows.Value;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code edge_kv_links} table: the KV sync projection's copy of each link's edge state. Every
 * write is guarded by the event's sequence number, so applying an event twice, or an older event
 * after a newer one, changes nothing. Status changes keep the settings (a disabled link keeps its
 * target for when it is enabled again).
 */
public final class EdgeMirror {
  private static final String TABLE = "edge_kv_links";

  private EdgeMirror() {}

  /** Applies one event at {@code version}; returns whether the row changed. */
  public static boolean apply(Connection connection, LinkEvent event, long version)
      throws SQLException {
    String key = KvLinkRecord.key(event.domain(), event.code());
    return switch (event) {
      case LinkEvent.LinkCreated created -> create(connection, key, created, version);
      case LinkEvent.LinkUpdated updated -> settings(connection, key, updated.settings(), version);
      case LinkEvent.LinkDisabled ignored -> status(connection, key, LinkStatus.DISABLED, version);
      case LinkEvent.LinkEnabled ignored -> status(connection, key, LinkStatus.ACTIVE, version);
      case LinkEvent.LinkDeleted ignored -> status(connection, key, LinkStatus.DELETED, version);
      case LinkEvent.LinkBlocked ignored -> status(connection, key, LinkStatus.BLOCKED, version);
      case LinkEvent.LinkUnblocked ignored -> status(connection, key, LinkStatus.DISABLED, version);
      // counted visits are the origin's: a link with max visits is origin-only at the edge
      case LinkEvent.LinkVisitCounted ignored -> false;
    };
  }

  /** The current edge state of the links under {@code keys} that the mirror holds. */
  public static List<EdgeLink> current(Connection connection, Collection<String> keys)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT domain, code, version, status, target, redirect_type, expires_at,"
                + " forward_query, routing, options FROM edge_kv_links WHERE kv_key = ANY(?)")) {
      statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
      var links = new ArrayList<EdgeLink>(keys.size());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Timestamp expires = rows.getTimestamp("expires_at");
          links.add(
              new EdgeLink(
                  rows.getString("domain"),
                  rows.getString("code"),
                  rows.getLong("version"),
                  LinkStatus.ofStored(rows.getString("status")),
                  rows.getString("target"),
                  RedirectType.fromStatus(rows.getShort("redirect_type")).orElseThrow(),
                  expires == null ? null : expires.toInstant(),
                  rows.getBoolean("forward_query"),
                  routing(rows.getString("routing")),
                  options(rows.getString("options"))));
        }
      }
      return links;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static Routing routing(String json) throws SQLException {
    if (json == null) {
      return Routing.NONE;
    }
    try {
      return RoutingJson.read(JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("unreadable routing in edge_kv_links", e);
    }
  }

  private static LinkOptions options(String json) throws SQLException {
    if (json == null) {
      return LinkOptions.NONE;
    }
    try {
      return OptionsJson.read(JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("unreadable options in edge_kv_links", e);
    }
  }

  /** Empties the mirror (a rebuild replays every event into it). */
  public static void clear(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("TRUNCATE edge_kv_links");
    }
  }

  private static boolean create(
      Connection connection, String key, LinkEvent.LinkCreated event, long version)
      throws SQLException {
    var columns = columns();
    columns.put("domain", text(event.domain()));
    columns.put("code", text(event.code()));
    columns.put("status", text(LinkStatus.ACTIVE.wireName()));
    settings(columns, event.settings());
    return VersionedRows.upsert(connection, TABLE, key(key), columns, version);
  }

  private static boolean settings(
      Connection connection, String key, LinkSettings settings, long version) throws SQLException {
    var columns = columns();
    settings(columns, settings);
    return VersionedRows.update(connection, TABLE, key(key), columns, version);
  }

  private static boolean status(Connection connection, String key, LinkStatus status, long version)
      throws SQLException {
    var columns = columns();
    columns.put("status", text(status.wireName()));
    return VersionedRows.update(connection, TABLE, key(key), columns, version);
  }

  private static Map<String, Value> key(String key) {
    var columns = columns();
    columns.put("kv_key", text(key));
    return columns;
  }

  /** What the edge needs of the settings: no title or tags. */
  private static void settings(Map<String, Value> columns, LinkSettings settings) {
    columns.put("target", text(settings.target()));
    columns.put("redirect_type", smallint(settings.redirectType().status()));
    columns.put("expires_at", time(settings.expiresAt()));
    columns.put("forward_query", bool(settings.forwardQuery()));
    columns.put(
        "routing",
        text(
            settings.routing().isEmpty()
                ? null
                : RoutingJson.write(settings.routing()).toString()));
    columns.put(
        "options",
        text(
            settings.options().isEmpty()
                ? null
                : OptionsJson.write(settings.options()).toString()));
  }
}
