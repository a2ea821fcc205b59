package dev.smo1.accounts.mail;

import dev.smo1.accounts.AccountMail;
import dev.smo1.accounts.access.Role;
import java.util.concurrent.CompletionStage;

/** The account flows' email, composed by {@link AccountEmails} and sent by a {@link Mailer}. */
public final class MailedAccountMail implements AccountMail {
  private final Mailer mailer;
  private final AccountEmails emails;

  public MailedAccountMail(Mailer mailer, AccountEmails emails) {
    this.mailer = mailer;
    this.emails = emails;
  }

  @Override
  public CompletionStage<Void> verification(String to, String name, String token) {
    return mailer.send(emails.verification(to, name, token));
  }

  @Override
  public CompletionStage<Void> emailChange(String to, String name, String token) {
    return mailer.send(emails.emailChange(to, name, token));
  }

  @Override
  public CompletionStage<Void> passwordReset(String to, String name, String token) {
    return mailer.send(emails.passwordReset(to, name, token));
  }

  @Override
  public CompletionStage<Void> invitation(
      String to, String workspaceName, String inviterName, Role role, String token) {
    return mailer.send(emails.invitation(to, inviterName, workspaceName, role.wireName(), token));
  }
}
