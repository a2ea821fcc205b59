package dev.smo1.accounts.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with Argon2id (Password4j), parameters from {@link PasswordHashing} (decision
 * 0013). A hash made with other parameters still verifies, and {@link #needsRehash} says to store a
 * fresh one at the next successful login.
 */
public final class Passwords {
  private final Argon2Function function;
  private final String dummyHash;

  public Passwords(PasswordHashing parameters) {
    this.function =
        Argon2Function.getInstance(
            parameters.memoryKib(),
            parameters.iterations(),
            parameters.parallelism(),
            parameters.outputLength(),
            Argon2.ID);
    // verified against when the email is unknown, so both answers cost one Argon2 computation
    this.dummyHash = hash("not the password of anyone: " + System.nanoTime());
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(function).getResult();
  }

  public boolean verify(String password, String hash) {
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /** Spends the time of one verification, for an unknown email. Always false. */
  public boolean verifyNobody(String password) {
    verify(password, dummyHash);
    return false;
  }

  public boolean needsRehash(String hash) {
    try {
      var stored = Argon2Function.getInstanceFromHash(hash);
      return stored.getMemory() != function.getMemory()
          || stored.getIterations() != function.getIterations()
          || stored.getParallelism() != function.getParallelism()
          || stored.getOutputLength() != function.getOutputLength()
          || stored.getVariant() != Argon2.ID;
    } catch (RuntimeException malformed) {
      return true;
    }
  }

  /** Argon2id parameters: memory in KiB, iterations, lanes, hash length in bytes. */
  public record PasswordHashing(int memoryKib, int iterations, int parallelism, int outputLength) {
    /** OWASP's first recommendation for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final PasswordHashing DEFAULT = new PasswordHashing(19_456, 2, 1, 32);
  }
}
