package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;

/**
 * A link as its owner sees it; {@code status} is computed at the time of the reply. {@code visits}:
 * the visits counted against its {@code maxVisits} (0 for a link without).
 */
public record LinkView(
    String domain,
    String code,
    String owner,
    String target,
    RedirectType redirectType,
    Instant expiresAt,
    String title,
    List<String> tags,
    boolean forwardQuery,
    Routing routing,
    LinkOptions options,
    long visits,
    LinkStatus status,
    Instant createdAt,
    Instant updatedAt)
    implements CborSerializable {

  public LinkView {
    routing = routing == null ? Routing.NONE : routing;
    options = options == null ? LinkOptions.NONE : options;
  }

  /** The view of a link without {@link LinkOptions}. */
  public LinkView(
      String domain,
      String code,
      String owner,
      String target,
      RedirectType redirectType,
      Instant expiresAt,
      String title,
      List<String> tags,
      boolean forwardQuery,
      Routing routing,
      LinkStatus status,
      Instant createdAt,
      Instant updatedAt) {
    this(
        domain,
        code,
        owner,
        target,
        redirectType,
        expiresAt,
        title,
        tags,
        forwardQuery,
        routing,
        LinkOptions.NONE,
        0,
        status,
        createdAt,
        updatedAt);
  }

  static LinkView of(LinkState.Link link, LinkStatus status) {
    var settings = link.settings();
    return new LinkView(
        link.domain(),
        link.code(),
        link.owner(),
        settings.target(),
        settings.redirectType(),
        settings.expiresAt(),
        settings.title(),
        settings.tags(),
        settings.forwardQuery(),
        settings.routing(),
        settings.options(),
        link.visits(),
        status,
        link.createdAt(),
        link.updatedAt());
  }
}
