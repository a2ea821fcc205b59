package dev.smo1.projection.edge;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.LinkStatus;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * The KV sync's mirror in memory, keeping {@link EdgeMirror}'s documented contract (its SQL runs on
 * PostgreSQL in cluster-node): a write applies only above the stored version, status changes keep
 * the settings, a deleted link stays as a row with status deleted, and changes to a link it does
 * not hold are skipped. A fold returns the current state of the links the group touched, each once.
 */
final class InMemoryMirror implements KvSyncProjection.Mirror {
  private final Map<String, EdgeLink> rows = new HashMap<>();

  @Override
  public synchronized List<EdgeLink> fold(List<EventEnvelope<LinkEvent>> envelopes) {
    var keys = new LinkedHashSet<String>();
    for (EventEnvelope<LinkEvent> envelope : envelopes) {
      LinkEvent event = envelope.event();
      String key = KvLinkRecord.key(event.domain(), event.code());
      apply(key, event, envelope.sequenceNr());
      keys.add(key);
    }
    return keys.stream().map(rows::get).filter(Objects::nonNull).toList();
  }

  private void apply(String key, LinkEvent event, long version) {
    EdgeLink current = rows.get(key);
    if (current != null && current.version() >= version) {
      return;
    }
    EdgeLink next =
        switch (event) {
          case LinkEvent.LinkCreated created ->
              link(event, version, LinkStatus.ACTIVE, created.settings());
          case LinkEvent.LinkUpdated updated ->
              current == null ? null : link(event, version, current.status(), updated.settings());
          case LinkEvent.LinkDisabled ignored -> status(current, version, LinkStatus.DISABLED);
          case LinkEvent.LinkBlocked ignored -> status(current, version, LinkStatus.BLOCKED);
          case LinkEvent.LinkUnblocked ignored -> status(current, version, LinkStatus.DISABLED);
          case LinkEvent.LinkEnabled ignored -> status(current, version, LinkStatus.ACTIVE);
          case LinkEvent.LinkDeleted ignored -> status(current, version, LinkStatus.DELETED);
          case LinkEvent.LinkVisitCounted ignored -> null;
        };
    if (next != null) {
      rows.put(key, next);
    }
  }

  private static EdgeLink link(
      LinkEvent event, long version, LinkStatus status, LinkSettings settings) {
    return new EdgeLink(
        event.domain(),
        event.code(),
        version,
        status,
        settings.target(),
        settings.redirectType(),
        settings.expiresAt(),
        settings.forwardQuery(),
        settings.routing(),
        settings.options());
  }

  private static EdgeLink status(EdgeLink current, long version, LinkStatus status) {
    return current == null
        ? null
        : new EdgeLink(
            current.domain(),
            current.code(),
            version,
            status,
            current.target(),
            current.redirectType(),
            current.expiresAt(),
            current.forwardQuery(),
            current.routing(),
            current.options());
  }
}
