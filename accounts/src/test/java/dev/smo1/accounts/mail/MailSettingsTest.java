package dev.smo1.accounts.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins mail.conf: its defaults and its SMO1_MAIL_* overrides. The variables are given as keys at
 * the root of the config, which is where a substitution looks before the environment; the
 * environment itself is left out, so a developer's own SMO1_MAIL_* cannot change the outcome.
 */
class MailSettingsTest {

  private static Config load(String variables) {
    return ConfigFactory.parseString(variables)
        .withFallback(ConfigFactory.parseResources("mail.conf"))
        .resolve(ConfigResolveOptions.noSystem());
  }

  @Test
  void defaultsReachTheLocalInboxWithoutAuthOrTls() {
    assertThat(MailSettings.from(load("")))
        .isEqualTo(
            new MailSettings(
                "127.0.0.1",
                1025,
                "SMO1 <no-reply@localhost>",
                Optional.empty(),
                Optional.empty(),
                false,
                Duration.ofSeconds(10),
                3,
                Duration.ofSeconds(1)));
  }

  @Test
  void everyVariableOverridesItsSetting() {
    // as the environment gives them: strings
    var config =
        load(
            """
            SMO1_MAIL_SMTP_HOST = "smtp.example.com"
            SMO1_MAIL_SMTP_PORT = "587"
            SMO1_MAIL_FROM = "Example <links@example.com>"
            SMO1_MAIL_SMTP_USER = "apikey"
            SMO1_MAIL_SMTP_PASSWORD = "s3cret"
            SMO1_MAIL_STARTTLS = "true"
            """);

    assertThat(MailSettings.from(config))
        .isEqualTo(
            new MailSettings(
                "smtp.example.com",
                587,
                "Example <links@example.com>",
                Optional.of("apikey"),
                Optional.of("s3cret"),
                true,
                Duration.ofSeconds(10),
                3,
                Duration.ofSeconds(1)));
  }

  @Test
  void toStringRedactsThePassword() {
    var settings =
        MailSettings.from(
            load("SMO1_MAIL_SMTP_USER = apikey\nSMO1_MAIL_SMTP_PASSWORD = \"s3cret-value\""));

    assertThat(settings.toString())
        .contains("username=apikey", "password=<redacted>")
        .doesNotContain("s3cret-value");
    assertThat(MailSettings.from(load("")).toString()).contains("password=<none>");
  }

  @Test
  void aUserWithoutPasswordIsRefusedNamingBothVariables() {
    assertThatThrownBy(() -> MailSettings.from(load("SMO1_MAIL_SMTP_USER = apikey")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SMO1_MAIL_SMTP_USER")
        .hasMessageContaining("SMO1_MAIL_SMTP_PASSWORD");
  }

  @Test
  void aFromThatIsNoAddressIsRefused() {
    assertThatThrownBy(() -> MailSettings.from(load("SMO1_MAIL_FROM = \"no-reply at example\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SMO1_MAIL_FROM");
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> MailSettings.from(load("SMO1_MAIL_SMTP_PORT = \"0\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SMO1_MAIL_SMTP_PORT");
  }
}
