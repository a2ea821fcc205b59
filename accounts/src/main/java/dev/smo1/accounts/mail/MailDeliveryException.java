package dev.smo1.accounts.mail;

import java.util.OptionalInt;

/** A message the mail server did not take: permanently refused, or still failing after retries. */
public final class MailDeliveryException extends RuntimeException {
  private final int attempts;
  private final boolean permanent;
  private final OptionalInt replyCode;

  MailDeliveryException(String message, int attempts, MailFailure failure, Throwable cause) {
    super(message, cause);
    this.attempts = attempts;
    this.permanent = !failure.isTransient();
    this.replyCode = failure.replyCode();
  }

  /** Attempts made; 0 when the message was refused before any (a malformed address). */
  public int attempts() {
    return attempts;
  }

  /** True when trying again later would fail the same way (a 5xx reply, a malformed address). */
  public boolean permanent() {
    return permanent;
  }

  /** The SMTP reply code of the last failure, when the server gave one. */
  public OptionalInt replyCode() {
    return replyCode;
  }
}
