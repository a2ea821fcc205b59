package dev.smo1.projection.readmodel;

import dev.smo1.link.LinkStatus;
import dev.smo1.link.LinkView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * An owner's links as the dashboard lists them, newest first, a page at a time: what the link
 * routes need of the read model ({@link LinkQueries} on PostgreSQL; a fake in route tests).
 */
public interface LinkListing {
  int MAX_LIMIT = 100;

  /** What to list; null filters are not applied. {@code query} matches code, target or title. */
  public record Filter(String tag, LinkStatus status, String query) {}

  /** One page and the cursor of the next (empty on the last page). */
  public record Page(List<LinkView> items, Optional<String> nextCursor) {}

  /** A decoded cursor: the sort key of the last link of the previous page. */
  public record Cursor(Instant createdAt, String code) {
    public String encode() {
      String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + code;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when {@code value} is not a cursor this service issued. */
    public static Optional<Cursor> decode(String value) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        String[] parts = raw.split(":", 3);
        if (parts.length != 3 || parts[2].isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(
            new Cursor(
                Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                parts[2]));
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        return Optional.empty();
      }
    }
  }

  /** One page of the owner's links on {@code domain}; {@code limit} is 1 to {@link #MAX_LIMIT}. */
  CompletionStage<Page> list(
      String owner, String domain, Filter filter, Optional<Cursor> after, int limit);
}
