package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.UUID;

/** One immutable record per lifecycle phase. Snapshots store these, so they are serializable. */
public sealed interface LinkState extends CborSerializable {

  record Empty() implements LinkState {}

  record Active(Link link) implements LinkState {}

  record Disabled(Link link) implements LinkState {}

  /**
   * Taken down by the platform ({@link LinkEvent.LinkBlocked}): its owner reads or deletes it, and
   * nothing else; every visitor gets 451.
   */
  record Blocked(Link link, String reason, String by, Instant blockedAt) implements LinkState {}

  /** Keeps the owner so the tombstone still answers "not found" rather than "free". */
  record Deleted(String owner, Instant deletedAt) implements LinkState {}

  /**
   * The data every live link has. {@code requestId}: the id of the create that made it, when its
   * client may send that create again (null otherwise, and in snapshots taken before it existed).
   * {@code visits}: the visits counted while the link had {@code maxVisits} (0 in snapshots taken
   * before it existed).
   */
  record Link(
      String domain,
      String code,
      String owner,
      LinkSettings settings,
      Instant createdAt,
      Instant updatedAt,
      UUID requestId,
      long visits) {

    /** A link made by a create that is never sent again. */
    public Link(
        String domain,
        String code,
        String owner,
        LinkSettings settings,
        Instant createdAt,
        Instant updatedAt) {
      this(domain, code, owner, settings, createdAt, updatedAt, null, 0);
    }

    /** A link with no visits counted. */
    public Link(
        String domain,
        String code,
        String owner,
        LinkSettings settings,
        Instant createdAt,
        Instant updatedAt,
        UUID requestId) {
      this(domain, code, owner, settings, createdAt, updatedAt, requestId, 0);
    }

    Link withSettings(LinkSettings newSettings, Instant at) {
      return new Link(domain, code, owner, newSettings, createdAt, at, requestId, visits);
    }

    Link touched(Instant at) {
      return new Link(domain, code, owner, settings, createdAt, at, requestId, visits);
    }

    Link visited(long counted) {
      return new Link(domain, code, owner, settings, createdAt, updatedAt, requestId, counted);
    }

    /** Whether the link has {@code maxVisits} and every one of them has been used. */
    public boolean exhausted() {
      Integer max = settings.options().maxVisits();
      return max != null && visits >= max;
    }

    /** Whether {@code create} is the create that made this link, reaching the entity again. */
    boolean madeBy(LinkCommand.Create create) {
      return create.requestId() != null
          && create.requestId().equals(requestId)
          && create.owner().equals(owner);
    }

    public boolean expiredAt(Instant now) {
      return settings.expiresAt() != null && !now.isBefore(settings.expiresAt());
    }
  }

  static LinkState empty() {
    return new Empty();
  }

  /**
   * Applies an event. Exhaustive over events (no default): a new event does not compile until it is
   * handled. An event that does not fit the state is a journal corruption and fails recovery.
   */
  default LinkState apply(LinkEvent event) {
    return switch (event) {
      case LinkEvent.LinkCreated created ->
          new Active(
              new Link(
                  created.domain(),
                  created.code(),
                  created.owner(),
                  created.settings(),
                  created.at(),
                  created.at(),
                  created.requestId(),
                  0));
      case LinkEvent.LinkUpdated updated ->
          switch (this) {
            case Active active ->
                new Active(active.link().withSettings(updated.settings(), updated.at()));
            case Disabled disabled ->
                new Disabled(disabled.link().withSettings(updated.settings(), updated.at()));
            case Blocked ignored -> unexpected(event);
            case Empty ignored -> unexpected(event);
            case Deleted ignored -> unexpected(event);
          };
      case LinkEvent.LinkDisabled disabled -> new Disabled(liveLink(event).touched(disabled.at()));
      case LinkEvent.LinkEnabled enabled -> new Active(liveLink(event).touched(enabled.at()));
      case LinkEvent.LinkDeleted deleted -> new Deleted(liveLink(event).owner(), deleted.at());
      case LinkEvent.LinkBlocked blocked ->
          new Blocked(
              liveLink(event).touched(blocked.at()), blocked.reason(), blocked.by(), blocked.at());
      case LinkEvent.LinkUnblocked unblocked ->
          switch (this) {
            case Blocked was -> new Disabled(was.link().touched(unblocked.at()));
            default -> unexpected(event);
          };
      case LinkEvent.LinkVisitCounted counted ->
          switch (this) {
            case Active active -> new Active(active.link().visited(counted.visits()));
            case Disabled disabled -> new Disabled(disabled.link().visited(counted.visits()));
            case Blocked ignored -> unexpected(event);
            case Empty ignored -> unexpected(event);
            case Deleted ignored -> unexpected(event);
          };
    };
  }

  private Link liveLink(LinkEvent event) {
    return switch (this) {
      case Active active -> active.link();
      case Disabled disabled -> disabled.link();
      case Blocked blocked -> blocked.link();
      case Empty ignored -> throw new IllegalStateException("unexpected " + event + " in " + this);
      case Deleted ignored ->
          throw new IllegalStateException("unexpected " + event + " in " + this);
    };
  }

  private LinkState unexpected(LinkEvent event) {
    throw new IllegalStateException("unexpected " + event + " in " + this);
  }
}
