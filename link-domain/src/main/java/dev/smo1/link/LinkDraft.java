package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;

/**
 * A create request as the client sent it, not yet validated: the entity validates it (it is the
 * single writer, so validation and persistence cannot race). {@code redirectType}, {@code
 * expiresAt}, {@code title}, {@code tags}, {@code routing} and {@code options} may be null.
 */
public record LinkDraft(
    String target,
    Integer redirectType,
    Instant expiresAt,
    String title,
    List<String> tags,
    Boolean forwardQuery,
    Routing routing,
    LinkOptions options)
    implements CborSerializable {

  /** A draft without {@link LinkOptions}. */
  public LinkDraft(
      String target,
      Integer redirectType,
      Instant expiresAt,
      String title,
      List<String> tags,
      Boolean forwardQuery,
      Routing routing) {
    this(target, redirectType, expiresAt, title, tags, forwardQuery, routing, null);
  }

  /** A draft that leaves {@code forwardQuery} at its default (false). */
  public LinkDraft(
      String target, Integer redirectType, Instant expiresAt, String title, List<String> tags) {
    this(target, redirectType, expiresAt, title, tags, null, null, null);
  }

  /** A draft without targeting rules or A/B test. */
  public LinkDraft(
      String target,
      Integer redirectType,
      Instant expiresAt,
      String title,
      List<String> tags,
      Boolean forwardQuery) {
    this(target, redirectType, expiresAt, title, tags, forwardQuery, null, null);
  }
}
