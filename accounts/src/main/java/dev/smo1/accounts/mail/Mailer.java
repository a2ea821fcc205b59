package dev.smo1.accounts.mail;

import java.util.concurrent.CompletionStage;

/** Sends account email. The stage completes once the mail server has taken the message. */
public interface Mailer {
  /**
   * Returns at once; the stage fails with a {@link MailDeliveryException} when the message could
   * not be handed over, after the retries a transient failure is given.
   */
  CompletionStage<Void> send(Email email);
}
