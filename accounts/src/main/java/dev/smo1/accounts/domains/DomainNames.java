package dev.smo1.accounts.domains;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names a workspace may add as a custom domain, in their one stored form: lower case ASCII
 * (an internationalised name as its {@code xn--} A-label), no trailing dot, at most 237 characters,
 * at least two labels of 1 to 63 letters, digits and inner hyphens, a top-level label that is not
 * all digits (so no IP address). Refused: {@code localhost} and names under {@code localhost},
 * {@code local}, {@code internal}, {@code arpa} and {@code invalid}, and SMO1's own domains and any
 * name under them.
 */
public final class DomainNames {
  /** 253, the longest name, less {@code _smo1-challenge.}: its TXT record must have a name. */
  public static final int MAX_LENGTH = 237;

  private static final Pattern LABEL = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");
  private static final Set<String> NOT_PUBLIC =
      Set.of("localhost", "local", "internal", "arpa", "invalid");

  private DomainNames() {}

  /**
   * The stored form of {@code raw}, or empty when it is no domain a workspace may add; {@code own}
   * are SMO1's domains (lower case).
   */
  public static Optional<String> normalise(String raw, Set<String> own) {
    if (raw == null) {
      return Optional.empty();
    }
    String name = raw.strip();
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.length() > MAX_LENGTH * 4 || name.contains("..")) {
      return Optional.empty();
    }
    try {
      name = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException notAName) {
      return Optional.empty();
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    String top = labels[labels.length - 1];
    if (top.chars().allMatch(Character::isDigit) || NOT_PUBLIC.contains(top)) {
      return Optional.empty();
    }
    for (String mine : own) {
      if (name.equals(mine) || name.endsWith("." + mine)) {
        return Optional.empty();
      }
    }
    return Optional.of(name);
  }

  /** The name of the TXT record that proves a workspace holds {@code domain}. */
  public static String challengeName(String domain) {
    return "_smo1-challenge." + domain;
  }
}
