package dev.smo1.prober;

import java.util.Optional;
import java.util.Set;

/**
 * What the edge must answer for one code: one of {@code statuses}, with a {@code Location} among
 * {@code locations}. A plain link has one status (its redirect type) and one location; a link with
 * targeting rules or an A/B test has one location per target a visit may be routed to, since which
 * one a probe gets depends on routing the prober does not control.
 */
public record Expectation(String code, Set<Integer> statuses, Set<String> locations) {
  /** The redirect statuses SMO1 sends (a codes file line that names no status accepts any). */
  public static final Set<Integer> REDIRECTS = Set.of(301, 302, 307, 308);

  public Expectation {
    if (statuses.isEmpty() || locations.isEmpty()) {
      throw new IllegalArgumentException("an expectation needs a status and a location: " + code);
    }
    statuses = Set.copyOf(statuses);
    locations = Set.copyOf(locations);
  }

  /** Why an answer fails this expectation; empty when it meets it. */
  public Optional<ErrorReason> check(int status, Optional<String> location) {
    if (!statuses.contains(status)) {
      return Optional.of(ErrorReason.STATUS);
    }
    if (location.isEmpty() || !locations.contains(location.get())) {
      return Optional.of(ErrorReason.LOCATION);
    }
    return Optional.empty();
  }
}
