package dev.smo1.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an email address must look like here: at most 254 characters, a local part of at most 64
 * without spaces, and a domain of letters, digits and hyphens in dot-separated labels. Stored as
 * given, compared without case.
 */
public final class Emails {
  private static final Pattern ADDRESS =
      Pattern.compile(
          "[^\\s@\"<>()\\[\\],;:\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private Emails() {}

  public static String check(String email) {
    if (email == null || email.length() > 254 || !ADDRESS.matcher(email.strip()).matches()) {
      throw new AccountException(
          AccountError.INVALID_EMAIL, "email must be an address like name@example.com", "email");
    }
    return email.strip();
  }

  public static String normalized(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
