package dev.smo1.accounts.mail;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The account messages, each with a plain-text and an HTML part saying the same, linking to the
 * dashboard.
 *
 * <p>Tokens are URL-encoded into the links; every value a user chose (names, workspace names) is
 * HTML-escaped in the HTML part and kept to one line everywhere, so a name can neither add markup
 * nor start a header or a paragraph of its own.
 */
public final class AccountEmails {
  /** How long a sign-up verification link works; the token issuer expires tokens to match. */
  public static final Duration VERIFICATION_VALID_FOR = Duration.ofHours(24);

  /** How long a password reset link works. */
  public static final Duration PASSWORD_RESET_VALID_FOR = Duration.ofHours(1);

  /** How long the link confirming a new email address works. */
  public static final Duration EMAIL_CHANGE_VALID_FOR = Duration.ofHours(24);

  private static final String PRODUCT = "SMO1";

  private final String base;

  /**
   * @param dashboardBaseUri where people open the dashboard, e.g. {@code http://127.0.0.1:8080}
   */
  public AccountEmails(URI dashboardBaseUri) {
    Objects.requireNonNull(dashboardBaseUri, "dashboardBaseUri");
    String scheme = dashboardBaseUri.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme))
        || dashboardBaseUri.getHost() == null
        || dashboardBaseUri.getRawQuery() != null
        || dashboardBaseUri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the dashboard base URI must be an absolute http(s) URI without query or fragment, was "
              + dashboardBaseUri);
    }
    String uri = dashboardBaseUri.toString();
    this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /** Asks a new user to confirm their address: {@code {base}/verify-email?token=…}. */
  public Email verification(String to, String name, String token) {
    String link = link("/verify-email", token);
    return compose(
        to,
        "Verify your email address for " + PRODUCT,
        greeting(name),
        link,
        "Verify my email address",
        new Paragraph[] {
          Paragraph.plain("Please confirm that this is your email address to finish signing up.")
        },
        new Paragraph[] {
          Paragraph.plain("The link works for " + hours(VERIFICATION_VALID_FOR) + "."),
          Paragraph.plain("If you did not sign up for " + PRODUCT + ", ignore this email.")
        });
  }

  /** A link to choose a new password: {@code {base}/reset-password?token=…}. */
  public Email passwordReset(String to, String name, String token) {
    String link = link("/reset-password", token);
    return compose(
        to,
        "Reset your " + PRODUCT + " password",
        greeting(name),
        link,
        "Choose a new password",
        new Paragraph[] {
          Paragraph.plain(
              "Someone asked to reset the password of the "
                  + PRODUCT
                  + " account of this email address. Open the link to choose a new password.")
        },
        new Paragraph[] {
          Paragraph.plain("The link works for " + hours(PASSWORD_RESET_VALID_FOR) + "."),
          Paragraph.plain(
              "If you did not ask for this, ignore this email: your password stays as it is.")
        });
  }

  /**
   * Invites someone into a workspace: {@code {base}/invitations/accept?token=…}, naming the
   * workspace, who invited them and the role they will have.
   */
  public Email invitation(
      String to, String inviterName, String workspaceName, String role, String token) {
    String inviter = oneLine(inviterName);
    String workspace = oneLine(workspaceName);
    String roleName = oneLine(role);
    String link = link("/invitations/accept", token);
    return compose(
        to,
        inviter + " invited you to " + workspace + " on " + PRODUCT,
        "Hello,",
        link,
        "Accept the invitation",
        new Paragraph[] {
          new Paragraph(
              inviter
                  + " invited you to join the workspace \u201c"
                  + workspace
                  + "\u201d on "
                  + PRODUCT
                  + " as "
                  + roleName
                  + ".",
              "<strong>"
                  + escapeHtml(inviter)
                  + "</strong> invited you to join the workspace <strong>"
                  + escapeHtml(workspace)
                  + "</strong> on "
                  + PRODUCT
                  + " as <strong>"
                  + escapeHtml(roleName)
                  + "</strong>.")
        },
        new Paragraph[] {
          Paragraph.plain(
              "If you do not know " + inviter + " or do not want to join, ignore this email.")
        });
  }

  /**
   * Confirms a new address for an account, sent to that new address: {@code
   * {base}/verify-email?token=…}.
   */
  public Email emailChange(String newAddress, String name, String token) {
    String link = link("/verify-email", token);
    return compose(
        newAddress,
        "Confirm your new email address for " + PRODUCT,
        greeting(name),
        link,
        "Confirm this address",
        new Paragraph[] {
          Paragraph.plain(
              "You asked to use this email address for your "
                  + PRODUCT
                  + " account. Please confirm it: until then, the account keeps its current"
                  + " address.")
        },
        new Paragraph[] {
          Paragraph.plain("The link works for " + hours(EMAIL_CHANGE_VALID_FOR) + "."),
          Paragraph.plain(
              "If you did not ask for this, ignore this email: the account's address does not"
                  + " change.")
        });
  }

  /** A paragraph as plain text and as HTML (already escaped). */
  private record Paragraph(String text, String html) {
    /** A paragraph without markup: its HTML is its text, escaped. */
    static Paragraph plain(String text) {
      return new Paragraph(text, escapeHtml(text));
    }
  }

  private static Email compose(
      String to,
      String subject,
      String greeting,
      String link,
      String action,
      Paragraph[] before,
      Paragraph[] after) {
    var text = new StringBuilder(greeting).append("\n\n");
    var html =
        new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .append(escapeHtml(subject))
            .append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5\">\n")
            .append("<p>")
            .append(escapeHtml(greeting))
            .append("</p>\n");
    for (Paragraph paragraph : before) {
      text.append(paragraph.text()).append("\n\n");
      html.append("<p>").append(paragraph.html()).append("</p>\n");
    }
    text.append(link).append("\n\n");
    html.append("<p><a href=\"")
        .append(escapeHtml(link))
        .append("\">")
        .append(escapeHtml(action))
        .append("</a></p>\n<p>If the link does not open, copy this address into your browser:<br>")
        .append(escapeHtml(link))
        .append("</p>\n");
    for (Paragraph paragraph : after) {
      text.append(paragraph.text()).append("\n\n");
      html.append("<p>").append(paragraph.html()).append("</p>\n");
    }
    text.append("\u2014 ").append(PRODUCT).append('\n');
    html.append("<p>\u2014 ").append(PRODUCT).append("</p>\n</body></html>\n");
    return new Email(to, subject, text.toString(), html.toString());
  }

  private String link(String path, String token) {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("token is empty");
    }
    return base + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  private static String greeting(String name) {
    String oneLine = name == null ? "" : oneLine(name);
    return oneLine.isEmpty() ? "Hello," : "Hello " + oneLine + ",";
  }

  private static String hours(Duration duration) {
    long hours = duration.toHours();
    return hours == 1 ? "1 hour" : hours + " hours";
  }

  /** A user's value on one line: control characters (line breaks, tabs) become spaces. */
  static String oneLine(String value) {
    Objects.requireNonNull(value);
    return value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
  }

  /** Text as HTML content or a double- or single-quoted attribute value. */
  static String escapeHtml(String text) {
    var escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
