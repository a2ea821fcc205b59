package dev.smo1.accounts.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.OptionalInt;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry decision for each failure Angus Mail reports, built as Angus builds them (see
 * SMTPTransport). Replies GreenMail cannot give (4xx) are covered here; SmtpMailerTest covers the
 * ones a real server gives.
 */
class MailFailureTest {

  static Stream<Arguments> failures() throws Exception {
    var bob = new InternetAddress("bob@example.com");
    return Stream.of(
        // no connection, timeouts, a connection cut: transient
        Arguments.of(
            "connection refused",
            new MailConnectException(
                new SocketConnectException(
                    "Couldn't connect", new ConnectException("refused"), "127.0.0.1", 1025, 1000)),
            MailFailure.Kind.TRANSIENT,
            OptionalInt.empty()),
        Arguments.of(
            "read timeout",
            new MessagingException("Exception reading response", new SocketTimeoutException()),
            MailFailure.Kind.TRANSIENT,
            OptionalInt.empty()),
        Arguments.of(
            "TLS handshake",
            new MessagingException(
                "Could not convert socket to TLS", new SSLHandshakeException("bad cert")),
            MailFailure.Kind.TRANSIENT,
            OptionalInt.empty()),
        // replies: 4xx transient, 5xx permanent, however Angus carries them
        Arguments.of(
            "421 greeting",
            new MessagingException(
                "Got bad greeting from SMTP host: smtp.example.com, port: 25, response: 421"),
            MailFailure.Kind.TRANSIENT,
            OptionalInt.of(421)),
        Arguments.of(
            "554 greeting",
            new MessagingException(
                "Got bad greeting from SMTP host: smtp.example.com, port: 25, response: 554"),
            MailFailure.Kind.PERMANENT,
            OptionalInt.of(554)),
        Arguments.of(
            "451 after DATA",
            new SMTPSendFailedException(
                "DATA", 451, "451 4.3.0 try again later", null, null, null, null),
            MailFailure.Kind.TRANSIENT,
            OptionalInt.of(451)),
        Arguments.of(
            "552 after DATA",
            new SMTPSendFailedException(
                "DATA", 552, "552 5.3.4 message too big", null, null, null, null),
            MailFailure.Kind.PERMANENT,
            OptionalInt.of(552)),
        Arguments.of(
            "450 mailbox busy, chained as Angus does",
            invalidAddresses(
                new SMTPAddressFailedException(bob, "RCPT TO:<bob@example.com>", 450, "450 busy")),
            MailFailure.Kind.TRANSIENT,
            OptionalInt.of(450)),
        Arguments.of(
            "550 no such user, chained as Angus does",
            invalidAddresses(
                new SMTPAddressFailedException(
                    bob, "RCPT TO:<bob@example.com>", 550, "550 5.1.1 no such user")),
            MailFailure.Kind.PERMANENT,
            OptionalInt.of(550)),
        Arguments.of(
            "535 authentication",
            new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid\n"),
            MailFailure.Kind.PERMANENT,
            OptionalInt.of(535)),
        Arguments.of(
            "454 temporary authentication failure",
            new AuthenticationFailedException("454 4.7.0 Temporary authentication failure\n"),
            MailFailure.Kind.TRANSIENT,
            OptionalInt.of(454)),
        // no reply, no I/O: permanent (trying again fails the same way)
        Arguments.of(
            "malformed address",
            new AddressException("Missing final '@domain'", "bob"),
            MailFailure.Kind.PERMANENT,
            OptionalInt.empty()),
        Arguments.of(
            "STARTTLS required, not offered",
            new MessagingException("STARTTLS is required but host does not support STARTTLS"),
            MailFailure.Kind.PERMANENT,
            OptionalInt.empty()),
        Arguments.of(
            "no AUTH mechanism in common",
            new AuthenticationFailedException(
                "No authentication mechanisms supported by both server and client"),
            MailFailure.Kind.PERMANENT,
            OptionalInt.empty()));
  }

  /** SMTPTransport wraps a refused recipient in a SendFailedException, through its next. */
  private static SendFailedException invalidAddresses(SMTPAddressFailedException refused) {
    return new SendFailedException("Invalid Addresses", refused);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void classifiesAsTransientOnlyWhatMaySucceedIfRepeated(
      String name, Exception failure, MailFailure.Kind kind, OptionalInt replyCode) {
    MailFailure classified = MailFailure.of(failure);

    assertThat(classified.kind()).isEqualTo(kind);
    assertThat(classified.replyCode()).isEqualTo(replyCode);
    assertThat(classified.summary()).startsWith(failure.getClass().getSimpleName());
  }
}
