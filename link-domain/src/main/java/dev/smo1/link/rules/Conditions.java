package dev.smo1.link.rules;

import java.time.Instant;
import java.util.List;
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
 * @param from the first instant the rule holds (null: no start)
 * @param until the instant from which it no longer holds (null: no end)
 */
public record Conditions(
    Set<String> devices,
    Set<String> operatingSystems,
    Set<String> browsers,
    Set<String> countries,
    List<String> languages,
    List<QueryCondition> query,
    List<String> referrerHosts,
    Instant from,
    Instant until) {
  public static final Conditions ANY =
      new Conditions(
          Set.of(), Set.of(), Set.of(), Set.of(), List.of(), List.of(), List.of(), null, null);

  public Conditions {
    devices = devices == null ? Set.of() : Set.copyOf(devices);
    operatingSystems = operatingSystems == null ? Set.of() : Set.copyOf(operatingSystems);
    browsers = browsers == null ? Set.of() : Set.copyOf(browsers);
    countries = countries == null ? Set.of() : Set.copyOf(countries);
    languages = languages == null ? List.of() : List.copyOf(languages);
    query = query == null ? List.of() : List.copyOf(query);
    referrerHosts = referrerHosts == null ? List.of() : List.copyOf(referrerHosts);
  }

  /** A query parameter that must be present ({@code equals} null) or have the given value. */
  public record QueryCondition(String name, String equals) {}
}
