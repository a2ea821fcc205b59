package dev.smo1.link;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle status as shown to API clients. {@code EXPIRED} is derived from the clock. */
public enum LinkStatus {
  ACTIVE,
  DISABLED,
  EXPIRED,
  DELETED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
