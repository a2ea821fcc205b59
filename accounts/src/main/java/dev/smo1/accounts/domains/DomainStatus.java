package dev.smo1.accounts.domains;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a custom domain stands; the wire name is the API's and the table's. */
public enum DomainStatus {
  /** Added, never verified: it holds no links yet. */
  PENDING,
  /** Proven by its TXT record and pointed at SMO1: it holds links. */
  VERIFIED,
  /**
   * Was verified; the last re-check found the proof or the pointing gone. Its links keep working (a
   * DNS edit may be under way); the workspace sees why.
   */
  FAILING;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static DomainStatus of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }

  /** Whether a domain in this state may hold links. */
  public boolean holdsLinks() {
    return this != PENDING;
  }
}
