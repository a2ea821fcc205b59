package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.UUID;

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
        LinkEvent.LinkDeleted,
        LinkEvent.LinkVisitCounted,
        LinkEvent.LinkBlocked,
        LinkEvent.LinkUnblocked {
  String domain();

  String code();

  Instant at();

  /**
   * {@code requestId}: the id of the create that made the link when its client may send it again
   * (see {@link LinkCommand.Create}); null otherwise, and in events written before it existed.
   */
  record LinkCreated(
      String domain, String code, String owner, LinkSettings settings, Instant at, UUID requestId)
      implements LinkEvent {

    /** A link made by a create that is never sent again. */
    public LinkCreated(
        String domain, String code, String owner, LinkSettings settings, Instant at) {
      this(domain, code, owner, settings, at, null);
    }
  }

  /** Carries the complete new settings (not a diff), so a projection can apply it alone. */
  record LinkUpdated(String domain, String code, LinkSettings settings, Instant at)
      implements LinkEvent {}

  record LinkDisabled(String domain, String code, Instant at) implements LinkEvent {}

  record LinkEnabled(String domain, String code, Instant at) implements LinkEvent {}

  /**
   * A visit to a link with {@code maxVisits} was let through: {@code visits} is how many were, this
   * one included. Persisted before the visitor gets the redirect, so no crash lets more than {@code
   * maxVisits} through (decision 0025). Links without a limit persist no visit.
   */
  record LinkVisitCounted(String domain, String code, long visits, Instant at)
      implements LinkEvent {}

  /** Terminal: a deleted code is never reused, so cached 301s can never reach a new owner. */
  record LinkDeleted(String domain, String code, Instant at) implements LinkEvent {}

  /**
   * The platform took the link down (decision 0034). {@code by}: who, as {@code screening:<list>}
   * or {@code admin:<user id>}; {@code reason}: why, as shown to the owner and in the audit log.
   */
  record LinkBlocked(String domain, String code, String reason, String by, Instant at)
      implements LinkEvent {}

  /** A platform admin lifted the takedown: the link is disabled, for its owner to enable. */
  record LinkUnblocked(String domain, String code, String by, Instant at) implements LinkEvent {}
}
