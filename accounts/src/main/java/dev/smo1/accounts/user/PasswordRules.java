package dev.smo1.accounts.user;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a password must be: 10 to 256 characters, not one of the shipped common passwords (in any
 * case), not the email nor its local part. Length over composition rules, as NIST SP 800-63B asks.
 */
public final class PasswordRules {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 256;

  private final Set<String> common;

  public PasswordRules() {
    this.common = load();
  }

  /** Throws {@code weak_password} naming the rule broken. */
  public void check(String password, String email) {
    // characters are code points, for both bounds: an emoji is one character, not two
    int characters = password == null ? 0 : password.codePointCount(0, password.length());
    if (characters < MIN_LENGTH) {
      throw weak("password must have at least " + MIN_LENGTH + " characters");
    }
    if (characters > MAX_LENGTH) {
      throw weak("password must have at most " + MAX_LENGTH + " characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (common.contains(lower)) {
      throw weak("this password is one of the most common ones; choose another");
    }
    if (email != null) {
      String mail = email.toLowerCase(Locale.ROOT);
      int at = mail.indexOf('@');
      if (lower.equals(mail) || (at > 0 && lower.equals(mail.substring(0, at)))) {
        throw weak("password must not be your email address");
      }
    }
  }

  int commonCount() {
    return common.size();
  }

  private static AccountException weak(String message) {
    return new AccountException(AccountError.WEAK_PASSWORD, message, "password");
  }

  private static Set<String> load() {
    var resource =
        Objects.requireNonNull(
            PasswordRules.class.getResourceAsStream("common-passwords.txt"),
            "common-passwords.txt is shipped with the accounts module");
    try (var reader = new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
