package dev.smo1.accounts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A keyset page's cursor: the instant and the id of the last row shown, as opaque URL-safe text
 * ({@code base64url("<instant>|<id>")}). Lists ordered by {@code (at, id)} continue after it.
 */
public record PageCursor(Instant at, String id) {

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor {@code text} holds; empty when it is not one {@link #encode} made. */
  public static Optional<PageCursor> decode(String text) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      if (bar < 0) {
        return Optional.empty();
      }
      return Optional.of(
          new PageCursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
