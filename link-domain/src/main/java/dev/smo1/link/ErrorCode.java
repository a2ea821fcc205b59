package dev.smo1.link;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why the link entity refused a command. The wire name (lower snake case) is a stable,
 * machine-readable contract with API clients: add values, never rename them.
 */
public enum ErrorCode {
  INVALID_TARGET,
  TARGET_IS_SHORT_DOMAIN,
  INVALID_ALIAS,
  RESERVED_ALIAS,
  ALIAS_TAKEN,
  INVALID_REDIRECT_TYPE,
  INVALID_EXPIRY,
  INVALID_TITLE,
  INVALID_TAGS,
  INVALID_RULES,
  INVALID_VARIANTS,
  INVALID_UTM,
  INVALID_EXPIRED_URL,
  INVALID_PREVIEW,
  INVALID_MAX_VISITS,
  INVALID_PASSWORD,
  NOTHING_TO_UPDATE,
  NOT_FOUND,
  /** A target (or fallback, rule or variant target) is on a malicious-URL list. */
  UNSAFE_TARGET,
  /** The lists could not be read: new targets are refused rather than let through unscreened. */
  SCREENING_UNAVAILABLE,
  /** The platform took the link down: its owner can no longer change or enable it. */
  LINK_BLOCKED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
