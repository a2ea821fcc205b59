package dev.smo1.accounts.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The messages' content: links, tokens, validity, escaping. Delivery is in SmtpMailerTest. */
class AccountEmailsTest {
  /** A token with every character that means something in a URL or in HTML. */
  private static final String TOKEN = "a+b/c=d&e?f#g h<i>\"j'";

  private static final String ENCODED = "a%2Bb%2Fc%3Dd%26e%3Ff%23g+h%3Ci%3E%22j%27";

  private final AccountEmails emails = new AccountEmails(URI.create("http://127.0.0.1:8080/"));

  @Test
  void verificationLinksToVerifyEmailWithTheEncodedTokenValidFor24Hours() {
    Email email = emails.verification("ada@example.com", "Ada", TOKEN);

    String link = "http://127.0.0.1:8080/verify-email?token=" + ENCODED;
    assertThat(email.to()).isEqualTo("ada@example.com");
    assertThat(email.subject()).isEqualTo("Verify your email address for SMO1");
    assertThat(email.text()).startsWith("Hello Ada,").contains(link, "24 hours");
    assertThat(email.html()).contains("href=\"" + link + "\"", "Hello Ada,", "24 hours");
  }

  @Test
  void passwordResetLinksToResetPasswordValidForOneHourAndSaysToIgnoreItIfNotAsked() {
    Email email = emails.passwordReset("ada@example.com", "Ada", TOKEN);

    String link = "http://127.0.0.1:8080/reset-password?token=" + ENCODED;
    assertThat(email.subject()).isEqualTo("Reset your SMO1 password");
    assertThat(email.text())
        .contains(link, "1 hour.", "If you did not ask for this, ignore this email");
    assertThat(email.html())
        .contains("href=\"" + link + "\"", "1 hour.", "If you did not ask for this, ignore");
  }

  @Test
  void invitationNamesTheWorkspaceTheInviterAndTheRole() {
    Email email = emails.invitation("bob@example.com", "Ada", "Launch team", "editor", TOKEN);

    String link = "http://127.0.0.1:8080/invitations/accept?token=" + ENCODED;
    assertThat(email.to()).isEqualTo("bob@example.com");
    assertThat(email.subject()).isEqualTo("Ada invited you to Launch team on SMO1");
    assertThat(email.text())
        .contains(
            "Ada invited you to join the workspace \u201cLaunch team\u201d on SMO1 as editor.")
        .contains(link);
    assertThat(email.html())
        .contains(
            "<strong>Ada</strong> invited you to join the workspace <strong>Launch team</strong>"
                + " on SMO1 as <strong>editor</strong>.")
        .contains("href=\"" + link + "\"");
  }

  @Test
  void emailChangeGoesToTheNewAddressAndLinksToVerifyEmail() {
    Email email = emails.emailChange("ada@new.example", "Ada", TOKEN);

    String link = "http://127.0.0.1:8080/verify-email?token=" + ENCODED;
    assertThat(email.to()).isEqualTo("ada@new.example");
    assertThat(email.subject()).isEqualTo("Confirm your new email address for SMO1");
    assertThat(email.text()).contains(link, "24 hours", "If you did not ask for this");
    assertThat(email.html()).contains("href=\"" + link + "\"");
  }

  @Test
  void everyUserValueIsEscapedInTheHtmlPart() {
    String name = "<script>alert(\"x\")</script> & 'co'";
    String escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;";

    Email verification = emails.verification("ada@example.com", name, "t");
    Email invitation = emails.invitation("bob@example.com", name, name, name, "t");

    assertThat(verification.html()).contains("Hello " + escaped + ",").doesNotContain("<script>");
    assertThat(invitation.html())
        .contains("<strong>" + escaped + "</strong>")
        .contains("<title>" + escaped + " invited you to " + escaped + " on SMO1</title>")
        .doesNotContain("<script>");
    // the text part is plain text: the name as given
    assertThat(verification.text()).contains("Hello " + name + ",");
  }

  @Test
  void aLineBreakInAUserValueCannotStartAHeaderOrAParagraph() {
    Email invitation =
        emails.invitation("bob@example.com", "Ada\r\nBcc: eve@example.com", "Team\n\nX", "r", "t");

    assertThat(invitation.subject())
        .isEqualTo("Ada Bcc: eve@example.com invited you to Team X on SMO1");
    assertThat(invitation.text()).contains("Ada Bcc: eve@example.com invited you");
  }

  @Test
  void aMissingNameGreetsWithoutOne() {
    assertThat(emails.verification("ada@example.com", " ", "t").text()).startsWith("Hello,\n");
    assertThat(emails.passwordReset("ada@example.com", null, "t").text()).startsWith("Hello,\n");
  }

  @Test
  void theBaseMayHaveAPathButNoQuery() {
    var underPath = new AccountEmails(URI.create("https://app.example.com/dashboard"));

    assertThat(underPath.verification("a@example.com", "A", "t").text())
        .contains("https://app.example.com/dashboard/verify-email?token=t");
    assertThatThrownBy(() -> new AccountEmails(URI.create("https://app.example.com/?x=1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AccountEmails(URI.create("/relative")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
