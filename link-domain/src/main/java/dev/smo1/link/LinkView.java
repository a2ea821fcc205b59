package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;

/** A link as its owner sees it; {@code status} is computed at the time of the reply. */
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
    LinkStatus status,
    Instant createdAt,
    Instant updatedAt)
    implements CborSerializable {

  public LinkView {
    routing = routing == null ? Routing.NONE : routing;
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
        status,
        link.createdAt(),
        link.updatedAt());
  }
}
