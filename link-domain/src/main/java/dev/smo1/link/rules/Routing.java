package dev.smo1.link.rules;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A link's targeting rules and A/B test: the rules in order (the first that matches decides), then,
 * when none matches, the variants while the test runs ({@code variantsUntil} excluded), else the
 * link's own target.
 */
public record Routing(List<Rule> rules, List<Variant> variants, Optional<Instant> variantsUntil) {
  public static final Routing NONE = new Routing(List.of(), List.of(), Optional.empty());

  public Routing {
    rules = List.copyOf(rules);
    variants = List.copyOf(variants);
  }

  /** Whether the link routes visits itself (else every visit goes to its target). */
  public boolean isEmpty() {
    return rules.isEmpty() && variants.isEmpty();
  }

  /** A rule: when every condition it sets holds, the visit goes to {@code target}. */
  public record Rule(Conditions when, URI target) {}

  /** One arm of an A/B test: new visitors are spread over the arms by weight. */
  public record Variant(URI target, int weight) {}
}
