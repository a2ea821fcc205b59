package dev.smo1.accounts.domains;

import java.time.Duration;
import java.util.Set;

/**
 * How custom domains are checked: SMO1's own domains (never a custom domain), how many a workspace
 * may have, and the re-check schedule. A pending domain is checked {@code firstRetry} after it was
 * added, then with the wait doubling up to {@code maxRetry}, and given up on {@code giveUpAfter}
 * after it was added (a check asked for through the API still runs); a verified one is checked
 * again every {@code recheckVerified}, and a failing one with the pending backoff.
 */
public record DomainRules(
    Set<String> ownDomains,
    int maxPerWorkspace,
    Duration firstRetry,
    Duration maxRetry,
    Duration giveUpAfter,
    Duration recheckVerified) {
  public DomainRules {
    ownDomains = Set.copyOf(ownDomains);
    if (maxPerWorkspace < 1 || firstRetry.isNegative() || firstRetry.isZero()) {
      throw new IllegalArgumentException("domain rules must allow a domain and a first retry");
    }
  }

  /** The wait after the {@code failedChecks}-th failed check in a row (from 1). */
  Duration retryAfter(int failedChecks) {
    Duration wait = firstRetry;
    for (int i = 1; i < failedChecks && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
