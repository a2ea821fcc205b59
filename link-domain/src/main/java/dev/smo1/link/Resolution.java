package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;

/** Answer to {@link LinkCommand.Resolve}: everything the redirect path needs, nothing more. */
public sealed interface Resolution extends CborSerializable {
  record Redirect(String target, RedirectType redirectType) implements Resolution {}

  /** The link existed but must not redirect: disabled, expired or deleted. */
  record Gone(LinkStatus status) implements Resolution {}

  record NotFound() implements Resolution {}
}
