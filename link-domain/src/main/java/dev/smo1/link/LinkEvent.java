package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;

/**
 * Facts about one link, in the journal forever. Every event names its domain and code, so
 * projections need no other lookup and adding custom domains later needs no migration. The journal
 * stores class names: renaming or moving an event needs a Jackson migration entry.
 */
public sealed interface LinkEvent extends CborSerializable
    permits LinkEvent.LinkCreated,
        LinkEvent.LinkUpdated,
        LinkEvent.LinkDisabled,
        LinkEvent.LinkEnabled,
        LinkEvent.LinkDeleted {
  String domain();

  String code();

  Instant at();

  record LinkCreated(String domain, String code, String owner, LinkSettings settings, Instant at)
      implements LinkEvent {}

  /** Carries the complete new settings (not a diff), so a projection can apply it alone. */
  record LinkUpdated(String domain, String code, LinkSettings settings, Instant at)
      implements LinkEvent {}

  record LinkDisabled(String domain, String code, Instant at) implements LinkEvent {}

  record LinkEnabled(String domain, String code, Instant at) implements LinkEvent {}

  /** Terminal: a deleted code is never reused, so cached 301s can never reach a new owner. */
  record LinkDeleted(String domain, String code, Instant at) implements LinkEvent {}
}
