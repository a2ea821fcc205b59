package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;

/**
 * A partial update as the client sent it. A null field is left unchanged; {@code clearExpiry} and
 * {@code clearTitle} remove the expiry or title (JSON {@code null} in a PATCH body).
 */
public record LinkPatch(
    String target,
    Integer redirectType,
    Instant expiresAt,
    boolean clearExpiry,
    String title,
    boolean clearTitle,
    List<String> tags,
    Boolean forwardQuery)
    implements CborSerializable {

  /** A patch that leaves {@code forwardQuery} as it is. */
  public LinkPatch(
      String target,
      Integer redirectType,
      Instant expiresAt,
      boolean clearExpiry,
      String title,
      boolean clearTitle,
      List<String> tags) {
    this(target, redirectType, expiresAt, clearExpiry, title, clearTitle, tags, null);
  }

  public boolean isEmpty() {
    return target == null
        && redirectType == null
        && expiresAt == null
        && !clearExpiry
        && title == null
        && !clearTitle
        && tags == null
        && forwardQuery == null;
  }
}
