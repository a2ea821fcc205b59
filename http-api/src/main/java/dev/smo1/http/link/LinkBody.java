package dev.smo1.http.link;

import dev.smo1.link.LinkStatus;
import dev.smo1.link.LinkView;
import java.time.Instant;
import java.util.List;

/** A link as the API returns it. */
public record LinkBody(
    String code,
    String domain,
    String shortUrl,
    String target,
    int redirectType,
    Instant expiresAt,
    String title,
    List<String> tags,
    boolean forwardQuery,
    LinkStatus status,
    Instant createdAt,
    Instant updatedAt) {

  static LinkBody of(LinkView view, String shortUrl) {
    return new LinkBody(
        view.code(),
        view.domain(),
        shortUrl,
        view.target(),
        view.redirectType().status(),
        view.expiresAt(),
        view.title(),
        view.tags(),
        view.forwardQuery(),
        view.status(),
        view.createdAt(),
        view.updatedAt());
  }
}
