package dev.smo1.http.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkPatch;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * The PATCH body of a link read into a {@link dev.smo1.link.LinkPatch} (only the fields it may
 * change; JSON {@code null} clears the expiry or title), and the RFC 3339 timestamps create and
 * update bodies share.
 */
final class LinkPatchBody {
  private static final Set<String> PATCHABLE =
      Set.of("target", "redirectType", "expiresAt", "title", "tags", "forwardQuery");

  private LinkPatchBody() {}

  /** RFC 3339: a date-time with an explicit offset ({@code Z} or {@code +02:00}). */
  static Instant timestamp(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiException(
          StatusCodes.UNPROCESSABLE_CONTENT,
          new ApiError(
              ErrorCode.INVALID_EXPIRY.wireName(),
              "expiresAt must be an RFC 3339 timestamp with offset, e.g. 2030-01-31T12:00:00Z",
              "expiresAt"));
    }
  }

  /**
   * A PATCH body: a field that is absent stays unchanged; {@code null} clears {@code expiresAt},
   * {@code title} and {@code tags}; {@code target}, {@code redirectType} and {@code forwardQuery}
   * (a boolean) cannot be cleared.
   */
  static LinkPatch parse(JsonNode body) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PATCHABLE.contains(name)) {
        throw ApiException.badRequest(
            HttpErrorCodes.UNKNOWN_FIELD, "unknown field '" + name + "'", name);
      }
    }
    String target = null;
    if (body.has("target")) {
      target = requireText(body.get("target"), "target");
    }
    Integer redirectType = null;
    if (body.has("redirectType")) {
      JsonNode node = body.get("redirectType");
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw wrongType("redirectType");
      }
      redirectType = node.intValue();
    }
    Instant expiresAt = null;
    boolean clearExpiry = false;
    if (body.has("expiresAt")) {
      JsonNode node = body.get("expiresAt");
      if (node.isNull()) {
        clearExpiry = true;
      } else {
        expiresAt = timestamp(requireText(node, "expiresAt"));
      }
    }
    String title = null;
    boolean clearTitle = false;
    if (body.has("title")) {
      JsonNode node = body.get("title");
      if (node.isNull()) {
        clearTitle = true;
      } else {
        title = requireText(node, "title");
      }
    }
    List<String> tags = null;
    if (body.has("tags")) {
      JsonNode node = body.get("tags");
      if (node.isNull()) {
        tags = List.of();
      } else if (!node.isArray()) {
        throw wrongType("tags");
      } else {
        tags = new ArrayList<>();
        for (JsonNode tag : node) {
          tags.add(requireText(tag, "tags"));
        }
      }
    }
    Boolean forwardQuery = null;
    if (body.has("forwardQuery")) {
      JsonNode node = body.get("forwardQuery");
      if (!node.isBoolean()) {
        throw wrongType("forwardQuery");
      }
      forwardQuery = node.booleanValue();
    }
    return new LinkPatch(
        target, redirectType, expiresAt, clearExpiry, title, clearTitle, tags, forwardQuery);
  }

  private static String requireText(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw wrongType(field);
    }
    return node.textValue();
  }

  private static ApiException wrongType(String field) {
    return ApiException.badRequest(
        HttpErrorCodes.INVALID_TYPE, "field '" + field + "' has the wrong JSON type", field);
  }
}
