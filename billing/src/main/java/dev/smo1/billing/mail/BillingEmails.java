package dev.smo1.billing.mail;

import dev.smo1.accounts.mail.Email;
import dev.smo1.billing.subscription.SubscriptionSync.Notice;
import dev.smo1.billing.usage.UsageThresholds;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The billing notices as email (plain text and HTML saying the same), each linking to the
 * workspace's billing page in the dashboard. Plan names come from the plans file; the workspace id
 * is a slug; nothing a user typed goes in.
 */
public final class BillingEmails {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final String dashboard;

  /** {@code dashboard}: the dashboard's address, e.g. {@code http://127.0.0.1:8080/app}. */
  public BillingEmails(URI dashboard) {
    String text = dashboard.toString();
    this.dashboard = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  public Email render(String to, String workspace, Notice notice, String planName) {
    String link = billingPage(workspace);
    String day = notice.date() == null ? "" : DAY.format(notice.date());
    String subject;
    String body;
    switch (notice.kind()) {
      case SUBSCRIBED -> {
        subject = "Workspace " + workspace + " is on the " + planName + " plan";
        body =
            "Thank you: workspace "
                + workspace
                + " is on the "
                + planName
                + " plan, renewed on "
                + day
                + ".";
      }
      case CANCELLING -> {
        subject = "The " + planName + " plan of " + workspace + " ends on " + day;
        body =
            "The subscription of workspace "
                + workspace
                + " was cancelled: it stays on the "
                + planName
                + " plan until "
                + day
                + ", then moves to the free plan. You can renew it until then.";
      }
      case PAYMENT_FAILED -> {
        subject = "Payment failed for workspace " + workspace;
        body =
            "The last payment for workspace "
                + workspace
                + " failed. It keeps the "
                + planName
                + " plan until "
                + day
                + "; update the payment method before then, or it moves to the free plan.";
      }
      case DOWNGRADED -> {
        subject = "Workspace " + workspace + " moved to the free plan";
        body =
            "The payment for workspace "
                + workspace
                + " is still missing, so it moved from the "
                + planName
                + " plan to the free plan. Its links keep working; pay the open invoice to return.";
      }
      case ENDED -> {
        subject = "The subscription of workspace " + workspace + " ended";
        body =
            "The subscription of workspace "
                + workspace
                + " ended: it is on the free plan now. Its links keep working.";
      }
      default -> throw new IllegalArgumentException("no email for " + notice.kind());
    }
    return message(to, subject, body, link);
  }

  /**
   * A usage notice: {@code used} of the {@code limit} of {@code resource} this period reached
   * {@code percent} % on the plan named {@code planName}; the period ends at {@code periodEnd}.
   */
  public record UsageNotice(
      UsageThresholds.Resource resource,
      int percent,
      long used,
      long limit,
      String planName,
      java.time.Instant periodEnd) {}

  public Email usage(String to, String workspace, UsageNotice notice) {
    String link = billingPage(workspace);
    // the period ends at the first instant of the next month: its last day is the day before
    String lastDay = DAY.format(notice.periodEnd().minusSeconds(1));
    String what = notice.resource() == UsageThresholds.Resource.LINKS ? "links" : "tracked clicks";
    String subject =
        notice.percent() >= 100
            ? "Workspace " + workspace + " has used all its " + what + " for this month"
            : "Workspace "
                + workspace
                + " has used "
                + notice.percent()
                + " % of its "
                + what
                + " for this month";
    String figures =
        "Workspace "
            + workspace
            + (notice.resource() == UsageThresholds.Resource.LINKS ? " has created " : " has had ")
            + notice.used()
            + " of the "
            + notice.limit()
            + " "
            + what
            + " its "
            + notice.planName()
            + " plan includes this month (until "
            + lastDay
            + ").";
    String consequence;
    if (notice.percent() < 100) {
      consequence = " Upgrade the plan before the limit is reached to keep going.";
    } else if (notice.resource() == UsageThresholds.Resource.LINKS) {
      consequence = " New links are refused until the month ends or the plan is upgraded.";
    } else {
      consequence =
          " Its links keep redirecting; clicks beyond the volume are still recorded, counted as"
              + " over quota. Upgrade the plan for a larger volume.";
    }
    return message(to, subject, figures + consequence, link);
  }

  private String billingPage(String workspace) {
    return dashboard
        + "/billing/?workspace="
        + URLEncoder.encode(workspace, StandardCharsets.UTF_8);
  }

  private static Email message(String to, String subject, String body, String link) {
    String text = body + "\n\nBilling: " + link + "\n\n— SMO1\n";
    String html =
        "<!doctype html><html><body><p>"
            + escape(body)
            + "</p><p><a href=\""
            + escape(link)
            + "\">Open billing</a></p><p>— SMO1</p></body></html>";
    return new Email(to, subject, text, html);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
