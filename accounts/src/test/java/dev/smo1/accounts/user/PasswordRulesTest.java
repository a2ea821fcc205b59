package dev.smo1.accounts.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The password rules: length in characters, the shipped common passwords, the email. */
class PasswordRulesTest {
  private static final String EMAIL = "Alice.Smith@Example.com";
  private static final String TOO_SHORT = "password must have at least 10 characters";
  private static final String TOO_LONG = "password must have at most 256 characters";
  private static final String COMMON =
      "this password is one of the most common ones; choose another";
  private static final String IS_EMAIL = "password must not be your email address";

  private final PasswordRules rules = new PasswordRules();

  private void assertWeak(String password, String email, String message) {
    var refused = catchThrowableOfType(AccountException.class, () -> rules.check(password, email));

    assertThat(refused).as("refused: %s", password).isNotNull();
    assertThat(refused.error()).isEqualTo(AccountError.WEAK_PASSWORD);
    assertThat(refused.getMessage()).isEqualTo(message);
    assertThat(refused.field()).isEqualTo("password");
  }

  private void assertAccepted(String password, String email) {
    assertThatCode(() -> rules.check(password, email)).doesNotThrowAnyException();
  }

  @Test
  void nineCharactersAreRefusedAndTenAccepted() {
    assertWeak("zebra-lam", EMAIL, TOO_SHORT);
    assertAccepted("zebra-lamp", EMAIL);
  }

  @Test
  void noPasswordIsRefusedAsTooShort() {
    assertWeak(null, EMAIL, TOO_SHORT);
    assertWeak("", EMAIL, TOO_SHORT);
  }

  @Test
  void twoHundredFiftySixCharactersAreAcceptedAnd257Refused() {
    assertAccepted("a1-".repeat(85) + "x", EMAIL);
    assertWeak("a1-".repeat(85) + "xy", EMAIL, TOO_LONG);
  }

  @Test
  void charactersOutsideTheBasicPlaneCountOnceForTheMinimum() {
    // each key is one character in two UTF-16 units
    assertWeak("🔑".repeat(9), EMAIL, TOO_SHORT);
    assertAccepted("🔑".repeat(10), EMAIL);
  }

  @Test
  void charactersOutsideTheBasicPlaneCountOnceForTheMaximum() {
    // 256 characters in 512 UTF-16 units: as long as the rule allows, as the minimum counts
    assertAccepted("🔑".repeat(256), EMAIL);
    assertWeak("🔑".repeat(257), EMAIL, TOO_LONG);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"password123", "Password123", "PASSWORD123", "QwErTyUiOp", "1234567890"})
  void aCommonPasswordIsRefusedInAnyCase(String password) {
    assertWeak(password, EMAIL, COMMON);
  }

  @Test
  void everyShippedCommonPasswordIsRefused() throws IOException {
    List<String> listed;
    try (var reader =
        new BufferedReader(
            new InputStreamReader(
                PasswordRules.class.getResourceAsStream("common-passwords.txt"),
                StandardCharsets.UTF_8))) {
      listed =
          reader
              .lines()
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .toList();
    }

    assertThat(listed).hasSizeGreaterThan(50);
    assertThat(rules.commonCount())
        .isEqualTo(listed.stream().map(String::toLowerCase).distinct().count());
    for (String password : listed) {
      var refused = catchThrowableOfType(AccountException.class, () -> rules.check(password, null));
      assertThat(refused).as("refused: %s", password).isNotNull();
      assertThat(refused.error()).isEqualTo(AccountError.WEAK_PASSWORD);
    }
  }

  @Test
  void theEmailAndItsLocalPartAreRefusedInAnyCase() {
    assertWeak("alice.smith@example.com", EMAIL, IS_EMAIL);
    assertWeak("ALICE.SMITH@EXAMPLE.COM", EMAIL, IS_EMAIL);
    assertWeak("Alice.Smith", EMAIL, IS_EMAIL);
    assertWeak("alice.smith", EMAIL, IS_EMAIL);
  }

  @Test
  void aPasswordThatOnlyContainsTheEmailIsAccepted() {
    assertAccepted("alice.smith!", EMAIL);
    assertAccepted("example.com", EMAIL);
    assertAccepted("alice.smith", null);
  }
}
