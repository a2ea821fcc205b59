package dev.smo1.http.link;

import dev.smo1.accounts.user.Passwords;

/** Link passwords for route tests: real Argon2id, at a small cost, on the calling thread. */
public final class TestPasswords {
  private TestPasswords() {}

  public static LinkPasswords fast() {
    return new LinkPasswords(
        new Passwords(new Passwords.PasswordHashing(1_024, 1, 1, 32)), Runnable::run);
  }
}
