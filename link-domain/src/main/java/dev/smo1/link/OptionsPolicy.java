package dev.smo1.link;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * Validation of a link's {@link LinkOptions} into the normalised form the journal keeps: UTM values
 * and preview texts as given (stripped), URLs through {@link TargetUrls}. The first reason to
 * refuse names its field ({@code utm.source}, {@code preview.image}, {@code maxVisits}).
 */
public final class OptionsPolicy {
  public static final int MAX_UTM_VALUE = 256;
  public static final int MAX_PREVIEW_TITLE = 200;
  public static final int MAX_PREVIEW_DESCRIPTION = 500;
  public static final int MAX_VISITS = 1_000_000_000;

  private OptionsPolicy() {}

  /** Outcome: the normalised options, or the first reason to refuse. */
  public sealed interface Checked {
    record Valid(LinkOptions options) implements Checked {}

    record Invalid(Violation violation) implements Checked {}
  }

  private static final class Refused extends RuntimeException {
    final transient Violation violation;

    Refused(ErrorCode code, String message, String field) {
      super(message, null, false, false);
      this.violation = new Violation(code, message, field);
    }
  }

  /**
   * {@code raw} (null: none) checked; {@code shortDomains} may not be fallback targets; a new
   * password (no {@code since} yet) is set {@code now}.
   */
  public static Checked validate(LinkOptions raw, Set<String> shortDomains, Instant now) {
    if (raw == null) {
      return new Checked.Valid(LinkOptions.NONE);
    }
    try {
      return new Checked.Valid(
          new LinkOptions(
              utm(raw.utm()),
              raw.expiredUrl() == null
                  ? null
                  : url(
                      raw.expiredUrl(), shortDomains, ErrorCode.INVALID_EXPIRED_URL, "expiredUrl"),
              preview(raw.preview()),
              maxVisits(raw.maxVisits()),
              password(raw.password(), now)));
    } catch (Refused refused) {
      return new Checked.Invalid(refused.violation);
    }
  }

  private static LinkOptions.Utm utm(LinkOptions.Utm utm) {
    if (utm == null) {
      return null;
    }
    var checked =
        new LinkOptions.Utm(
            text(utm.source(), MAX_UTM_VALUE, ErrorCode.INVALID_UTM, "utm.source"),
            text(utm.medium(), MAX_UTM_VALUE, ErrorCode.INVALID_UTM, "utm.medium"),
            text(utm.campaign(), MAX_UTM_VALUE, ErrorCode.INVALID_UTM, "utm.campaign"),
            text(utm.term(), MAX_UTM_VALUE, ErrorCode.INVALID_UTM, "utm.term"),
            text(utm.content(), MAX_UTM_VALUE, ErrorCode.INVALID_UTM, "utm.content"));
    if (checked.isEmpty()) {
      throw new Refused(ErrorCode.INVALID_UTM, "utm needs at least one parameter", "utm");
    }
    return checked;
  }

  private static LinkOptions.Preview preview(LinkOptions.Preview preview) {
    if (preview == null) {
      return null;
    }
    String title =
        text(preview.title(), MAX_PREVIEW_TITLE, ErrorCode.INVALID_PREVIEW, "preview.title");
    if (title == null) {
      throw new Refused(ErrorCode.INVALID_PREVIEW, "a preview needs a title", "preview.title");
    }
    return new LinkOptions.Preview(
        title,
        text(
            preview.description(),
            MAX_PREVIEW_DESCRIPTION,
            ErrorCode.INVALID_PREVIEW,
            "preview.description"),
        preview.image() == null
            ? null
            : url(preview.image(), Set.of(), ErrorCode.INVALID_PREVIEW, "preview.image"));
  }

  /** The API hashes passwords (Argon2id) before they reach the entity: only hashes get here. */
  private static LinkOptions.Password password(LinkOptions.Password password, Instant now) {
    if (password == null) {
      return null;
    }
    if (password.hash() == null || !password.hash().startsWith("$argon2id$")) {
      throw new Refused(
          ErrorCode.INVALID_PASSWORD, "a link's password is kept as an Argon2id hash", "password");
    }
    return password.since() == null ? new LinkOptions.Password(password.hash(), now) : password;
  }

  private static Integer maxVisits(Integer maxVisits) {
    if (maxVisits != null && (maxVisits < 1 || maxVisits > MAX_VISITS)) {
      throw new Refused(
          ErrorCode.INVALID_MAX_VISITS, "maxVisits is 1 to " + MAX_VISITS, "maxVisits");
    }
    return maxVisits;
  }

  /**
   * A text stripped of surrounding white space: null stays null (unset); empty after stripping, too
   * long, with control characters or with unpaired surrogates is refused.
   */
  private static String text(String raw, int max, ErrorCode code, String field) {
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    String name = field.substring(field.lastIndexOf('.') + 1);
    if (value.isEmpty() || value.length() > max) {
      throw new Refused(code, name + " is 1 to " + max + " characters", field);
    }
    if (value.chars().anyMatch(Character::isISOControl)
        || !value.equals(
            new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
      throw new Refused(code, name + " contains control characters or invalid text", field);
    }
    return value;
  }

  private static String url(String raw, Set<String> shortDomains, ErrorCode code, String field) {
    return switch (TargetUrls.normalise(raw, shortDomains)) {
      case TargetUrls.Result.Valid valid -> valid.url();
      case TargetUrls.Result.Invalid invalid ->
          throw new Refused(code, invalid.violation().message(), field);
    };
  }
}
