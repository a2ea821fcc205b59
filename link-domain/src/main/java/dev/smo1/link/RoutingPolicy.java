package dev.smo1.link;

import dev.smo1.link.rules.Conditions;
import dev.smo1.link.rules.Routing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of a link's targeting rules and A/B test ({@link Routing}), into the normalised form
 * the journal keeps: targets through {@link TargetUrls}, countries upper case, languages and hosts
 * lower case, duplicates dropped. The first reason to refuse names its field ({@code
 * rules[2].when.country}, {@code variants[1].weight}).
 */
public final class RoutingPolicy {
  public static final int MAX_RULES = 10;
  public static final int MIN_VARIANTS = 2;
  public static final int MAX_VARIANTS = 5;
  public static final int MAX_WEIGHT = 1_000;
  public static final int MAX_LIST = 50;
  public static final int MAX_QUERY_CONDITIONS = 10;
  public static final int MAX_QUERY_NAME = 64;
  public static final int MAX_QUERY_VALUE = 256;

  /**
   * The values of the user-agent classes ({@code packages/kv-record/contract/user-agents.json}).
   */
  public static final Set<String> DEVICES = Set.of("desktop", "mobile", "tablet");

  public static final Set<String> OPERATING_SYSTEMS =
      Set.of("ios", "android", "windows", "macos", "linux", "chromeos");
  public static final Set<String> BROWSERS =
      Set.of("chrome", "safari", "firefox", "edge", "opera", "samsung");

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{1,8}(-[a-z0-9]{1,8})*");
  private static final Pattern HOST =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*"
              + "|\\[[0-9a-f:.]{2,45}\\]");

  private RoutingPolicy() {}

  /** Outcome: the normalised routing, or the first reason to refuse. */
  public sealed interface Checked {
    record Valid(Routing routing) implements Checked {}

    record Invalid(Violation violation) implements Checked {}
  }

  /** Refusal of one part of the routing, thrown inside and caught by {@link #validate}. */
  private static final class Refused extends RuntimeException {
    final transient Violation violation;

    Refused(ErrorCode code, String message, String field) {
      super(message, null, false, false);
      this.violation = new Violation(code, message, field);
    }
  }

  public static Checked validate(Routing raw, Set<String> shortDomains, Instant now) {
    return validate(raw, shortDomains, now, null);
  }

  /**
   * As {@link #validate(Routing, Set, Instant)}, for an update that leaves {@code keptUntil} (the
   * test's end the link has) as it is: an end that has passed may stay.
   */
  public static Checked validate(
      Routing raw, Set<String> shortDomains, Instant now, Instant keptUntil) {
    if (raw == null) {
      return new Checked.Valid(Routing.NONE);
    }
    try {
      return new Checked.Valid(
          new Routing(
              rules(raw.rules(), shortDomains, now),
              variants(raw.variants(), shortDomains),
              variantsUntil(raw, now, keptUntil)));
    } catch (Refused refused) {
      return new Checked.Invalid(refused.violation);
    }
  }

  private static List<Routing.Rule> rules(
      List<Routing.Rule> rules, Set<String> shortDomains, Instant now) {
    if (rules.size() > MAX_RULES) {
      throw rulesRefused("at most " + MAX_RULES + " rules", "rules");
    }
    List<Routing.Rule> valid = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      Routing.Rule rule = rules.get(i);
      String field = "rules[" + i + "]";
      if (rule == null) {
        throw rulesRefused("a rule must be an object with when and target", field);
      }
      valid.add(
          new Routing.Rule(
              conditions(rule.when(), field + ".when"),
              target(rule.target(), shortDomains, field + ".target")));
    }
    return valid;
  }

  private static Conditions conditions(Conditions when, String field) {
    if (when.from() != null && when.until() != null && !when.from().isBefore(when.until())) {
      throw rulesRefused("from must be before until", field + ".until");
    }
    return new Conditions(
        among(when.devices(), DEVICES, field + ".device"),
        among(when.operatingSystems(), OPERATING_SYSTEMS, field + ".os"),
        among(when.browsers(), BROWSERS, field + ".browser"),
        matching(
            when.countries(),
            value -> value.toUpperCase(Locale.ROOT),
            COUNTRY,
            "ISO 3166-1 alpha-2 country codes",
            field + ".country"),
        List.copyOf(
            matching(
                when.languages(),
                value -> value.toLowerCase(Locale.ROOT),
                LANGUAGE,
                "language tags such as de or pt-br",
                field + ".language")),
        query(when.query(), field + ".query"),
        List.copyOf(
            matching(
                when.referrerHosts(),
                value -> value.toLowerCase(Locale.ROOT),
                HOST,
                "host names such as t.co",
                field + ".referrerHost")),
        when.from(),
        when.until());
  }

  private static Set<String> among(Set<String> values, Set<String> allowed, String field) {
    checkSize(values.size(), field);
    for (String value : values) {
      if (!allowed.contains(value)) {
        throw rulesRefused(
            field.substring(field.lastIndexOf('.') + 1)
                + " must be among "
                + String.join(", ", allowed.stream().sorted().toList()),
            field);
      }
    }
    return values;
  }

  private static Set<String> matching(
      java.util.Collection<String> values,
      java.util.function.UnaryOperator<String> normalise,
      Pattern pattern,
      String what,
      String field) {
    checkSize(values.size(), field);
    Set<String> normalised = new LinkedHashSet<>();
    for (String value : values) {
      String candidate = value == null ? "" : normalise.apply(value.strip());
      if (!pattern.matcher(candidate).matches()) {
        throw rulesRefused(
            field.substring(field.lastIndexOf('.') + 1) + " must hold " + what, field);
      }
      normalised.add(candidate);
    }
    return normalised;
  }

  private static void checkSize(int size, String field) {
    if (size > MAX_LIST) {
      throw rulesRefused("at most " + MAX_LIST + " values", field);
    }
  }

  private static List<Conditions.QueryCondition> query(
      List<Conditions.QueryCondition> conditions, String field) {
    if (conditions.size() > MAX_QUERY_CONDITIONS) {
      throw rulesRefused("at most " + MAX_QUERY_CONDITIONS + " query parameters", field);
    }
    Set<String> names = new LinkedHashSet<>();
    for (Conditions.QueryCondition condition : conditions) {
      String name = condition.name();
      if (name == null
          || name.isEmpty()
          || name.length() > MAX_QUERY_NAME
          || name.chars().anyMatch(Character::isISOControl)) {
        throw rulesRefused(
            "query parameter names are 1 to " + MAX_QUERY_NAME + " characters", field);
      }
      if (condition.equals() != null
          && (condition.equals().length() > MAX_QUERY_VALUE
              || condition.equals().chars().anyMatch(Character::isISOControl))) {
        throw rulesRefused(
            "query parameter values are at most " + MAX_QUERY_VALUE + " characters",
            field + "." + name);
      }
      if (!names.add(name)) {
        throw rulesRefused("query parameter " + name + " is given twice", field);
      }
    }
    return conditions;
  }

  private static List<Routing.Variant> variants(
      List<Routing.Variant> variants, Set<String> shortDomains) {
    if (variants.isEmpty()) {
      return variants;
    }
    if (variants.size() < MIN_VARIANTS || variants.size() > MAX_VARIANTS) {
      throw variantsRefused(
          "an A/B test has " + MIN_VARIANTS + " to " + MAX_VARIANTS + " variants", "variants");
    }
    List<Routing.Variant> valid = new ArrayList<>(variants.size());
    int total = 0;
    for (int i = 0; i < variants.size(); i++) {
      Routing.Variant variant = variants.get(i);
      String field = "variants[" + i + "]";
      if (variant == null) {
        throw variantsRefused("a variant must be an object with target and weight", field);
      }
      if (variant.weight() < 0 || variant.weight() > MAX_WEIGHT) {
        throw variantsRefused("weights are 0 to " + MAX_WEIGHT, field + ".weight");
      }
      total += variant.weight();
      valid.add(
          new Routing.Variant(
              target(variant.target(), shortDomains, field + ".target"), variant.weight()));
    }
    if (total == 0) {
      throw variantsRefused("at least one variant needs a weight above 0", "variants");
    }
    return valid;
  }

  private static Instant variantsUntil(Routing raw, Instant now, Instant keptUntil) {
    if (raw.variantsUntil() == null) {
      return null;
    }
    if (raw.variants().isEmpty()) {
      throw variantsRefused("variantsUntil needs variants", "variantsUntil");
    }
    if (!raw.variantsUntil().equals(keptUntil) && !raw.variantsUntil().isAfter(now)) {
      throw variantsRefused("variantsUntil must be in the future", "variantsUntil");
    }
    return raw.variantsUntil();
  }

  private static String target(String raw, Set<String> shortDomains, String field) {
    return switch (TargetUrls.normalise(raw, shortDomains)) {
      case TargetUrls.Result.Valid valid -> valid.url();
      case TargetUrls.Result.Invalid invalid ->
          throw new Refused(invalid.violation().code(), invalid.violation().message(), field);
    };
  }

  private static Refused rulesRefused(String message, String field) {
    return new Refused(ErrorCode.INVALID_RULES, message, field);
  }

  private static Refused variantsRefused(String message, String field) {
    return new Refused(ErrorCode.INVALID_VARIANTS, message, field);
  }
}
