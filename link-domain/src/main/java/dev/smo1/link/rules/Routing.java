package dev.smo1.link.rules;

import java.time.Instant;
import java.util.List;

/**
 * A link's targeting rules and A/B test: the rules in order (the first that matches decides), then,
 * when none matches, the variants while the test runs (until {@code variantsUntil}, excluded; null:
 * no end), else the link's own target. Part of a link's settings in the journal: targets are
 * normalised URLs as {@code LinkSettings.target} is, and null lists read as empty.
 */
public record Routing(List<Rule> rules, List<Variant> variants, Instant variantsUntil) {
  public static final Routing NONE = new Routing(List.of(), List.of(), null);

  public Routing {
    rules = rules == null ? List.of() : List.copyOf(rules);
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  /** Whether the link routes visits itself (else every visit goes to its target). */
  public boolean isEmpty() {
    return rules.isEmpty() && variants.isEmpty();
  }

  /** A rule: when every condition it sets holds, the visit goes to {@code target}. */
  public record Rule(Conditions when, String target) {
    public Rule {
      when = when == null ? Conditions.ANY : when;
    }
  }

  /** One arm of an A/B test: new visitors are spread over the arms by weight. */
  public record Variant(String target, int weight) {}
}
