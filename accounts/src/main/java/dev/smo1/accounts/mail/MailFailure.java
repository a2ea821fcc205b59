package dev.smo1.accounts.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Why an attempt failed, and whether trying again can help.
 *
 * <p>A reply code decides when the server gave one: 4xx is transient (RFC 5321: "the action may
 * succeed if repeated"), 5xx permanent. Without one, an I/O failure (no connection, a timeout, a
 * connection cut) is transient. Anything else (a malformed address, STARTTLS required but not
 * offered, no common AUTH mechanism) is permanent: sending again would fail the same way, and a
 * retry of a failure we do not understand could deliver the message twice.
 */
record MailFailure(Kind kind, OptionalInt replyCode, String summary) {
  enum Kind {
    TRANSIENT,
    PERMANENT
  }

  /** Angus reports some replies only in the message: "Got bad greeting ..., response: 421". */
  private static final Pattern RESPONSE_CODE = Pattern.compile("response: ([2-5]\\d\\d)\\b");

  /** ... and others as the server's reply line itself: "535 5.7.8 Authentication failed". */
  private static final Pattern LEADING_CODE = Pattern.compile("^([2-5]\\d\\d)[ -]");

  static MailFailure of(Throwable failure) {
    OptionalInt code = OptionalInt.empty();
    boolean io = false;
    boolean malformedAddress = false;
    for (Throwable t : chain(failure)) {
      if (code.isEmpty()) {
        code = replyCode(t);
      }
      io |= t instanceof IOException;
      malformedAddress |= t instanceof AddressException;
    }
    Kind kind;
    if (malformedAddress) {
      kind = Kind.PERMANENT;
    } else if (code.isPresent()) {
      kind = code.getAsInt() < 500 ? Kind.TRANSIENT : Kind.PERMANENT;
    } else {
      kind = io ? Kind.TRANSIENT : Kind.PERMANENT;
    }
    return new MailFailure(kind, code, summary(failure));
  }

  boolean isTransient() {
    return kind == Kind.TRANSIENT;
  }

  /** A 4xx or 5xx reply the failure carries, if any (2xx and 3xx are no failure to classify). */
  private static OptionalInt replyCode(Throwable t) {
    int code =
        switch (t) {
          case SMTPSendFailedException e -> e.getReturnCode();
          case SMTPAddressFailedException e -> e.getReturnCode();
          case SMTPSenderFailedException e -> e.getReturnCode();
          case MessagingException e when e.getMessage() != null -> fromMessage(e.getMessage());
          default -> -1;
        };
    return code >= 400 && code < 600 ? OptionalInt.of(code) : OptionalInt.empty();
  }

  private static int fromMessage(String message) {
    Matcher leading = LEADING_CODE.matcher(message);
    if (leading.find()) {
      return Integer.parseInt(leading.group(1));
    }
    Matcher response = RESPONSE_CODE.matcher(message);
    return response.find() ? Integer.parseInt(response.group(1)) : -1;
  }

  /**
   * The failure, then what it wraps: Jakarta Mail chains through {@link
   * MessagingException#getNextException()} as well as the cause.
   */
  private static Iterable<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    var order = new ArrayList<Throwable>();
    var pending = new ArrayDeque<Throwable>();
    pending.add(failure);
    while (!pending.isEmpty()) {
      Throwable t = pending.removeFirst();
      if (!seen.add(t)) {
        continue;
      }
      order.add(t);
      if (t instanceof MessagingException m && m.getNextException() != null) {
        pending.add(m.getNextException());
      }
      if (t.getCause() != null) {
        pending.add(t.getCause());
      }
    }
    return order;
  }

  /** One line for the exception message: the failure and its root, as the library put them. */
  private static String summary(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String top = describe(failure);
    return root == failure ? top : top + " (" + describe(root) + ")";
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : ": " + t.getMessage().strip();
    return t.getClass().getSimpleName() + message.replaceAll("\\s+", " ");
  }
}
