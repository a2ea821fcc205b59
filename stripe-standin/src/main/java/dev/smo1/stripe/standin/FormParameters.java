package dev.smo1.stripe.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parameters in Stripe's form encoding: {@code a[b][0][c]=v} nests, {@code a[]=v} appends. The tree
 * keeps every level as a map (list indices are keys); {@link #list} reads a level as a list, so
 * {@code line_items[0][price]} and {@code expand[]} read alike.
 */
final class FormParameters {
  private final Map<String, Object> values;
  private final String prefix;

  private FormParameters(Map<String, Object> values, String prefix) {
    this.values = values;
    this.prefix = prefix;
  }

  static FormParameters empty() {
    return new FormParameters(Map.of(), "");
  }

  /** Parses an {@code application/x-www-form-urlencoded} body or query string. */
  static FormParameters parse(String encoded) {
    var root = new LinkedHashMap<String, Object>();
    if (encoded == null || encoded.isEmpty()) {
      return new FormParameters(root, "");
    }
    for (var pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      var equals = pair.indexOf('=');
      var key = decode(equals < 0 ? pair : pair.substring(0, equals));
      var value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      insert(root, path(key), value, key);
    }
    return new FormParameters(root, "");
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidRequest("Invalid URL encoding: " + text);
    }
  }

  private static List<String> path(String key) {
    var open = key.indexOf('[');
    if (open == 0 || key.isEmpty()) {
      throw ApiError.invalidRequest("Invalid parameter name: '" + key + "'");
    }
    if (open < 0) {
      if (key.indexOf(']') >= 0) {
        throw ApiError.invalidRequest("Invalid parameter name: '" + key + "'");
      }
      return List.of(key);
    }
    var segments = new ArrayList<String>();
    segments.add(key.substring(0, open));
    var at = open;
    while (at < key.length()) {
      if (key.charAt(at) != '[') {
        throw ApiError.invalidRequest("Invalid parameter name: '" + key + "'");
      }
      var close = key.indexOf(']', at);
      if (close < 0) {
        throw ApiError.invalidRequest("Invalid parameter name: '" + key + "'");
      }
      var segment = key.substring(at + 1, close);
      if (segment.indexOf('[') >= 0) {
        throw ApiError.invalidRequest("Invalid parameter name: '" + key + "'");
      }
      segments.add(segment);
      at = close + 1;
    }
    return segments;
  }

  @SuppressWarnings("unchecked")
  private static void insert(
      Map<String, Object> root, List<String> path, String value, String fullKey) {
    Map<String, Object> level = root;
    for (var i = 0; i < path.size(); i++) {
      var segment = path.get(i).isEmpty() ? String.valueOf(level.size()) : path.get(i);
      var last = i == path.size() - 1;
      var existing = level.get(segment);
      if (last) {
        if (existing != null) {
          throw ApiError.invalidRequest("Parameter given more than once: '" + fullKey + "'");
        }
        level.put(segment, value);
      } else if (existing == null) {
        var next = new LinkedHashMap<String, Object>();
        level.put(segment, next);
        level = next;
      } else if (existing instanceof Map<?, ?> map) {
        level = (Map<String, Object>) map;
      } else {
        throw ApiError.invalidRequest(
            "Parameter '" + fullKey + "' nests under a value given as a plain string");
      }
    }
  }

  Set<String> names() {
    return Collections.unmodifiableSet(values.keySet());
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The full bracket name of a parameter at this level, for error messages. */
  String qualified(String name) {
    return prefix.isEmpty() ? name : prefix + "[" + name + "]";
  }

  Optional<String> string(String name) {
    var value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(text);
    }
    throw ApiError.invalidParam(
        qualified(name), "Invalid string: " + qualified(name) + " must be a plain value");
  }

  String required(String name) {
    return string(name)
        .filter(text -> !text.isEmpty())
        .orElseThrow(() -> ApiError.missingParam(qualified(name)));
  }

  Optional<Boolean> bool(String name) {
    return string(name)
        .map(
            text ->
                switch (text) {
                  case "true" -> true;
                  case "false" -> false;
                  default ->
                      throw ApiError.invalidParam(
                          qualified(name),
                          "Invalid boolean: " + text + " (" + qualified(name) + ")");
                });
  }

  Optional<Long> integer(String name) {
    return string(name)
        .map(
            text -> {
              try {
                return Long.parseLong(text);
              } catch (NumberFormatException e) {
                throw ApiError.invalidParam(
                    qualified(name), "Invalid integer: " + text + " (" + qualified(name) + ")");
              }
            });
  }

  @SuppressWarnings("unchecked")
  Optional<FormParameters> nested(String name) {
    var value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      return Optional.of(new FormParameters((Map<String, Object>) map, qualified(name)));
    }
    if ("".equals(value)) {
      // Stripe's way of clearing a hash: name= with nothing
      return Optional.of(new FormParameters(Map.of(), qualified(name)));
    }
    throw ApiError.invalidParam(
        qualified(name), "Invalid object: " + qualified(name) + " must be a hash");
  }

  /** A level read as a list: its keys must be the indices 0, 1, … in any order. */
  List<FormParameters> list(String name) {
    return listValues(name).stream()
        .map(
            entry -> {
              if (entry.value() instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                var typed = (Map<String, Object>) map;
                return new FormParameters(typed, qualified(name) + "[" + entry.index() + "]");
              }
              throw ApiError.invalidParam(
                  qualified(name) + "[" + entry.index() + "]",
                  "Invalid object: " + qualified(name) + "[" + entry.index() + "] must be a hash");
            })
        .toList();
  }

  List<String> strings(String name) {
    var value = values.get(name);
    if (value instanceof String text) {
      return text.isEmpty() ? List.of() : List.of(text);
    }
    return listValues(name).stream()
        .map(
            entry -> {
              if (entry.value() instanceof String text) {
                return text;
              }
              throw ApiError.invalidParam(
                  qualified(name), "Invalid array: " + qualified(name) + " must hold strings");
            })
        .toList();
  }

  /** A hash of strings such as {@code metadata}; an empty value means "unset this key". */
  Map<String, String> stringMap(String name) {
    var level = nested(name);
    if (level.isEmpty()) {
      return Map.of();
    }
    var result = new LinkedHashMap<String, String>();
    for (var key : level.get().names()) {
      result.put(key, level.get().string(key).orElseThrow());
    }
    return result;
  }

  private record Indexed(int index, Object value) {}

  private List<Indexed> listValues(String name) {
    var value = values.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw ApiError.invalidParam(
          qualified(name), "Invalid array: " + qualified(name) + " must be an array");
    }
    var sorted = new TreeMap<Integer, Object>();
    for (var entry : map.entrySet()) {
      try {
        sorted.put(Integer.parseInt((String) entry.getKey()), entry.getValue());
      } catch (NumberFormatException e) {
        throw ApiError.invalidParam(
            qualified(name), "Invalid array: " + qualified(name) + " must be an array");
      }
    }
    var expected = 0;
    var result = new ArrayList<Indexed>();
    for (var entry : sorted.entrySet()) {
      if (entry.getKey() != expected++) {
        throw ApiError.invalidParam(
            qualified(name),
            "Invalid array: " + qualified(name) + " skips index " + (expected - 1));
      }
      result.add(new Indexed(entry.getKey(), entry.getValue()));
    }
    return result;
  }

  /** Refuses any parameter at this level other than the known ones. */
  FormParameters allowOnly(Set<String> known) {
    for (var name : values.keySet()) {
      if (!known.contains(name)) {
        throw ApiError.unknownParam(qualified(name));
      }
    }
    return this;
  }

  /** A canonical text of the whole tree, for comparing idempotent requests' parameters. */
  String fingerprint() {
    return canonical(values);
  }

  private static String canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      var sorted = new TreeMap<String, Object>();
      map.forEach((key, inner) -> sorted.put((String) key, inner));
      var text = new StringBuilder("{");
      sorted.forEach(
          (key, inner) -> text.append(key).append('=').append(canonical(inner)).append(';'));
      return text.append('}').toString();
    }
    return "\"" + ((String) value).replace("\"", "\\\"") + "\"";
  }
}
