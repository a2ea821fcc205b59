package dev.smo1.link;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The owner-editable part of a link, always in validated, normalised form: {@code target} passed
 * {@link TargetUrls}, {@code tags} are distinct and at most {@link LinkPolicy#MAX_TAGS}. {@code
 * expiresAt} and {@code title} may be null (no expiry, no title). {@code forwardQuery}: the short
 * URL's query string is appended to the target when redirecting (events written before it existed
 * read as false).
 */
public record LinkSettings(
    String target,
    RedirectType redirectType,
    Instant expiresAt,
    String title,
    List<String> tags,
    boolean forwardQuery) {
  public LinkSettings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(redirectType, "redirectType");
    tags = tags == null ? List.of() : List.copyOf(tags);
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
