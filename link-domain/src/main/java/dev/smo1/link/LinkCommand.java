package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the link entity can be asked to do. The entity knows its own {@link LinkId} from its entity
 * id, so commands do not repeat it. {@code requester} is the authenticated owner making the call:
 * the entity answers {@link ErrorCode#NOT_FOUND} to anyone else, so existence never leaks.
 */
public sealed interface LinkCommand extends CborSerializable {

  /**
   * {@code requestId}: the id of a create its client may send again (an {@code Idempotency-Key}),
   * persisted with the link, so the same create reaching the entity again is answered with the link
   * instead of {@link ErrorCode#ALIAS_TAKEN}; null for a create that is never sent again.
   */
  record Create(String owner, LinkDraft draft, UUID requestId, ActorRef<LinkReply> replyTo)
      implements LinkCommand {

    /** A create that is never sent again. */
    public Create(String owner, LinkDraft draft, ActorRef<LinkReply> replyTo) {
      this(owner, draft, null, replyTo);
    }
  }

  record Update(String requester, LinkPatch patch, ActorRef<LinkReply> replyTo)
      implements LinkCommand {}

  record Disable(String requester, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  record Enable(String requester, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  record Delete(String requester, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  record Get(String requester, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  /**
   * What the redirect path needs; open to anyone (visitors are not owners). Counts nothing: for
   * bots, caches and links without {@code maxVisits}.
   */
  record Resolve(ActorRef<Resolution> replyTo) implements LinkCommand {}

  /**
   * A visitor (not a bot) follows a link with {@code maxVisits}: the redirect when one of its
   * visits is left, counted ({@link LinkEvent.LinkVisitCounted}) before the reply; {@link
   * LinkStatus#EXHAUSTED} once none is. For a link without a limit, as {@link Resolve}.
   */
  record Visit(ActorRef<Resolution> replyTo) implements LinkCommand {}

  /**
   * The platform takes the link down (screening, or an admin): not an owner command, so it names no
   * requester; the routes and the screening sweep that send it are the platform's own.
   */
  record Block(String reason, String by, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  /** A platform admin lifts a takedown; the link becomes disabled. */
  record Unblock(String by, ActorRef<LinkReply> replyTo) implements LinkCommand {}
}
