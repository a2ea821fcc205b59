package dev.smo1.link;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The HTTP status a link redirects with. Serialized as the status number (301, 302, ...). */
public enum RedirectType {
  MOVED_PERMANENTLY(301),
  FOUND(302),
  TEMPORARY_REDIRECT(307),
  PERMANENT_REDIRECT(308);

  public static final RedirectType DEFAULT = FOUND;

  private final int status;

  RedirectType(int status) {
    this.status = status;
  }

  @JsonValue
  public int status() {
    return status;
  }

  /** Permanent redirects may be cached by browsers and intermediaries; temporary ones may not. */
  public boolean permanent() {
    return this == MOVED_PERMANENTLY || this == PERMANENT_REDIRECT;
  }

  public static Optional<RedirectType> fromStatus(int status) {
    for (RedirectType type : values()) {
      if (type.status == status) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * Delegating, explicitly: with parameter names compiled in, Jackson would otherwise read the
   * single {@code status} argument as a property and fail on the plain number it wrote itself.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static RedirectType fromJson(int status) {
    return fromStatus(status)
        .orElseThrow(() -> new IllegalArgumentException("unsupported redirect type " + status));
  }
}
