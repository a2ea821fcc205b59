package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The owner-editable part of a link, always in validated, normalised form: {@code target} passed
 * {@link TargetUrls}, {@code tags} are distinct and at most {@link LinkPolicy#MAX_TAGS}. {@code
 * expiresAt} and {@code title} may be null (no expiry, no title). {@code forwardQuery}: the short
 * URL's query string is appended to the target when redirecting (events written before it existed
 * read as false). {@code routing}: the link's targeting rules and A/B test, validated by {@link
 * RoutingPolicy} (events written before it existed read as none). {@code options}: UTM, fallback
 * URL, preview and max visits, validated by {@link OptionsPolicy} (events written before it existed
 * read as {@link LinkOptions#NONE}).
 */
public record LinkSettings(
    String target,
    RedirectType redirectType,
    Instant expiresAt,
    String title,
    List<String> tags,
    boolean forwardQuery,
    Routing routing,
    LinkOptions options) {
  public LinkSettings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(redirectType, "redirectType");
    tags = tags == null ? List.of() : List.copyOf(tags);
    routing = routing == null ? Routing.NONE : routing;
    options = options == null ? LinkOptions.NONE : options;
  }

  /** Settings of a link without {@link LinkOptions}. */
  public LinkSettings(
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      String title,
      List<String> tags,
      boolean forwardQuery,
      Routing routing) {
    this(target, redirectType, expiresAt, title, tags, forwardQuery, routing, LinkOptions.NONE);
  }

  public LinkSettings withRouting(Routing newRouting) {
    return new LinkSettings(
        target, redirectType, expiresAt, title, tags, forwardQuery, newRouting, options);
  }

  public LinkSettings withOptions(LinkOptions newOptions) {
    return new LinkSettings(
        target, redirectType, expiresAt, title, tags, forwardQuery, routing, newOptions);
  }

  /** Settings of a link that routes every visit to its target. */
  public LinkSettings(
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      String title,
      List<String> tags,
      boolean forwardQuery) {
    this(target, redirectType, expiresAt, title, tags, forwardQuery, Routing.NONE);
  }

  /** Settings of a link that does not forward the query string. */
  public LinkSettings(
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      String title,
      List<String> tags) {
    this(target, redirectType, expiresAt, title, tags, false);
  }
}
