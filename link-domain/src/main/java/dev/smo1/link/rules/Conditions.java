package dev.smo1.link.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule asks of a visit. Each condition that is set must hold (an empty set or list is not
 * set); within one, any of its values will do. A visit attribute that is unknown (no country, no
 * {@code Accept-Language}, a user agent not recognised) never satisfies a condition on it.
 *
 * @param devices {@code desktop}, {@code mobile}, {@code tablet}
 * @param operatingSystems {@code ios}, {@code android}, {@code windows}, {@code macos}, {@code
 *     linux}, {@code chromeos}
 * @param browsers {@code chrome}, {@code safari}, {@code firefox}, {@code edge}, {@code opera},
 *     {@code samsung}
 * @param countries ISO 3166-1 alpha-2 codes, upper case
 * @param languages language tags, lower case: {@code de} also matches {@code de-at}; {@code pt-br}
 *     matches only itself (and its own subtags)
 * @param query parameters of the short URL's query: each present (any value), or equal to a value
 * @param referrerHosts hosts of the referrer, lower case: a host also matches its subdomains
 * @param from the first instant the rule holds, if limited
 * @param until the instant from which it no longer holds, if limited
 */
public record Conditions(
    Set<String> devices,
    Set<String> operatingSystems,
    Set<String> browsers,
    Set<String> countries,
    List<String> languages,
    List<QueryCondition> query,
    List<String> referrerHosts,
    Optional<Instant> from,
    Optional<Instant> until) {
  public static final Conditions ANY =
      new Conditions(
          Set.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          List.of(),
          List.of(),
          List.of(),
          Optional.empty(),
          Optional.empty());

  public Conditions {
    devices = Set.copyOf(devices);
    operatingSystems = Set.copyOf(operatingSystems);
    browsers = Set.copyOf(browsers);
    countries = Set.copyOf(countries);
    languages = List.copyOf(languages);
    query = List.copyOf(query);
    referrerHosts = List.copyOf(referrerHosts);
  }

  /** A query parameter that must be present ({@code equals} empty) or have the given value. */
  public record QueryCondition(String name, Optional<String> equals) {}
}
