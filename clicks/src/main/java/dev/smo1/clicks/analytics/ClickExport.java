package dev.smo1.clicks.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An export of raw clicks: the owner's, on one domain or all of them, of one link or all, in {@code
 * [from, to)} (whole seconds), people only unless {@code includeBots}.
 */
public record ClickExport(
    String owner,
    Optional<String> domain,
    Optional<String> code,
    Instant from,
    Instant to,
    boolean includeBots) {

  /** The CSV's columns, in order; {@code time} is UTC ({@code YYYY-MM-DD hh:mm:ss}). */
  public static final List<String> COLUMNS =
      List.of(
          "time",
          "domain",
          "code",
          "source",
          "trigger",
          "country",
          "referrer_host",
          "utm_source",
          "utm_medium",
          "utm_campaign",
          "utm_term",
          "utm_content",
          "device",
          "browser",
          "os",
          "is_bot");

  public ClickExport {
    if (domain.isEmpty() && code.isPresent()) {
      throw new IllegalArgumentException("a link's clicks are on its domain");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("an export's range is from before to");
    }
  }
}
