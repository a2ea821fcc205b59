package dev.smo1.accounts.mail;

import java.util.Objects;

/**
 * One message to one recipient, with a plain-text and an HTML part of the same content.
 *
 * <p>The address and the subject go into headers: a line break there would let a value that came
 * from a user write headers of its own, so neither may hold one.
 */
public record Email(String to, String subject, String text, String html) {
  public Email {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    if (to.isBlank() || hasLineBreak(to)) {
      throw new IllegalArgumentException("to must be one address on one line");
    }
    if (hasLineBreak(subject)) {
      throw new IllegalArgumentException("subject must be one line");
    }
  }

  private static boolean hasLineBreak(String value) {
    return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
  }

  /** Neither part nor the subject: they may carry a token or a user's name. */
  @Override
  public String toString() {
    return "Email[to=" + to + "]";
  }
}
