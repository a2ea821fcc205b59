package dev.smo1.accounts.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real SMTP on free loopback ports: GreenMail for delivery and its 535, a greeting server for the
 * replies GreenMail never gives, and ports nobody listens on.
 */
class SmtpMailerTest {
  private static final String PASSWORD = "mailer-password";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", PASSWORD));

  private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final AccountEmails emails = new AccountEmails(URI.create("http://127.0.0.1:8080"));

  @AfterEach
  void stopThreads() {
    blocking.shutdownNow();
  }

  private static MailSettings settings(int port, int retries, Duration timeout) {
    return new MailSettings(
        "127.0.0.1",
        port,
        "SMO1 <no-reply@smo1.test>",
        Optional.empty(),
        Optional.empty(),
        false,
        timeout,
        retries,
        Duration.ofMillis(100));
  }

  private static MailSettings greenMailSettings() {
    return settings(greenMail.getSmtp().getPort(), 3, Duration.ofSeconds(5));
  }

  private SmtpMailer mailer(MailSettings settings) {
    return new SmtpMailer(settings, blocking, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static void await(CompletionStage<Void> stage) throws Exception {
    stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** The failure of a stage that must fail within {@code within}. */
  private static MailDeliveryException failureOf(CompletionStage<Void> stage, Duration within)
      throws Exception {
    try {
      stage.toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(MailDeliveryException.class);
      return (MailDeliveryException) e.getCause();
    }
    throw new AssertionError("the mail was sent");
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String part(MimeMessage message, int index, String type) throws Exception {
    var body = ((MimeMultipart) message.getContent()).getBodyPart(index);
    assertThat(body.getContentType()).startsWith(type).containsIgnoringCase("charset=UTF-8");
    return (String) body.getContent();
  }

  @Test
  void deliversTheVerificationWithHeadersBothPartsAndTheTokenLink() throws Exception {
    await(mailer(greenMailSettings()).send(emails.verification("ada@example.com", "Ada", "t/k=1")));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage message = received[0];
    assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("ada@example.com"));
    assertThat(((InternetAddress) message.getFrom()[0]).getAddress())
        .isEqualTo("no-reply@smo1.test");
    assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("SMO1");
    assertThat(message.getSubject()).isEqualTo("Verify your email address for SMO1");
    assertThat(message.getSentDate().toInstant()).isEqualTo(NOW);
    assertThat(message.getMessageID()).endsWith("@smo1.test>");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    String link = "http://127.0.0.1:8080/verify-email?token=t%2Fk%3D1";
    assertThat(part(message, 0, "text/plain")).startsWith("Hello Ada,").contains(link);
    assertThat(part(message, 1, "text/html")).contains("<a href=\"" + link + "\">");
  }

  @Test
  void aNameLikeAScriptArrivesEscapedAndNonAsciiArrivesIntact() throws Exception {
    await(
        mailer(greenMailSettings())
            .send(
                emails.invitation(
                    "bob@example.com", "<script>alert(1)</script>", "Équipe ✓", "owner", "tok")));

    MimeMessage message = greenMail.getReceivedMessages()[0];
    assertThat(message.getSubject())
        .isEqualTo("<script>alert(1)</script> invited you to Équipe ✓ on SMO1");
    assertThat(part(message, 1, "text/html"))
        .contains("<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>")
        .contains("<strong>Équipe ✓</strong>")
        .doesNotContain("<script>");
    assertThat(part(message, 0, "text/plain"))
        .contains("http://127.0.0.1:8080/invitations/accept?token=tok");
  }

  @Test
  void authenticatesWhenAUserIsSet() throws Exception {
    var settings = greenMailSettings();
    var withAuth =
        new MailSettings(
            settings.smtpHost(),
            settings.smtpPort(),
            settings.from(),
            Optional.of("mailer"),
            Optional.of(PASSWORD),
            false,
            settings.timeout(),
            settings.retries(),
            settings.retryBackoff());

    await(mailer(withAuth).send(emails.passwordReset("ada@example.com", "Ada", "r")));

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void sendReturnsBeforeAnyAttemptWhichRunsOnTheExecutorGiven() throws Exception {
    List<Runnable> queued = new ArrayList<>();
    var mailer = new SmtpMailer(greenMailSettings(), queued::add, Clock.fixed(NOW, ZoneOffset.UTC));

    CompletionStage<Void> stage = mailer.send(emails.verification("ada@example.com", "Ada", "t"));

    assertThat(stage.toCompletableFuture()).isNotDone();
    assertThat(queued).hasSize(1);
    queued.get(0).run();
    assertThat(stage.toCompletableFuture()).isCompleted();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aServerNotListeningFailsTheStageAfterTheRetriesWithinTheTimeouts() throws Exception {
    int port = freePort();
    long started = System.nanoTime();

    MailDeliveryException failure =
        failureOf(
            mailer(settings(port, 2, Duration.ofSeconds(2)))
                .send(emails.verification("ada@example.com", "Ada", "t")),
            Duration.ofSeconds(10));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.permanent()).isFalse();
    assertThat(failure.getMessage())
        .contains("smtp://127.0.0.1:" + port, "still failing after 3 attempts")
        .contains("example.com")
        .doesNotContain("ada@");
    assertThat(failure).hasRootCauseInstanceOf(ConnectException.class);
    // two backoffs were waited (100 ms, then 200 ms), no more than the timeouts allow
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(300))
        .isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void aServerThatNeverAnswersTimesOutAndIsTriedAgain() throws Exception {
    try (var silent = new GreetingServer(null)) {
      long started = System.nanoTime();

      MailDeliveryException failure =
          failureOf(
              mailer(settings(silent.port(), 1, Duration.ofMillis(500)))
                  .send(emails.verification("ada@example.com", "Ada", "t")),
              Duration.ofSeconds(10));

      assertThat(failure.attempts()).isEqualTo(2);
      assertThat(failure.permanent()).isFalse();
      assertThat(failure).hasRootCauseInstanceOf(SocketTimeoutException.class);
      assertThat(silent.connections()).isEqualTo(2);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aTransient4xxReplyIsTriedAgain() throws Exception {
    try (var busy = new GreetingServer("421 4.3.2 Service not available, try again later")) {
      MailDeliveryException failure =
          failureOf(
              mailer(settings(busy.port(), 2, Duration.ofSeconds(2)))
                  .send(emails.verification("ada@example.com", "Ada", "t")),
              Duration.ofSeconds(10));

      assertThat(failure.attempts()).isEqualTo(3);
      assertThat(failure.permanent()).isFalse();
      assertThat(failure.replyCode()).hasValue(421);
      assertThat(busy.connections()).isEqualTo(3);
    }
  }

  @Test
  void aPermanent5xxReplyIsNotTriedAgain() throws Exception {
    try (var refusing = new GreetingServer("554 5.7.1 No SMTP service here")) {
      MailDeliveryException failure =
          failureOf(
              mailer(settings(refusing.port(), 3, Duration.ofSeconds(2)))
                  .send(emails.verification("ada@example.com", "Ada", "t")),
              Duration.ofSeconds(10));

      assertThat(failure.attempts()).isEqualTo(1);
      assertThat(failure.permanent()).isTrue();
      assertThat(failure.replyCode()).hasValue(554);
      assertThat(failure.getMessage()).contains("permanent failure on attempt 1", "554");
      assertThat(refusing.connections()).isEqualTo(1);
    }
  }

  @Test
  void wrongCredentialsAre535AndNotTriedAgain() throws Exception {
    var settings = greenMailSettings();
    var wrong =
        new MailSettings(
            settings.smtpHost(),
            settings.smtpPort(),
            settings.from(),
            Optional.of("mailer"),
            Optional.of("not-the-password"),
            false,
            settings.timeout(),
            settings.retries(),
            settings.retryBackoff());

    MailDeliveryException failure =
        failureOf(
            mailer(wrong).send(emails.verification("ada@example.com", "Ada", "t")),
            Duration.ofSeconds(10));

    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(failure.permanent()).isTrue();
    assertThat(failure.replyCode()).hasValue(535);
    assertThat(failure.getMessage()).doesNotContain("not-the-password");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void starttlsRequiredIsNeverSentInPlainText() throws Exception {
    var settings = greenMailSettings();
    var tls =
        new MailSettings(
            settings.smtpHost(),
            settings.smtpPort(),
            settings.from(),
            Optional.empty(),
            Optional.empty(),
            true,
            settings.timeout(),
            settings.retries(),
            settings.retryBackoff());

    MailDeliveryException failure =
        failureOf(
            mailer(tls).send(emails.verification("ada@example.com", "Ada", "t")),
            Duration.ofSeconds(10));

    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(failure.permanent()).isTrue();
    assertThat(failure.getMessage()).contains("STARTTLS");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aMalformedAddressFailsAtOnceWithoutConnecting() throws Exception {
    var attempts = new AtomicInteger();
    var mailer =
        new SmtpMailer(
            greenMailSettings(),
            command -> {
              attempts.incrementAndGet();
              blocking.execute(command);
            });

    MailDeliveryException failure =
        failureOf(
            mailer.send(emails.verification("ada at example.com", "Ada", "t")),
            Duration.ofSeconds(1));

    assertThat(failure.attempts()).isZero();
    assertThat(failure.permanent()).isTrue();
    assertThat(attempts).hasValue(0);
  }

  @Test
  void aRejectedAttemptFailsTheStage() throws Exception {
    var mailer =
        new SmtpMailer(
            greenMailSettings(),
            command -> {
              throw new RejectedExecutionException("shutting down");
            });

    MailDeliveryException failure =
        failureOf(
            mailer.send(emails.verification("ada@example.com", "Ada", "t")), Duration.ofSeconds(1));

    assertThat(failure).hasCauseInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void aServerThatComesUpBeforeTheRetryGetsTheMessage() throws Exception {
    int port = freePort();
    var later = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    var attempts = new AtomicInteger();
    try {
      var mailer =
          new SmtpMailer(
              settings(port, 3, Duration.ofSeconds(2)),
              command -> {
                if (attempts.incrementAndGet() == 2) {
                  later.start(); // the first attempt found nothing listening
                }
                blocking.execute(command);
              });

      await(mailer.send(emails.emailChange("ada@new.example", "Ada", "c")));

      assertThat(attempts).hasValue(2);
      assertThat(later.getReceivedMessages()).hasSize(1);
      assertThat(later.getReceivedMessages()[0].getAllRecipients())
          .containsExactly(new InternetAddress("ada@new.example"));
    } finally {
      later.stop();
    }
  }

  @Test
  void anEmailHidesItsContentWhenPrinted() {
    Email email = emails.passwordReset("ada@example.com", "Ada", "secret-token");

    assertThat(email.toString()).doesNotContain("secret-token");
    assertThatThrownBy(() -> new Email("a@example.com\r\nBcc: eve@example.com", "s", "t", "h"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
