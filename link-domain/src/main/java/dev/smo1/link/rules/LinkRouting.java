package dev.smo1.link.rules;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates a link's {@link Routing} for one {@link Visit}. Defined once, with the edge's {@code
 * rules.ts}: every parsing step here (the {@code Accept-Language} list, the query, the referrer's
 * host) is a small algorithm both sides spell out the same way rather than a library's reading, and
 * the shared test vectors hold both to it.
 */
public final class LinkRouting {
  /** A variant cookie: the variant's index, in decimal, without leading zeros. */
  private static final Pattern VARIANT_COOKIE = Pattern.compile("0|[1-9][0-9]{0,2}");

  /** An {@code Accept-Language} range: a language tag (the wildcard is left out). */
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{1,8}(-[a-z0-9]{1,8})*");

  /** A quality value as RFC 9110 writes it. */
  private static final Pattern QUALITY = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

  private LinkRouting() {}

  /**
   * Where the visit goes: the first matching rule's target, else (while the test runs) a variant's,
   * else {@code target}.
   *
   * @param random uniform in [0, 1): picks the variant of a visitor without a valid variant cookie
   */
  public static Routed route(String target, Routing routing, Visit visit, double random) {
    for (int i = 0; i < routing.rules().size(); i++) {
      Routing.Rule rule = routing.rules().get(i);
      if (matches(rule.when(), visit)) {
        return new Routed(rule.target(), OptionalInt.of(i), OptionalInt.empty(), false);
      }
    }
    List<Routing.Variant> variants = routing.variants();
    boolean running = !variants.isEmpty() && within(visit.at(), null, routing.variantsUntil());
    if (running) {
      OptionalInt kept = keptVariant(visit.variantCookie(), variants.size());
      if (kept.isPresent()) {
        return new Routed(variants.get(kept.getAsInt()).target(), OptionalInt.empty(), kept, false);
      }
      OptionalInt picked = pick(variants, random);
      if (picked.isPresent()) {
        return new Routed(
            variants.get(picked.getAsInt()).target(), OptionalInt.empty(), picked, true);
      }
    }
    return new Routed(target, OptionalInt.empty(), OptionalInt.empty(), false);
  }

  /** Whether every condition {@code when} sets holds for the visit. */
  public static boolean matches(Conditions when, Visit visit) {
    return among(when.devices(), visit.device())
        && among(when.operatingSystems(), visit.os())
        && among(when.browsers(), visit.browser())
        && among(when.countries(), visit.country().map(c -> c.toUpperCase(Locale.ROOT)))
        && languagesMatch(when.languages(), visit.acceptLanguage())
        && queryMatches(when.query(), visit.query())
        && referrerMatches(when.referrerHosts(), visit.referrer())
        && within(visit.at(), when.from(), when.until());
  }

  private static boolean among(Set<String> allowed, Optional<String> value) {
    return allowed.isEmpty() || value.filter(allowed::contains).isPresent();
  }

  private static boolean languagesMatch(List<String> wanted, Optional<String> header) {
    if (wanted.isEmpty()) {
      return true;
    }
    List<String> accepted = acceptedLanguages(header.orElse(""));
    for (String language : wanted) {
      for (String tag : accepted) {
        if (tag.equals(language) || tag.startsWith(language + "-")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The language tags an {@code Accept-Language} header accepts, lower case, in the order given:
   * ranges with a quality of 0, the wildcard and anything malformed are left out.
   */
  static List<String> acceptedLanguages(String header) {
    List<String> tags = new ArrayList<>();
    for (String range : header.split(",", -1)) {
      String[] parts = range.split(";", -1);
      String tag = ows(parts[0]).toLowerCase(Locale.ROOT);
      if (!LANGUAGE.matcher(tag).matches()) {
        continue;
      }
      boolean accepted = true;
      for (int i = 1; i < parts.length; i++) {
        String parameter = ows(parts[i]);
        if (parameter.length() >= 2
            && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
            && parameter.charAt(1) == '=') {
          String quality = parameter.substring(2);
          accepted = QUALITY.matcher(quality).matches() && Double.parseDouble(quality) > 0;
        }
      }
      if (accepted) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private static boolean queryMatches(List<Conditions.QueryCondition> wanted, String query) {
    if (wanted.isEmpty()) {
      return true;
    }
    List<String[]> parameters = queryParameters(query);
    for (Conditions.QueryCondition condition : wanted) {
      boolean found = false;
      for (String[] parameter : parameters) {
        if (parameter[0].equals(condition.name())
            && (condition.equals() == null || condition.equals().equals(parameter[1]))) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /**
   * The query's name-value pairs as the URL standard's {@code application/x-www-form-urlencoded}
   * parser reads them ({@code URLSearchParams} at the edge): split on {@code &}, then at the first
   * {@code =}; {@code +} is a space; {@code %XX} a byte, any other {@code %} itself; bytes read as
   * UTF-8 with U+FFFD for what is not.
   */
  static List<String[]> queryParameters(String query) {
    String text = query.startsWith("?") ? query.substring(1) : query;
    List<String[]> parameters = new ArrayList<>();
    for (String piece : text.split("&", -1)) {
      if (piece.isEmpty()) {
        continue;
      }
      int equals = piece.indexOf('=');
      String name = equals < 0 ? piece : piece.substring(0, equals);
      String value = equals < 0 ? "" : piece.substring(equals + 1);
      parameters.add(new String[] {formDecode(name), formDecode(value)});
    }
    return parameters;
  }

  private static String formDecode(String text) {
    byte[] bytes = text.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
    var decoded = new ByteArrayOutputStream(bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%'
          && i + 2 < bytes.length
          && hex(bytes[i + 1]) >= 0
          && hex(bytes[i + 2]) >= 0) {
        decoded.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
        i += 2;
      } else {
        decoded.write(bytes[i]);
      }
    }
    return decoded.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
  }

  /** Without the optional white space HTTP allows around values: spaces and tabs. */
  private static String ows(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean referrerMatches(List<String> hosts, Optional<String> referrer) {
    if (hosts.isEmpty()) {
      return true;
    }
    Optional<String> host = referrer.flatMap(LinkRouting::referrerHost);
    if (host.isEmpty()) {
      return false;
    }
    for (String wanted : hosts) {
      if (host.get().equals(wanted) || host.get().endsWith("." + wanted)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The host of an {@code http} or {@code https} referrer, lower case, without user info, port or a
   * final dot; empty for anything else.
   */
  static Optional<String> referrerHost(String referrer) {
    String text = ows(referrer).toLowerCase(Locale.ROOT);
    String rest;
    if (text.startsWith("https://")) {
      rest = text.substring(8);
    } else if (text.startsWith("http://")) {
      rest = text.substring(7);
    } else {
      return Optional.empty();
    }
    int end = rest.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = rest.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String authority = rest.substring(0, end);
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      host = close < 0 ? "" : host.substring(0, close + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.isEmpty() ? Optional.empty() : Optional.of(host);
  }

  private static OptionalInt keptVariant(Optional<String> cookie, int variants) {
    if (cookie.isEmpty() || !VARIANT_COOKIE.matcher(cookie.get()).matches()) {
      return OptionalInt.empty();
    }
    int index = Integer.parseInt(cookie.get());
    return index < variants ? OptionalInt.of(index) : OptionalInt.empty();
  }

  /**
   * The variant at {@code floor(random × total weight)} along the weights laid end to end (a weight
   * of 0 is never picked); empty when every weight is 0.
   */
  private static OptionalInt pick(List<Routing.Variant> variants, double random) {
    long total = 0;
    for (Routing.Variant variant : variants) {
      total += variant.weight();
    }
    if (total <= 0) {
      return OptionalInt.empty();
    }
    long point = Math.min(total - 1, (long) Math.floor(random * total));
    long end = 0;
    for (int i = 0; i < variants.size(); i++) {
      end += variants.get(i).weight();
      if (point < end) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** Whether {@code at} is within [from, until); a null bound is no bound. */
  static boolean within(Instant at, Instant from, Instant until) {
    return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
  }
}
