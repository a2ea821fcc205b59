package dev.smo1.projection.readmodel;

import static dev.smo1.projection.VersionedRows.bigint;
import static dev.smo1.projection.VersionedRows.bool;
import static dev.smo1.projection.VersionedRows.columns;
import static dev.smo1.projection.VersionedRows.integer;
import static dev.smo1.projection.VersionedRows.smallint;
import static dev.smo1.projection.VersionedRows.text;
import static dev.smo1.projection.VersionedRows.textArray;
import static dev.smo1.projection.VersionedRows.time;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.OptionsJson;
import dev.smo1.link.rules.RoutingJson;
import dev.smo1.projection.VersionedRows;
import dev.smo1.projection.VersionedRows.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes of the {@code links} read model. Every write is guarded by the row's version (the sequence
 * number of the last event applied): an event is applied only if it is newer, so redelivered or
 * replayed events change nothing and an older event never overwrites a newer one.
 */
final class LinksTable {
  private static final String TABLE = "links";

  private LinksTable() {}

  /** Applies one event; returns whether the row changed. */
  static boolean apply(Connection connection, LinkEvent event, long version) throws SQLException {
    return switch (event) {
      case LinkEvent.LinkCreated created -> insert(connection, created, version);
      case LinkEvent.LinkUpdated updated -> update(connection, updated, version);
      case LinkEvent.LinkDisabled disabled ->
          status(connection, disabled, LinkStatus.DISABLED, version);
      case LinkEvent.LinkEnabled enabled -> status(connection, enabled, LinkStatus.ACTIVE, version);
      case LinkEvent.LinkDeleted deleted ->
          status(connection, deleted, LinkStatus.DELETED, version);
      case LinkEvent.LinkVisitCounted counted -> visits(connection, counted, version);
      case LinkEvent.LinkBlocked blocked ->
          status(connection, blocked, LinkStatus.BLOCKED, version);
      case LinkEvent.LinkUnblocked unblocked ->
          status(connection, unblocked, LinkStatus.DISABLED, version);
    };
  }

  private static boolean insert(Connection connection, LinkEvent.LinkCreated event, long version)
      throws SQLException {
    var columns = columns();
    columns.put("owner", text(event.owner()));
    settings(columns, event.settings());
    columns.put("status", text(LinkStatus.ACTIVE.wireName()));
    columns.put("created_at", time(event.at()));
    columns.put("updated_at", time(event.at()));
    return VersionedRows.upsert(connection, TABLE, key(event), columns, version);
  }

  private static boolean update(Connection connection, LinkEvent.LinkUpdated event, long version)
      throws SQLException {
    var columns = columns();
    settings(columns, event.settings());
    columns.put("updated_at", time(event.at()));
    return VersionedRows.update(connection, TABLE, key(event), columns, version);
  }

  private static boolean status(
      Connection connection, LinkEvent event, LinkStatus status, long version) throws SQLException {
    var columns = columns();
    columns.put("status", text(status.wireName()));
    columns.put("updated_at", time(event.at()));
    return VersionedRows.update(connection, TABLE, key(event), columns, version);
  }

  /** The visits counted so far; not a change of the link, so {@code updated_at} stays. */
  private static boolean visits(
      Connection connection, LinkEvent.LinkVisitCounted event, long version) throws SQLException {
    var columns = columns();
    columns.put("visits", bigint(event.visits()));
    return VersionedRows.update(connection, TABLE, key(event), columns, version);
  }

  private static Map<String, Value> key(LinkEvent event) {
    var key = columns();
    key.put("domain", text(event.domain()));
    key.put("code", text(event.code()));
    return key;
  }

  private static void settings(Map<String, Value> columns, LinkSettings settings) {
    columns.put("target", text(settings.target()));
    columns.put("redirect_type", smallint(settings.redirectType().status()));
    columns.put("expires_at", time(settings.expiresAt()));
    columns.put("title", text(settings.title()));
    columns.put("tags", textArray(settings.tags()));
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
    columns.put("max_visits", integer(settings.options().maxVisits()));
  }
}
