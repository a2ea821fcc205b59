package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;

/** Answer to {@link LinkCommand.Resolve}: everything the redirect path needs, nothing more. */
public sealed interface Resolution extends CborSerializable {
  /** {@code expiresAt} (null: never) lets caches stop serving the redirect on time. */
  record Redirect(String target, RedirectType redirectType, Instant expiresAt)
      implements Resolution {}

  /** The link existed but must not redirect: disabled, expired or deleted. */
  record Gone(LinkStatus status) implements Resolution {}

  record NotFound() implements Resolution {}
}
