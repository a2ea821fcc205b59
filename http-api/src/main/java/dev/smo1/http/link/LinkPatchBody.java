package dev.smo1.http.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkPatch;
import dev.smo1.link.OptionsJson;
import dev.smo1.link.rules.Routing;
import dev.smo1.link.rules.RoutingJson;
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
      Set.of(
          "target",
          "redirectType",
          "expiresAt",
          "title",
          "tags",
          "forwardQuery",
          "rules",
          "variants",
          "variantsUntil",
          "utm",
          "expiredUrl",
          "preview",
          "maxVisits",
          "password");

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
   * {@code title}, {@code tags}, {@code utm}, {@code expiredUrl}, {@code preview} and {@code
   * maxVisits}; {@code target}, {@code redirectType} and {@code forwardQuery} (a boolean) cannot be
   * cleared.
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
    List<Routing.Rule> rules = null;
    List<Routing.Variant> variants = null;
    Instant variantsUntil = null;
    boolean clearVariantsUntil = false;
    try {
      if (body.has("rules")) {
        rules = RoutingJson.readRules(body.get("rules"));
      }
      if (body.has("variants")) {
        variants = RoutingJson.readVariants(body.get("variants"));
      }
      if (body.has("variantsUntil")) {
        variantsUntil = RoutingJson.readUntil(body.get("variantsUntil"));
        clearVariantsUntil = variantsUntil == null;
      }
    } catch (RoutingJson.Malformed malformed) {
      throw refused(malformed);
    }
    LinkPatch.OptionsPatch options = optionsPatch(body);
    return new LinkPatch(
        target,
        redirectType,
        expiresAt,
        clearExpiry,
        title,
        clearTitle,
        tags,
        forwardQuery,
        rules,
        variants,
        variantsUntil,
        clearVariantsUntil,
        options);
  }

  /** The options a PATCH sets, and those it clears with JSON {@code null}. */
  private static LinkPatch.OptionsPatch optionsPatch(JsonNode body) {
    var cleared = new java.util.HashSet<String>();
    for (String name : LinkPatch.OptionsPatch.NAMES) {
      if (body.has(name) && body.get(name).isNull()) {
        cleared.add(name);
      }
    }
    LinkOptions set =
        options(
            body.get("utm"), body.get("expiredUrl"), body.get("preview"), body.get("maxVisits"));
    return set == null && cleared.isEmpty() ? null : new LinkPatch.OptionsPatch(set, cleared);
  }

  /**
   * The options of a create body (each part null or JSON null when absent: none), or the API's
   * error for a malformed part.
   */
  static LinkOptions options(
      JsonNode utm, JsonNode expiredUrl, JsonNode preview, JsonNode maxVisits) {
    return options(utm, expiredUrl, preview, maxVisits, null);
  }

  /** As {@link #options(JsonNode, JsonNode, JsonNode, JsonNode)}, with a password's hash. */
  static LinkOptions options(
      JsonNode utm,
      JsonNode expiredUrl,
      JsonNode preview,
      JsonNode maxVisits,
      LinkOptions.Password password) {
    if (utm == null && expiredUrl == null && preview == null && maxVisits == null) {
      return password == null ? null : new LinkOptions(null, null, null, null, password);
    }
    try {
      return new LinkOptions(
          OptionsJson.readUtm(utm),
          OptionsJson.optionalText(expiredUrl, "expiredUrl"),
          OptionsJson.readPreview(preview),
          maxVisits == null || maxVisits.isNull() ? null : OptionsJson.readMaxVisits(maxVisits),
          password);
    } catch (RoutingJson.Malformed malformed) {
      throw refused(malformed);
    }
  }

  /** {@code patch} setting the link's password to {@code password} too. */
  static LinkPatch withPassword(LinkPatch patch, LinkOptions.Password password) {
    LinkPatch.OptionsPatch options = patch.options();
    LinkOptions set = options == null ? LinkOptions.NONE : options.set();
    return new LinkPatch(
        patch.target(),
        patch.redirectType(),
        patch.expiresAt(),
        patch.clearExpiry(),
        patch.title(),
        patch.clearTitle(),
        patch.tags(),
        patch.forwardQuery(),
        patch.rules(),
        patch.variants(),
        patch.variantsUntil(),
        patch.clearVariantsUntil(),
        new LinkPatch.OptionsPatch(
            new LinkOptions(set.utm(), set.expiredUrl(), set.preview(), set.maxVisits(), password),
            options == null ? java.util.Set.of() : options.cleared()));
  }

  /**
   * The routing of a create body (each part null when absent: none), or the API's error for a
   * malformed part.
   */
  static Routing routing(JsonNode rules, JsonNode variants, JsonNode variantsUntil) {
    if (rules == null && variants == null && variantsUntil == null) {
      return null;
    }
    try {
      return new Routing(
          RoutingJson.readRules(rules),
          RoutingJson.readVariants(variants),
          RoutingJson.readUntil(variantsUntil));
    } catch (RoutingJson.Malformed malformed) {
      throw refused(malformed);
    }
  }

  /**
   * A malformed part of the routing: an unknown field or a wrong type is a 400 like anywhere else
   * in a body; a text that is no timestamp a 422 of the rules or the variants.
   */
  private static ApiException refused(RoutingJson.Malformed malformed) {
    if (malformed.unknown()) {
      return ApiException.badRequest(
          HttpErrorCodes.UNKNOWN_FIELD, malformed.getMessage(), malformed.field());
    }
    if (malformed.timestamp()) {
      return new ApiException(
          StatusCodes.UNPROCESSABLE_CONTENT,
          new ApiError(
              (malformed.field().startsWith("rules")
                      ? ErrorCode.INVALID_RULES
                      : ErrorCode.INVALID_VARIANTS)
                  .wireName(),
              malformed.getMessage(),
              malformed.field()));
    }
    return ApiException.badRequest(
        HttpErrorCodes.INVALID_TYPE, malformed.getMessage(), malformed.field());
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
