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
   * dev.smo1.link.rules.LinkRouting}'s, carried by {@link #routedTo}.
   */
  record Redirect(
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      boolean forwardQuery,
      Routing routing)
      implements Resolution {

    public Redirect {
      routing = routing == null ? Routing.NONE : routing;
    }

    public Redirect(String target, RedirectType redirectType, Instant expiresAt) {
      this(target, redirectType, expiresAt, false, Routing.NONE);
    }

    public Redirect(
        String target, RedirectType redirectType, Instant expiresAt, boolean forwardQuery) {
      this(target, redirectType, expiresAt, forwardQuery, Routing.NONE);
    }

    /** This redirect to {@code routedTarget} (a rule's or variant's), with nothing else changed. */
    public Redirect routedTo(String routedTarget) {
      return new Redirect(routedTarget, redirectType, expiresAt, forwardQuery, routing);
    }

    /**
     * What the {@code Location} header carries for a visitor whose request had {@code rawQuery}
     * (without '?', as sent; null or empty for none): see {@link #withQuery}. Empty when no
     * redirect can carry the stored target ({@link TargetUrls#location}).
     */
    public Optional<String> location(String rawQuery) {
      return switch (TargetUrls.location(target)) {
        case TargetUrls.Outgoing.Sendable sendable ->
            Optional.of(withQuery(sendable.location(), rawQuery));
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

  /** The link existed but must not redirect: disabled, expired or deleted. */
  record Gone(LinkStatus status) implements Resolution {}

  record NotFound() implements Resolution {}
}
