package dev.smo1.clicks;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One visit of a short link, as made where it happened (the edge now; the origin's redirect path
 * next). {@code id} is made there, once, so redeliveries of the same click can be counted once. No
 * raw IP address: {@code visitor} is a daily-rotating pseudonym. Optional texts are null when
 * unknown.
 *
 * <p>How the visit came and where it went (decision 0027): {@code trigger} is {@code link} or
 * {@code qr} (the link's QR code was scanned); {@code rule} and {@code variant} are the position,
 * from 1, of the targeting rule that matched and of the A/B test variant the visitor was sent to, 0
 * for none.
 */
public record Click(
    UUID id,
    String domain,
    String code,
    Instant at,
    String source,
    String country,
    String colo,
    String referrer,
    String userAgent,
    String query,
    String visitor,
    String trigger,
    int rule,
    int variant) {
  /** The trigger of a followed link. */
  public static final String LINK = "link";

  /** The trigger of a scanned QR code. */
  public static final String QR = "qr";

  /** A followed link's click, routed by no rule and no variant. */
  public Click(
      UUID id,
      String domain,
      String code,
      Instant at,
      String source,
      String country,
      String colo,
      String referrer,
      String userAgent,
      String query,
      String visitor) {
    this(
        id, domain, code, at, source, country, colo, referrer, userAgent, query, visitor, LINK, 0,
        0);
  }

  public Click {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(source, "source");
    query = query == null ? "" : query;
    trigger = QR.equals(trigger) ? QR : LINK;
    if (rule < 0 || variant < 0) {
      throw new IllegalArgumentException("rule and variant are positions from 1, or 0 for none");
    }
  }

  /** This click with how its visit came and where it went. */
  public Click routed(String trigger, int rule, int variant) {
    return new Click(
        id, domain, code, at, source, country, colo, referrer, userAgent, query, visitor, trigger,
        rule, variant);
  }
}
