package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.Optional;

/** Answer to {@link LinkCommand.Resolve}: everything the redirect path needs, nothing more. */
public sealed interface Resolution extends CborSerializable {
  /**
   * {@code expiresAt} (null: never) lets caches stop serving the redirect on time; with {@code
   * forwardQuery} the request's query string is appended to the target ({@link #location}). The
   * target is as stored: links made before targets were normalised may hold raw non-ASCII, so what
   * goes out is {@link #location}, never the target itself. {@code routing}: the link's targeting
   * rules and A/B test (none: every visit goes to the target); a routed visit's target is {@link
   * dev.smo1.link.rules.LinkRouting}'s, carried by {@link #routedTo}. {@code options}: UTM merged
   * into the location, the fallback of an expired link, the preview for bots, and whether visits
   * are counted ({@link LinkOptions#limited}: the redirect path then asks {@link
   * LinkCommand.Visit}).
   */
  record Redirect(
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      boolean forwardQuery,
      Routing routing,
      LinkOptions options)
      implements Resolution {

    public Redirect {
      routing = routing == null ? Routing.NONE : routing;
      options = options == null ? LinkOptions.NONE : options;
    }

    public Redirect(String target, RedirectType redirectType, Instant expiresAt) {
      this(target, redirectType, expiresAt, false, Routing.NONE, LinkOptions.NONE);
    }

    public Redirect(
        String target, RedirectType redirectType, Instant expiresAt, boolean forwardQuery) {
      this(target, redirectType, expiresAt, forwardQuery, Routing.NONE, LinkOptions.NONE);
    }

    public Redirect(
        String target,
        RedirectType redirectType,
        Instant expiresAt,
        boolean forwardQuery,
        Routing routing) {
      this(target, redirectType, expiresAt, forwardQuery, routing, LinkOptions.NONE);
    }

    /** This redirect to {@code routedTarget} (a rule's or variant's), with nothing else changed. */
    public Redirect routedTo(String routedTarget) {
      return new Redirect(routedTarget, redirectType, expiresAt, forwardQuery, routing, options);
    }

    /**
     * Whether every visitor needs an answer of its own, which no cache may keep: routed, with its
     * visits counted, or behind a password (a shared cache would hand a permanent redirect to
     * visitors who never gave it).
     */
    public boolean personal() {
      return !routing.isEmpty() || options.limited() || options.protectedByPassword();
    }

    /** What this link answers once it has expired: its fallback when it has one. */
    public Gone expired() {
      return new Gone(LinkStatus.EXPIRED, options.expiredUrl());
    }

    /**
     * What the {@code Location} header carries for a visitor whose request had {@code rawQuery}
     * (without '?', as sent; null or empty for none): see {@link #withQuery}. Empty when no
     * redirect can carry the stored target ({@link TargetUrls#location}).
     */
    public Optional<String> location(String rawQuery) {
      return switch (TargetUrls.location(target)) {
        case TargetUrls.Outgoing.Sendable sendable ->
            Optional.of(withQuery(UtmMerge.merge(sendable.location(), options.utm()), rawQuery));
        case TargetUrls.Outgoing.Unsendable ignored -> Optional.empty();
      };
    }

    /**
     * {@code location} (what {@link TargetUrls#location} made of this target) with the visitor's
     * query appended before any fragment when the link forwards it, percent-encoded as the URL
     * standard serialises a query (non-ASCII as UTF-8, {@code "}, {@code '}, {@code <}, {@code >}):
     * the edge Worker appends the query its runtime parsed that way, so both send the same bytes
     * (shared fixtures in packages/kv-record/contract), and the header holds visible ASCII whatever
     * the request had.
     */
    public String withQuery(String location, String rawQuery) {
      if (!forwardQuery || rawQuery == null || rawQuery.isEmpty()) {
        return location;
      }
      int hash = location.indexOf('#');
      String base = hash >= 0 ? location.substring(0, hash) : location;
      String fragment = hash >= 0 ? location.substring(hash) : "";
      String joiner =
          base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
      return base + joiner + PercentEncoding.QUERY.encode(rawQuery) + fragment;
    }
  }

  /**
   * The link existed but must not redirect: disabled, expired, exhausted or deleted. {@code
   * fallback}: where its visitors go instead of the 410 page (the link's {@code expiredUrl}; null:
   * none, and always for a deleted link).
   */
  record Gone(LinkStatus status, String fallback) implements Resolution {
    public Gone(LinkStatus status) {
      this(status, null);
    }
  }

  record NotFound() implements Resolution {}
}
