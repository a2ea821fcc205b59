package dev.smo1.projection;

import dev.smo1.link.LinkSettings;
import dev.smo1.link.RedirectType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Link data the projection handler tests share: a domain, a start time, two settings. */
public final class TestLinks {
  public static final String DOMAIN = "s.test";
  public static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  /** A plain link: found redirect, no expiry, title or tags. */
  public static final LinkSettings FIRST =
      new LinkSettings("https://example.com/1", RedirectType.FOUND, null, null, List.of());

  /** Every setting different from {@link #FIRST}. */
  public static final LinkSettings SECOND =
      new LinkSettings(
          "https://example.com/2",
          RedirectType.PERMANENT_REDIRECT,
          T0.plus(Duration.ofDays(30)),
          "t",
          List.of("a"),
          true);

  private TestLinks() {}
}
