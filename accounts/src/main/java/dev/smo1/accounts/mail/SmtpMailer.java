package dev.smo1.accounts.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link Email}s over SMTP with Angus Mail, one connection per message.
 *
 * <p>Every attempt runs on the executor given (a dispatcher for blocking work: an attempt holds a
 * thread for up to the timeouts); {@link #send} itself never blocks. Retries are scheduled, not
 * slept: between attempts no thread is held. Only a transient failure is retried (see {@link
 * MailFailure}), and such failures come before the server has taken the message, but for one: the
 * connection lost while waiting for the answer to the message data, when the server may have taken
 * it (RFC 1047). The recipient then gets it twice, which for these messages is harmless.
 */
public final class SmtpMailer implements Mailer {
  private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

  private final MailSettings settings;
  private final Executor blocking;
  private final Clock clock;
  private final Session session;
  private final InternetAddress from;

  public SmtpMailer(MailSettings settings, Executor blocking) {
    this(settings, blocking, Clock.systemUTC());
  }

  /**
   * @param blocking runs the attempts (e.g. Pekko's blocking-IO dispatcher)
   * @param clock dates the messages
   */
  public SmtpMailer(MailSettings settings, Executor blocking, Clock clock) {
    this.settings = settings;
    this.blocking = blocking;
    this.clock = clock;
    this.session = Session.getInstance(properties(settings));
    try {
      this.from = new InternetAddress(settings.from(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "from address: " + e.getMessage(), e); // MailSettings checks
    }
  }

  private static Properties properties(MailSettings settings) {
    String timeout = Long.toString(settings.timeout().toMillis());
    var properties = new Properties();
    properties.setProperty("mail.smtp.host", settings.smtpHost());
    properties.setProperty("mail.smtp.port", Integer.toString(settings.smtpPort()));
    properties.setProperty("mail.smtp.connectiontimeout", timeout);
    properties.setProperty("mail.smtp.timeout", timeout);
    properties.setProperty("mail.smtp.writetimeout", timeout);
    properties.setProperty("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    return properties;
  }

  @Override
  public CompletionStage<Void> send(Email email) {
    var result = new CompletableFuture<Void>();
    String id = UUID.randomUUID().toString();
    String toDomain = "-";
    MimeMessage message;
    try {
      var to = new InternetAddress(email.to(), true);
      to.validate();
      toDomain = domainOf(to.getAddress());
      message = message(to, email, id);
    } catch (MessagingException | RuntimeException e) {
      fail(result, id, toDomain, 0, MailFailure.of(e), e);
      return result;
    }
    var delivery = new Delivery(id, toDomain, message, result);
    dispatch(delivery, 1);
    return result;
  }

  /** What the attempts of one message share. */
  private record Delivery(
      String id, String toDomain, MimeMessage message, CompletableFuture<Void> result) {}

  private void dispatch(Delivery delivery, int attempt) {
    try {
      blocking.execute(() -> attempt(delivery, attempt));
    } catch (RejectedExecutionException e) {
      fail(
          delivery.result(), delivery.id(), delivery.toDomain(), attempt - 1, MailFailure.of(e), e);
    }
  }

  private void attempt(Delivery delivery, int attempt) {
    long started = System.nanoTime();
    try {
      transmit(delivery.message());
    } catch (MessagingException | RuntimeException e) {
      var failure = MailFailure.of(e);
      int attempts = settings.retries() + 1;
      if (failure.isTransient() && attempt < attempts) {
        Duration backoff = backoff(attempt);
        log.warn(
            "mail attempt failed id={} toDomain={} attempt={} of={} code={} error={} retryInMs={}",
            delivery.id(),
            delivery.toDomain(),
            attempt,
            attempts,
            codeOf(failure),
            e.getClass().getSimpleName(),
            backoff.toMillis());
        CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
            .execute(() -> dispatch(delivery, attempt + 1));
      } else {
        fail(delivery.result(), delivery.id(), delivery.toDomain(), attempt, failure, e);
      }
      return;
    }
    log.info(
        "mail sent id={} toDomain={} attempt={} ms={}",
        delivery.id(),
        delivery.toDomain(),
        attempt,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    delivery.result().complete(null);
  }

  private void transmit(MimeMessage message) throws MessagingException {
    Transport transport = session.getTransport("smtp");
    try {
      transport.connect(
          settings.smtpHost(),
          settings.smtpPort(),
          settings.username().orElse(null),
          settings.password().orElse(null));
      transport.sendMessage(message, message.getAllRecipients());
    } finally {
      closeQuietly(transport);
    }
  }

  /**
   * Once the server has taken the message, a failed QUIT must not fail (and so resend) it: the
   * connection is dropped either way.
   */
  private static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      log.debug("mail connection close failed error={}", e.getClass().getSimpleName());
    }
  }

  /** retryBackoff, then twice as long before each further retry. */
  private Duration backoff(int failedAttempts) {
    return settings.retryBackoff().multipliedBy(1L << (failedAttempts - 1));
  }

  private void fail(
      CompletableFuture<Void> result,
      String id,
      String toDomain,
      int attempts,
      MailFailure failure,
      Throwable cause) {
    log.warn(
        "mail not sent id={} toDomain={} attempts={} permanent={} code={} error={}",
        id,
        toDomain,
        attempts,
        !failure.isTransient(),
        codeOf(failure),
        cause.getClass().getSimpleName());
    String why;
    if (failure.isTransient()) {
      why = "still failing after " + count(attempts, "attempt");
    } else if (attempts == 0) {
      why = "not attempted";
    } else {
      why = "permanent failure on attempt " + attempts;
    }
    String message =
        "mail to a recipient at "
            + toDomain
            + " not sent through smtp://"
            + settings.smtpHost()
            + ":"
            + settings.smtpPort()
            + ", "
            + why
            + ": "
            + failure.summary();
    result.completeExceptionally(new MailDeliveryException(message, attempts, failure, cause));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String codeOf(MailFailure failure) {
    return failure.replyCode().isPresent() ? Integer.toString(failure.replyCode().getAsInt()) : "-";
  }

  private MimeMessage message(InternetAddress to, Email email, String id)
      throws MessagingException {
    var message =
        new IdentifiedMessage(session, "<" + id + "@" + domainOf(from.getAddress()) + ">");
    message.setFrom(from);
    message.setRecipient(MimeMessage.RecipientType.TO, to);
    message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(clock.instant()));
    var text = new MimeBodyPart();
    text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
    var html = new MimeBodyPart();
    html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
    // alternatives in increasing order of preference (RFC 2046): HTML last
    message.setContent(new MimeMultipart("alternative", text, html));
    message.saveChanges();
    return message;
  }

  /** The part of an address logs may show: the domain, never the mailbox. */
  private static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "-" : address.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * A Message-ID of our own: the id the log lines carry, and no host name lookup (Angus derives its
   * own from the local host's name).
   */
  private static final class IdentifiedMessage extends MimeMessage {
    private final String messageId;

    IdentifiedMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
