package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of link settings, shared by create and update. Pure: time is passed in, and the only
 * configuration is the set of SMO1's own short domains (targets there would loop).
 */
public final class LinkPolicy {
  public static final int MAX_TITLE_LENGTH = 256;
  public static final int MAX_TAGS = 20;
  public static final int MAX_TAG_LENGTH = 40;
  private static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}_\\-.:]{1,40}$");

  private final Set<String> shortDomains;

  public LinkPolicy(Set<String> shortDomains) {
    Set<String> lower = new LinkedHashSet<>();
    for (String domain : shortDomains) {
      lower.add(domain.toLowerCase(Locale.ROOT));
    }
    this.shortDomains = Set.copyOf(lower);
  }

  public Set<String> shortDomains() {
    return shortDomains;
  }

  /** Outcome of a validation: the settings to persist, or the first reason to refuse. */
  public sealed interface Checked {
    record Valid(LinkSettings settings) implements Checked {}

    record Invalid(Violation violation) implements Checked {}
  }

  public Checked validateNew(LinkDraft draft, Instant now) {
    Checked checked =
        validate(
            draft.target(),
            draft.redirectType(),
            draft.expiresAt(),
            draft.title(),
            draft.tags(),
            Boolean.TRUE.equals(draft.forwardQuery()),
            now,
            true);
    if (checked instanceof Checked.Valid valid) {
      checked = withRouting(valid.settings(), draft.routing(), now, null);
    }
    return checked instanceof Checked.Valid valid
        ? withOptions(valid.settings(), draft.options(), now)
        : checked;
  }

  /** {@code settings} with {@code options} once they are valid. */
  private Checked withOptions(LinkSettings settings, LinkOptions options, Instant now) {
    return switch (OptionsPolicy.validate(options, shortDomains, now)) {
      case OptionsPolicy.Checked.Invalid invalid -> new Checked.Invalid(invalid.violation());
      case OptionsPolicy.Checked.Valid valid ->
          new Checked.Valid(settings.withOptions(valid.options()));
    };
  }

  /** The options {@code patch} leaves: the parts it sets or clears, else the current ones. */
  private static LinkOptions patched(LinkOptions current, LinkPatch.OptionsPatch patch) {
    LinkOptions set = patch.set();
    var cleared = patch.cleared();
    LinkOptions options = current;
    if (set.utm() != null || cleared.contains("utm")) {
      options = options.withUtm(set.utm());
    }
    if (set.expiredUrl() != null || cleared.contains("expiredUrl")) {
      options = options.withExpiredUrl(set.expiredUrl());
    }
    if (set.preview() != null || cleared.contains("preview")) {
      options = options.withPreview(set.preview());
    }
    if (set.maxVisits() != null || cleared.contains("maxVisits")) {
      options = options.withMaxVisits(set.maxVisits());
    }
    if (set.password() != null || cleared.contains("password")) {
      options = options.withPassword(set.password());
    }
    return options;
  }

  /** {@code settings} with {@code routing} once it is valid. */
  private Checked withRouting(
      LinkSettings settings, Routing routing, Instant now, Instant keptUntil) {
    return switch (RoutingPolicy.validate(routing, shortDomains, now, keptUntil)) {
      case RoutingPolicy.Checked.Invalid invalid -> new Checked.Invalid(invalid.violation());
      case RoutingPolicy.Checked.Valid valid ->
          new Checked.Valid(settings.withRouting(valid.routing()));
    };
  }

  /** The routing {@code patch} leaves: its lists where it gives them, else the current ones. */
  private static Routing patched(Routing current, LinkPatch patch) {
    var variants = patch.variants() != null ? patch.variants() : current.variants();
    // an end given with no variants left is refused (RoutingPolicy), not dropped
    Instant until =
        patch.clearVariantsUntil()
            ? null
            : patch.variantsUntil() != null
                ? patch.variantsUntil()
                : variants.isEmpty() ? null : current.variantsUntil();
    return new Routing(patch.rules() != null ? patch.rules() : current.rules(), variants, until);
  }

  /** Applies {@code patch} onto {@code current}; unchanged fields are not re-validated. */
  public Checked validatePatch(LinkSettings current, LinkPatch patch, Instant now) {
    if (patch.isEmpty()) {
      return new Checked.Invalid(
          new Violation(ErrorCode.NOTHING_TO_UPDATE, "the update changes no field", null));
    }
    if (patch.clearExpiry() && patch.expiresAt() != null) {
      return new Checked.Invalid(
          new Violation(
              ErrorCode.INVALID_EXPIRY, "expiresAt is both set and cleared", "expiresAt"));
    }
    if (patch.clearTitle() && patch.title() != null) {
      return new Checked.Invalid(
          new Violation(ErrorCode.INVALID_TITLE, "title is both set and cleared", "title"));
    }
    if (patch.clearVariantsUntil() && patch.variantsUntil() != null) {
      return new Checked.Invalid(
          new Violation(
              ErrorCode.INVALID_VARIANTS,
              "variantsUntil is both set and cleared",
              "variantsUntil"));
    }
    Checked checked =
        validate(
            patch.target(),
            patch.redirectType(),
            patch.expiresAt(),
            patch.title(),
            patch.tags(),
            false,
            now,
            false);
    if (checked instanceof Checked.Invalid) {
      return checked;
    }
    LinkSettings changes = ((Checked.Valid) checked).settings();
    LinkSettings merged =
        new LinkSettings(
            patch.target() != null ? changes.target() : current.target(),
            patch.redirectType() != null ? changes.redirectType() : current.redirectType(),
            patch.clearExpiry()
                ? null
                : patch.expiresAt() != null ? changes.expiresAt() : current.expiresAt(),
            patch.clearTitle() ? null : patch.title() != null ? changes.title() : current.title(),
            patch.tags() != null ? changes.tags() : current.tags(),
            patch.forwardQuery() != null ? patch.forwardQuery() : current.forwardQuery(),
            current.routing(),
            current.options());
    if (patch.changesRouting()) {
      checked =
          withRouting(
              merged,
              patched(current.routing(), patch),
              now,
              patch.variantsUntil() == null ? current.routing().variantsUntil() : null);
      if (!(checked instanceof Checked.Valid valid)) {
        return checked;
      }
      merged = valid.settings();
    }
    if (patch.options() == null || patch.options().isEmpty()) {
      return new Checked.Valid(merged);
    }
    var both =
        patch.options().cleared().stream()
            .filter(name -> isSet(patch.options().set(), name))
            .findFirst();
    if (both.isPresent()) {
      return invalid(optionError(both.get()), both.get() + " is both set and cleared", both.get());
    }
    return withOptions(merged, patched(current.options(), patch.options()), now);
  }

  private static boolean isSet(LinkOptions options, String name) {
    return switch (name) {
      case "utm" -> options.utm() != null;
      case "expiredUrl" -> options.expiredUrl() != null;
      case "preview" -> options.preview() != null;
      case "maxVisits" -> options.maxVisits() != null;
      case "password" -> options.password() != null;
      default -> false;
    };
  }

  private static ErrorCode optionError(String name) {
    return switch (name) {
      case "utm" -> ErrorCode.INVALID_UTM;
      case "expiredUrl" -> ErrorCode.INVALID_EXPIRED_URL;
      case "preview" -> ErrorCode.INVALID_PREVIEW;
      case "password" -> ErrorCode.INVALID_PASSWORD;
      default -> ErrorCode.INVALID_MAX_VISITS;
    };
  }

  private Checked validate(
      String rawTarget,
      Integer rawRedirectType,
      Instant expiresAt,
      String title,
      List<String> tags,
      boolean forwardQuery,
      Instant now,
      boolean targetRequired) {
    String target = "https://placeholder.invalid/";
    if (rawTarget != null || targetRequired) {
      switch (TargetUrls.normalise(rawTarget, shortDomains)) {
        case TargetUrls.Result.Invalid invalid -> {
          return new Checked.Invalid(invalid.violation());
        }
        case TargetUrls.Result.Valid valid -> target = valid.url();
      }
    }
    RedirectType redirectType = RedirectType.DEFAULT;
    if (rawRedirectType != null) {
      var parsed = RedirectType.fromStatus(rawRedirectType);
      if (parsed.isEmpty()) {
        return invalid(
            ErrorCode.INVALID_REDIRECT_TYPE,
            "redirectType must be one of 301, 302, 307, 308",
            "redirectType");
      }
      redirectType = parsed.get();
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      return invalid(ErrorCode.INVALID_EXPIRY, "expiresAt must be in the future", "expiresAt");
    }
    if (title != null) {
      if (title.length() > MAX_TITLE_LENGTH) {
        return invalid(
            ErrorCode.INVALID_TITLE,
            "title is longer than " + MAX_TITLE_LENGTH + " characters",
            "title");
      }
      if (title.chars().anyMatch(Character::isISOControl)) {
        return invalid(ErrorCode.INVALID_TITLE, "title contains control characters", "title");
      }
    }
    List<String> distinctTags = List.of();
    if (tags != null) {
      var unique = new LinkedHashSet<String>();
      for (String tag : tags) {
        if (tag == null || !TAG.matcher(tag).matches()) {
          return invalid(
              ErrorCode.INVALID_TAGS,
              "tags must be 1 to "
                  + MAX_TAG_LENGTH
                  + " characters of letters, digits, '_', '-', '.' and ':'",
              "tags");
        }
        unique.add(tag);
      }
      if (unique.size() > MAX_TAGS) {
        return invalid(ErrorCode.INVALID_TAGS, "at most " + MAX_TAGS + " tags", "tags");
      }
      distinctTags = new ArrayList<>(unique);
    }
    return new Checked.Valid(
        new LinkSettings(
            target,
            redirectType,
            expiresAt,
            title == null ? null : title,
            distinctTags,
            forwardQuery));
  }

  private static Checked invalid(ErrorCode code, String message, String field) {
    return new Checked.Invalid(new Violation(code, message, field));
  }
}
