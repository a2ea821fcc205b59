package dev.smo1.billing.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.billing.usage.UsageThresholds.Resource;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BillingEmailsTest {
  private static final Instant JANUARY = Instant.parse("2027-01-01T00:00:00Z");
  private final BillingEmails emails = new BillingEmails(URI.create("https://smo1.example/app/"));

  @Test
  void eightyPercentOfTheLinksSaysTheFiguresTheMonthsLastDayAndTheBillingPage() {
    var email =
        emails.usage(
            "owner@example.com",
            "acme",
            new BillingEmails.UsageNotice(Resource.LINKS, 80, 40, 50, "Free", JANUARY));
    assertThat(email.to()).isEqualTo("owner@example.com");
    assertThat(email.subject())
        .isEqualTo("Workspace acme has used 80 % of its links for this month");
    assertThat(email.text())
        .startsWith(
            "Workspace acme has created 40 of the 50 links its Free plan includes this month"
                + " (until 31 December 2026). Upgrade the plan")
        .contains("Billing: https://smo1.example/app/billing/?workspace=acme");
    assertThat(email.html()).contains("href=\"https://smo1.example/app/billing/?workspace=acme\"");
  }

  @Test
  void allTheLinksSaysNewOnesAreRefusedAllTheClicksSaysTheyStillRedirect() {
    var links =
        emails.usage(
            "o@example.com",
            "acme",
            new BillingEmails.UsageNotice(Resource.LINKS, 100, 50, 50, "Free", JANUARY));
    assertThat(links.subject()).isEqualTo("Workspace acme has used all its links for this month");
    assertThat(links.text()).contains("New links are refused until the month ends");
    var clicks =
        emails.usage(
            "o@example.com",
            "acme",
            new BillingEmails.UsageNotice(
                Resource.TRACKED_CLICKS, 100, 10_003, 10_000, "Free", JANUARY));
    assertThat(clicks.subject())
        .isEqualTo("Workspace acme has used all its tracked clicks for this month");
    assertThat(clicks.text())
        .startsWith("Workspace acme has had 10003 of the 10000 tracked clicks")
        .contains("Its links keep redirecting")
        .contains("over quota");
  }
}
