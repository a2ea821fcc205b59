package dev.smo1.clicks;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One visit of a short link, as made where it happened (the edge now; the origin's redirect path
 * next). {@code id} is made there, once, so redeliveries of the same click can be counted once. No
 * raw IP address: {@code visitor} is a daily-rotating pseudonym. Optional texts are null when
 * unknown.
 */
public record Click(
    UUID id,
    String domain,
    String code,
    Instant at,
    String source,
    String country,
    String colo,
    String referrer,
    String userAgent,
    String query,
    String visitor) {
  public Click {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(source, "source");
    query = query == null ? "" : query;
  }
}
