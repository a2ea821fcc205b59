package dev.smo1.link.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A link's routing as JSON, the one shape the API, the links read model and the shared test vectors
 * use: {@code rules} (each {@code {"when": {device, os, browser, country, language, query,
 * referrerHost, from, until}, "target"}}, {@code query} an object of parameter to value or null),
 * {@code variants} (each {@code {"target", "weight"}}) and {@code variantsUntil}. Reading is
 * strict: an unknown field or a wrong JSON type is {@link Malformed}, naming the field.
 */
public final class RoutingJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> CONDITIONS =
      Set.of(
          "device",
          "os",
          "browser",
          "country",
          "language",
          "query",
          "referrerHost",
          "from",
          "until");

  private RoutingJson() {}

  /** A field that is not what the shape allows: {@code unknown} field, or of the wrong type. */
  public static final class Malformed extends RuntimeException {
    private final String field;
    private final boolean unknown;
    private final boolean timestamp;

    public Malformed(String message, String field, boolean unknown, boolean timestamp) {
      super(message, null, false, false);
      this.field = field;
      this.unknown = unknown;
      this.timestamp = timestamp;
    }

    public String field() {
      return field;
    }

    /** An unknown field, rather than a known one of the wrong type. */
    public boolean unknown() {
      return unknown;
    }

    /** A text that is no RFC 3339 timestamp (a value refused, rather than a wrong type). */
    public boolean timestamp() {
      return timestamp;
    }
  }

  /** The rules as a JSON array. */
  public static ArrayNode rules(Routing routing) {
    ArrayNode rules = NODES.arrayNode();
    for (Routing.Rule rule : routing.rules()) {
      ObjectNode when = NODES.objectNode();
      Conditions c = rule.when();
      list(when, "device", sorted(c.devices()));
      list(when, "os", sorted(c.operatingSystems()));
      list(when, "browser", sorted(c.browsers()));
      list(when, "country", sorted(c.countries()));
      list(when, "language", c.languages());
      if (!c.query().isEmpty()) {
        ObjectNode query = when.putObject("query");
        c.query().forEach(q -> query.put(q.name(), q.equals()));
      }
      list(when, "referrerHost", c.referrerHosts());
      if (c.from() != null) {
        when.put("from", c.from().toString());
      }
      if (c.until() != null) {
        when.put("until", c.until().toString());
      }
      ObjectNode each = rules.addObject();
      each.set("when", when);
      each.put("target", rule.target());
    }
    return rules;
  }

  /** The variants as a JSON array. */
  public static ArrayNode variants(Routing routing) {
    ArrayNode variants = NODES.arrayNode();
    routing
        .variants()
        .forEach(v -> variants.addObject().put("target", v.target()).put("weight", v.weight()));
    return variants;
  }

  /** The whole routing as one object (the read model's column). */
  public static ObjectNode write(Routing routing) {
    ObjectNode json = NODES.objectNode();
    json.set("rules", rules(routing));
    json.set("variants", variants(routing));
    json.put(
        "variantsUntil",
        routing.variantsUntil() == null ? null : routing.variantsUntil().toString());
    return json;
  }

  /** The routing {@link #write} wrote. */
  public static Routing read(JsonNode json) {
    return new Routing(
        readRules(json.get("rules")),
        readVariants(json.get("variants")),
        readUntil(json.get("variantsUntil")));
  }

  /** Rules as the API receives them; null or JSON null: none. */
  public static List<Routing.Rule> readRules(JsonNode rules) {
    if (rules == null || rules.isNull()) {
      return List.of();
    }
    array(rules, "rules");
    List<Routing.Rule> read = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String field = "rules[" + i + "]";
      JsonNode rule = object(rules.get(i), field);
      only(rule, Set.of("when", "target"), field);
      JsonNode when = rule.get("when");
      read.add(
          new Routing.Rule(
              when == null || when.isNull()
                  ? Conditions.ANY
                  : conditions(object(when, field + ".when"), field + ".when"),
              text(rule.get("target"), field + ".target")));
    }
    return read;
  }

  /** Variants as the API receives them; null or JSON null: none. */
  public static List<Routing.Variant> readVariants(JsonNode variants) {
    if (variants == null || variants.isNull()) {
      return List.of();
    }
    array(variants, "variants");
    List<Routing.Variant> read = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      String field = "variants[" + i + "]";
      JsonNode variant = object(variants.get(i), field);
      only(variant, Set.of("target", "weight"), field);
      JsonNode weight = variant.get("weight");
      if (weight == null || !weight.isIntegralNumber() || !weight.canConvertToInt()) {
        throw new Malformed(field + ".weight must be an integer", field + ".weight", false, false);
      }
      read.add(
          new Routing.Variant(text(variant.get("target"), field + ".target"), weight.intValue()));
    }
    return read;
  }

  /** The end of the A/B test; null or JSON null: none. */
  public static Instant readUntil(JsonNode until) {
    return until == null || until.isNull() ? null : timestamp(until, "variantsUntil");
  }

  private static Conditions conditions(JsonNode when, String field) {
    only(when, CONDITIONS, field);
    List<Conditions.QueryCondition> query = new ArrayList<>();
    JsonNode parameters = when.get("query");
    if (parameters != null && !parameters.isNull()) {
      object(parameters, field + ".query");
      for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
        var parameter = it.next();
        JsonNode value = parameter.getValue();
        if (!value.isNull() && !value.isTextual()) {
          throw new Malformed(
              field + ".query." + parameter.getKey() + " must be a string or null",
              field + ".query",
              false,
              false);
        }
        query.add(
            new Conditions.QueryCondition(
                parameter.getKey(), value.isNull() ? null : value.textValue()));
      }
    }
    return new Conditions(
        new LinkedHashSet<>(strings(when.get("device"), field + ".device")),
        new LinkedHashSet<>(strings(when.get("os"), field + ".os")),
        new LinkedHashSet<>(strings(when.get("browser"), field + ".browser")),
        new LinkedHashSet<>(strings(when.get("country"), field + ".country")),
        strings(when.get("language"), field + ".language"),
        query,
        strings(when.get("referrerHost"), field + ".referrerHost"),
        optionalTimestamp(when.get("from"), field + ".from"),
        optionalTimestamp(when.get("until"), field + ".until"));
  }

  private static List<String> strings(JsonNode list, String field) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    array(list, field);
    List<String> values = new ArrayList<>(list.size());
    list.forEach(value -> values.add(text(value, field)));
    return values;
  }

  private static Instant optionalTimestamp(JsonNode value, String field) {
    return value == null || value.isNull() ? null : timestamp(value, field);
  }

  private static Instant timestamp(JsonNode value, String field) {
    String text = text(value, field);
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new Malformed(
          field + " must be an RFC 3339 timestamp with offset, e.g. 2030-01-31T12:00:00Z",
          field,
          false,
          true);
    }
  }

  private static String text(JsonNode value, String field) {
    if (value == null || !value.isTextual()) {
      throw new Malformed(field + " must be a string", field, false, false);
    }
    return value.textValue();
  }

  private static void array(JsonNode value, String field) {
    if (!value.isArray()) {
      throw new Malformed(field + " must be an array", field, false, false);
    }
  }

  private static JsonNode object(JsonNode value, String field) {
    if (value == null || !value.isObject()) {
      throw new Malformed(field + " must be an object", field, false, false);
    }
    return value;
  }

  private static void only(JsonNode object, Set<String> allowed, String field) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new Malformed("unknown field '" + name + "'", field + "." + name, true, false);
      }
    }
  }

  private static void list(ObjectNode object, String name, Collection<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = object.putArray(name);
      values.forEach(array::add);
    }
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
