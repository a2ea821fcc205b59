package dev.smo1.accounts.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.smo1.accounts.user.Passwords.PasswordHashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Argon2id hashing: what verifies, what does not, and when a stored hash asks to be made again.
 * Small parameters keep the tests fast; one test runs the production defaults.
 */
class PasswordsTest {
  private static final PasswordHashing FAST = new PasswordHashing(1_024, 1, 1, 32);
  private static final String PASSWORD = "correct horse battery staple";

  private final Passwords passwords = new Passwords(FAST);

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String hash = passwords.hash(PASSWORD);

    assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(passwords.verify(PASSWORD, hash)).isTrue();
    assertThat(passwords.verify("correct horse battery stapl", hash)).isFalse();
    assertThat(passwords.verify("Correct horse battery staple", hash)).isFalse();
    assertThat(passwords.verify("", hash)).isFalse();
  }

  @Test
  void twoHashesOfOnePasswordDifferByTheirSaltAndBothVerify() {
    String first = passwords.hash(PASSWORD);
    String second = passwords.hash(PASSWORD);

    assertThat(first).isNotEqualTo(second);
    assertThat(passwords.verify(PASSWORD, first)).isTrue();
    assertThat(passwords.verify(PASSWORD, second)).isTrue();
  }

  @Test
  void aPasswordOutsideAsciiVerifies() {
    String password = "Grüße, 世界 🔑🔑";

    assertThat(passwords.verify(password, passwords.hash(password))).isTrue();
    assertThat(passwords.verify("Grusse, 世界 🔑🔑", passwords.hash(password))).isFalse();
  }

  @Test
  void aHashOfOtherParametersStillVerifiesAndNeedsARehash() {
    var older = new Passwords(new PasswordHashing(2_048, 2, 1, 32));
    String olderHash = older.hash(PASSWORD);

    assertThat(passwords.verify(PASSWORD, olderHash)).isTrue();
    assertThat(passwords.verify("wrong password!", olderHash)).isFalse();
    assertThat(passwords.needsRehash(olderHash)).isTrue();
    assertThat(older.needsRehash(olderHash)).isFalse();
    assertThat(passwords.needsRehash(passwords.hash(PASSWORD))).isFalse();
  }

  @Test
  void eachParameterThatDiffersAsksForARehash() {
    assertThat(
            passwords.needsRehash(
                new Passwords(new PasswordHashing(2_048, 1, 1, 32)).hash(PASSWORD)))
        .as("memory")
        .isTrue();
    assertThat(
            passwords.needsRehash(
                new Passwords(new PasswordHashing(1_024, 2, 1, 32)).hash(PASSWORD)))
        .as("iterations")
        .isTrue();
    assertThat(
            passwords.needsRehash(
                new Passwords(new PasswordHashing(1_024, 1, 2, 32)).hash(PASSWORD)))
        .as("parallelism")
        .isTrue();
    assertThat(
            passwords.needsRehash(
                new Passwords(new PasswordHashing(1_024, 1, 1, 16)).hash(PASSWORD)))
        .as("output length")
        .isTrue();
  }

  @Test
  void anArgon2iHashStillVerifiesAndNeedsARehashToArgon2id() {
    String argon2i =
        Password.hash(PASSWORD)
            .addRandomSalt(16)
            .with(Argon2Function.getInstance(1_024, 1, 1, 32, Argon2.I))
            .getResult();

    assertThat(argon2i).startsWith("$argon2i$");
    assertThat(passwords.verify(PASSWORD, argon2i)).isTrue();
    assertThat(passwords.needsRehash(argon2i)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "not a hash",
        "$argon2id$v=19$m=abc,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        "$argon2id$v=19$m=1024,t=1,p=1",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
      })
  void aMalformedHashVerifiesNothingAndNeedsARehash(String hash) {
    assertThat(passwords.verify(PASSWORD, hash)).isFalse();
    assertThat(passwords.needsRehash(hash)).isTrue();
  }

  @Test
  void verifyNobodyIsAlwaysFalse() {
    assertThat(passwords.verifyNobody(PASSWORD)).isFalse();
    assertThat(passwords.verifyNobody("")).isFalse();
    assertThat(passwords.verifyNobody("not the password of anyone: 0")).isFalse();
  }

  @Test
  void theDefaultParametersAreOwaspsFirstRecommendationAndWorkEndToEnd() {
    assertThat(PasswordHashing.DEFAULT).isEqualTo(new PasswordHashing(19_456, 2, 1, 32));
    var production = new Passwords(PasswordHashing.DEFAULT);

    String hash = production.hash(PASSWORD);

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(production.verify(PASSWORD, hash)).isTrue();
    assertThat(production.verify("correct horse battery staples", hash)).isFalse();
    assertThat(production.needsRehash(hash)).isFalse();
    assertThat(production.needsRehash(passwords.hash(PASSWORD))).isTrue();
    assertThat(production.verifyNobody(PASSWORD)).isFalse();
  }
}
