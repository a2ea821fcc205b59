package dev.smo1.accounts;

import dev.smo1.accounts.access.Role;
import java.util.concurrent.CompletionStage;

/**
 * The email the account flows send. Sending is best effort after the change is stored: a failed
 * verification or reset email is logged, and the person asks for another.
 */
public interface AccountMail {
  CompletionStage<Void> verification(String to, String name, String token);

  CompletionStage<Void> emailChange(String to, String name, String token);

  CompletionStage<Void> passwordReset(String to, String name, String token);

  CompletionStage<Void> invitation(
      String to, String workspaceName, String inviterName, Role role, String token);
}
