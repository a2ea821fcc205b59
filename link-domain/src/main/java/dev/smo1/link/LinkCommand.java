package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the link entity can be asked to do. The entity knows its own {@link LinkId} from its entity
 * id, so commands do not repeat it. {@code requester} is the authenticated owner making the call:
 * the entity answers {@link ErrorCode#NOT_FOUND} to anyone else, so existence never leaks.
 */
public sealed interface LinkCommand extends CborSerializable {

  record Create(String owner, LinkDraft draft, ActorRef<LinkReply> replyTo)
      implements LinkCommand {}

  record Update(String requester, LinkPatch patch, ActorRef<LinkReply> replyTo)
      implements LinkCommand {}

  record Disable(String requester, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  record Enable(String requester, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  record Delete(String requester, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  record Get(String requester, ActorRef<LinkReply> replyTo) implements LinkCommand {}

  /** What the redirect path needs; open to anyone (visitors are not owners). */
  record Resolve(ActorRef<Resolution> replyTo) implements LinkCommand {}
}
