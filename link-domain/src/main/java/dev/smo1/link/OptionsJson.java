package dev.smo1.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smo1.link.rules.RoutingJson.Malformed;
import java.util.Iterator;
import java.util.Set;

/**
 * The JSON shape of {@link LinkOptions}, as the API reads and writes it and the read model and the
 * edge mirror store it: {@code utm} ({@code source}, {@code medium}, {@code campaign}, {@code
 * term}, {@code content}), {@code expiredUrl}, {@code preview} ({@code title}, {@code description},
 * {@code image}), {@code maxVisits} and, for a protected link, {@code passwordSince} (never the
 * password's hash: read back, the password has none), each written only when set. Reading is strict
 * about names and types ({@link Malformed}); values are the policy's ({@link OptionsPolicy}).
 */
public final class OptionsJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> UTM = Set.of("source", "medium", "campaign", "term", "content");
  private static final Set<String> PREVIEW = Set.of("title", "description", "image");

  private OptionsJson() {}

  public static ObjectNode write(LinkOptions options) {
    ObjectNode json = NODES.objectNode();
    if (options.utm() != null) {
      json.set("utm", utm(options.utm()));
    }
    if (options.expiredUrl() != null) {
      json.put("expiredUrl", options.expiredUrl());
    }
    if (options.preview() != null) {
      json.set("preview", preview(options.preview()));
    }
    if (options.maxVisits() != null) {
      json.put("maxVisits", options.maxVisits());
    }
    if (options.password() != null) {
      // whether and since when the link is protected: never its hash
      json.put("passwordSince", options.password().since().toString());
    }
    return json;
  }

  public static ObjectNode utm(LinkOptions.Utm utm) {
    ObjectNode json = NODES.objectNode();
    putIfSet(json, "source", utm.source());
    putIfSet(json, "medium", utm.medium());
    putIfSet(json, "campaign", utm.campaign());
    putIfSet(json, "term", utm.term());
    putIfSet(json, "content", utm.content());
    return json;
  }

  public static ObjectNode preview(LinkOptions.Preview preview) {
    ObjectNode json = NODES.objectNode();
    json.put("title", preview.title());
    putIfSet(json, "description", preview.description());
    putIfSet(json, "image", preview.image());
    return json;
  }

  private static void putIfSet(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  /** Options as {@link #write} wrote them (null or JSON null: none). */
  public static LinkOptions read(JsonNode json) {
    if (json == null || json.isNull()) {
      return LinkOptions.NONE;
    }
    JsonNode maxVisits = json.get("maxVisits");
    String passwordSince = optionalText(json.get("passwordSince"), "passwordSince");
    return new LinkOptions(
        readUtm(json.get("utm")),
        optionalText(json.get("expiredUrl"), "expiredUrl"),
        readPreview(json.get("preview")),
        maxVisits == null || maxVisits.isNull() ? null : readMaxVisits(maxVisits),
        passwordSince == null
            ? null
            : new LinkOptions.Password(null, java.time.Instant.parse(passwordSince)));
  }

  /** A {@code utm} object; null or JSON null: none. */
  public static LinkOptions.Utm readUtm(JsonNode utm) {
    if (utm == null || utm.isNull()) {
      return null;
    }
    object(utm, "utm");
    return new LinkOptions.Utm(
        optionalText(utm.get("source"), "utm.source"),
        optionalText(utm.get("medium"), "utm.medium"),
        optionalText(utm.get("campaign"), "utm.campaign"),
        optionalText(utm.get("term"), "utm.term"),
        optionalText(utm.get("content"), "utm.content"));
  }

  /** A {@code preview} object; null or JSON null: none. */
  public static LinkOptions.Preview readPreview(JsonNode preview) {
    if (preview == null || preview.isNull()) {
      return null;
    }
    object(preview, "preview");
    return new LinkOptions.Preview(
        optionalText(preview.get("title"), "preview.title"),
        optionalText(preview.get("description"), "preview.description"),
        optionalText(preview.get("image"), "preview.image"));
  }

  /** A {@code maxVisits} number (an integer, not JSON null). */
  public static Integer readMaxVisits(JsonNode maxVisits) {
    if (!maxVisits.isIntegralNumber()) {
      throw new Malformed("maxVisits must be an integer", "maxVisits", false, false);
    }
    // a number beyond int is out of range, which the policy says in its words
    return maxVisits.canConvertToInt() ? maxVisits.intValue() : Integer.MAX_VALUE;
  }

  /** A text field; absent or JSON null: not set. */
  public static String optionalText(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new Malformed(field + " must be a string", field, false, false);
    }
    return node.textValue();
  }

  private static void object(JsonNode node, String field) {
    if (!node.isObject()) {
      throw new Malformed(field + " must be an object", field, false, false);
    }
    Set<String> allowed = field.equals("utm") ? UTM : PREVIEW;
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new Malformed(
            "unknown field '" + field + "." + name + "'", field + "." + name, true, false);
      }
    }
  }
}
