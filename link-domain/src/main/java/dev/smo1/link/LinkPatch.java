package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;

/**
 * A partial update as the client sent it. A null field is left unchanged; {@code clearExpiry},
 * {@code clearTitle} and {@code clearVariantsUntil} remove the expiry, title or end of the A/B test
 * (JSON {@code null} in a PATCH body). {@code rules} and {@code variants} replace the link's whole
 * list (an empty list removes them; removing the variants ends the test's end time too).
 */
public record LinkPatch(
    String target,
    Integer redirectType,
    Instant expiresAt,
    boolean clearExpiry,
    String title,
    boolean clearTitle,
    List<String> tags,
    Boolean forwardQuery,
    List<Routing.Rule> rules,
    List<Routing.Variant> variants,
    Instant variantsUntil,
    boolean clearVariantsUntil)
    implements CborSerializable {

  /** A patch that leaves {@code forwardQuery} and the routing as they are. */
  public LinkPatch(
      String target,
      Integer redirectType,
      Instant expiresAt,
      boolean clearExpiry,
      String title,
      boolean clearTitle,
      List<String> tags) {
    this(target, redirectType, expiresAt, clearExpiry, title, clearTitle, tags, null);
  }

  /** A patch that leaves the routing as it is. */
  public LinkPatch(
      String target,
      Integer redirectType,
      Instant expiresAt,
      boolean clearExpiry,
      String title,
      boolean clearTitle,
      List<String> tags,
      Boolean forwardQuery) {
    this(
        target,
        redirectType,
        expiresAt,
        clearExpiry,
        title,
        clearTitle,
        tags,
        forwardQuery,
        null,
        null,
        null,
        false);
  }

  /** Whether the patch changes the rules, the variants or the test's end. */
  public boolean changesRouting() {
    return rules != null || variants != null || variantsUntil != null || clearVariantsUntil;
  }

  public boolean isEmpty() {
    return target == null
        && redirectType == null
        && expiresAt == null
        && !clearExpiry
        && title == null
        && !clearTitle
        && tags == null
        && forwardQuery == null
        && !changesRouting();
  }
}
