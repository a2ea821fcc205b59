package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;

/** Answer to {@link LinkCommand.Resolve}: everything the redirect path needs, nothing more. */
public sealed interface Resolution extends CborSerializable {
  /**
   * {@code expiresAt} (null: never) lets caches stop serving the redirect on time; with {@code
   * forwardQuery} the request's query string is appended to the target ({@link #location}).
   */
  record Redirect(String target, RedirectType redirectType, Instant expiresAt, boolean forwardQuery)
      implements Resolution {

    public Redirect(String target, RedirectType redirectType, Instant expiresAt) {
      this(target, redirectType, expiresAt, false);
    }

    /**
     * Where to send a visitor whose request had {@code rawQuery} (without '?', as sent; null or
     * empty for none): the target, with the query appended before any fragment when the link
     * forwards it. The edge Worker computes the same (shared fixtures in
     * packages/kv-record/contract).
     */
    public String location(String rawQuery) {
      if (!forwardQuery || rawQuery == null || rawQuery.isEmpty()) {
        return target;
      }
      int hash = target.indexOf('#');
      String base = hash >= 0 ? target.substring(0, hash) : target;
      String fragment = hash >= 0 ? target.substring(hash) : "";
      String joiner =
          base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
      return base + joiner + rawQuery + fragment;
    }
  }

  /** The link existed but must not redirect: disabled, expired or deleted. */
  record Gone(LinkStatus status) implements Resolution {}

  record NotFound() implements Resolution {}
}
