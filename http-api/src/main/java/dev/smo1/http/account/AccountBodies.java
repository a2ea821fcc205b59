package dev.smo1.http.account;

import dev.smo1.accounts.user.User;
import dev.smo1.accounts.workspace.WorkspaceSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the account routes (unknown fields are refused). */
final class AccountBodies {
  private AccountBodies() {}

  record SignUp(String email, String password, String name) {}

  record Credentials(String email, String password) {}

  record Token(String token) {}

  record Email(String email) {}

  record NewPassword(String token, String password) {}

  record PasswordChange(String currentPassword, String newPassword) {}

  record EmailChange(String email, String password) {}

  record Password(String password) {}

  record UserBody(UUID id, String email, String name, boolean emailVerified, Instant createdAt) {
    static UserBody of(User user) {
      return new UserBody(
          user.id(), user.email(), user.name(), user.emailVerified(), user.createdAt());
    }
  }

  record MeBody(
      UUID id,
      String email,
      String name,
      boolean emailVerified,
      boolean platformAdmin,
      List<WorkspaceSummary> workspaces) {}

  record Accepted(String message) {}
}
