package dev.smo1.projection.edge;

import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.RedirectType;
import dev.smo1.link.rules.Routing;
import java.time.Instant;
import java.util.Objects;

/**
 * What the edge needs to know of one link, as of event {@code version}: enough to redirect, or to
 * answer 410. A disabled link keeps its target here so that enabling it again restores the
 * redirect. {@code routing}: the link's targeting rules and A/B test (none for most links), which
 * make its record format 2, as do its {@code options} (UTM, fallback, preview, max visits).
 */
public record EdgeLink(
    String domain,
    String code,
    long version,
    LinkStatus status,
    String target,
    RedirectType redirectType,
    Instant expiresAt,
    boolean forwardQuery,
    Routing routing,
    LinkOptions options) {

  /** A link without {@link LinkOptions}. */
  public EdgeLink(
      String domain,
      String code,
      long version,
      LinkStatus status,
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      boolean forwardQuery,
      Routing routing) {
    this(
        domain,
        code,
        version,
        status,
        target,
        redirectType,
        expiresAt,
        forwardQuery,
        routing,
        LinkOptions.NONE);
  }

  /** A link every visit of which goes to its target. */
  public EdgeLink(
      String domain,
      String code,
      long version,
      LinkStatus status,
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      boolean forwardQuery) {
    this(
        domain, code, version, status, target, redirectType, expiresAt, forwardQuery, Routing.NONE);
  }

  public EdgeLink {
    routing = routing == null ? Routing.NONE : routing;
    options = options == null ? LinkOptions.NONE : options;
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(status, "status");
    if (status == LinkStatus.EXPIRED) {
      throw new IllegalArgumentException("expired is judged by the reader's clock, never stored");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1: " + version);
    }
    if (status == LinkStatus.ACTIVE && (target == null || redirectType == null)) {
      throw new IllegalArgumentException("an active link needs a target and a redirect type");
    }
  }
}
