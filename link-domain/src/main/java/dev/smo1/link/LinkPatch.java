package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import dev.smo1.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A partial update as the client sent it. A null field is left unchanged; {@code clearExpiry},
 * {@code clearTitle} and {@code clearVariantsUntil} remove the expiry, title or end of the A/B test
 * (JSON {@code null} in a PATCH body). {@code rules} and {@code variants} replace the link's whole
 * list (an empty list removes them; removing the variants ends the test's end time too). {@code
 * options}: the {@link LinkOptions} it sets or clears (null: none).
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
    boolean clearVariantsUntil,
    OptionsPatch options)
    implements CborSerializable {

  /**
   * The options a patch changes: each non-null part of {@code set} replaces the link's, each name
   * in {@code cleared} ({@code utm}, {@code expiredUrl}, {@code preview}, {@code maxVisits})
   * removes it.
   */
  public record OptionsPatch(LinkOptions set, Set<String> cleared) {
    public static final Set<String> NAMES =
        Set.of("utm", "expiredUrl", "preview", "maxVisits", "password");

    public OptionsPatch {
      set = set == null ? LinkOptions.NONE : set;
      cleared = cleared == null ? Set.of() : Set.copyOf(cleared);
    }

    public boolean isEmpty() {
      return set.isEmpty() && cleared.isEmpty();
    }
  }

  /** A patch that leaves the options as they are. */
  public LinkPatch(
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
      boolean clearVariantsUntil) {
    this(
        target,
        redirectType,
        expiresAt,
        clearExpiry,
        title,
        clearTitle,
        tags,
        forwardQuery,
        rules,
        variants,
        variantsUntil,
        clearVariantsUntil,
        null);
  }

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

  /** A patch of the options alone. */
  public static LinkPatch ofOptions(LinkOptions set, Set<String> cleared) {
    return new LinkPatch(
        null,
        null,
        null,
        false,
        null,
        false,
        null,
        null,
        null,
        null,
        null,
        false,
        new OptionsPatch(set, cleared));
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
        && !changesRouting()
        && (options == null || options.isEmpty());
  }
}
