package dev.smo1.billing.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.accounts.workspace.WorkspaceLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The node reads the same plans file as the pricing page: every plan, limit and Stripe price of
 * {@code packages/plans/plans.json} as the file says it, and a broken file refused.
 */
class PlanCatalogTest {
  private final PlanCatalog catalog = PlanCatalog.load();

  @Test
  void readsThePlansInTheirOrderFromTheOneFile() throws IOException {
    assertThat(catalog.plans())
        .extracting(Plan::id)
        .containsExactly("free", "pro", "business", "enterprise");
    String file = Files.readString(Path.of("../packages/plans/plans.json"));
    try (var in = new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))) {
      assertThat(PlanCatalog.parse(in).plans()).isEqualTo(catalog.plans());
    }
  }

  @Test
  void mapsLimitsWithNullAsNoLimit() {
    assertThat(catalog.limitsOf("free"))
        .contains(new WorkspaceLimits(50L, 10_000L, 0, 1, 1, 60, 30));
    assertThat(catalog.limitsOf("enterprise")).contains(WorkspaceLimits.UNLIMITED);
    assertThat(catalog.limitsOf("gold")).isEmpty();
    var pro = catalog.plan("pro").orElseThrow();
    assertThat(pro.price()).isEqualTo(new Plan.Price("USD", 1200L, 12000L));
    assertThat(pro.capabilities()).isEqualTo(new Plan.Capabilities(true, true, false));
    assertThat(pro.highlighted()).isTrue();
    assertThat(catalog.plan("enterprise").orElseThrow().selfServe()).isFalse();
  }

  @Test
  void findsThePlanAndIntervalOfAStripePrice() {
    var pro = catalog.plan("pro").orElseThrow();
    String yearly = pro.stripePrice(Plan.Interval.YEAR).orElseThrow();
    assertThat(catalog.byStripePrice(yearly))
        .contains(new PlanCatalog.PriceOfPlan(pro, Plan.Interval.YEAR));
    assertThat(catalog.byStripePrice("price_unknown")).isEmpty();
    assertThat(catalog.plan("free").orElseThrow().stripePrice(Plan.Interval.MONTH)).isEmpty();
    assertThat(catalog.stripePrices()).hasSize(4);
  }

  @Test
  void refusesAnotherFormatAMissingPlanAndAPriceOfTwoPlans() {
    assertThatThrownBy(() -> parse("{\"format\":2,\"plans\":[]}")).hasMessageContaining("format 2");
    assertThatThrownBy(() -> parse("{\"format\":1,\"plans\":[" + plan("free", null) + "]}"))
        .hasMessageContaining("no 'enterprise' plan");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"format\":1,\"plans\":["
                        + plan("free", null)
                        + ","
                        + plan("pro", "price_a")
                        + ","
                        + plan("enterprise", "price_a")
                        + "]}"))
        .hasMessageContaining("price_a");
    assertThatThrownBy(
            () -> parse("{\"format\":1,\"plans\":[{\"id\":\"free\",\"name\":\"Free\"}]}"))
        .hasMessageContaining("lacks 'price'");
  }

  private static PlanCatalog parse(String json) throws IOException {
    return PlanCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String plan(String id, String price) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"N\",\"description\":\"D\","
        + "\"price\":{\"currency\":\"USD\",\"monthlyCents\":0,\"yearlyCents\":0},"
        + "\"limits\":{\"linksPerMonth\":1,\"trackedClicksPerMonth\":1,\"customDomains\":0,"
        + "\"members\":1,\"apiKeys\":1,\"apiRequestsPerMinute\":1,\"analyticsRetentionDays\":1},"
        + "\"features\":[\"f\"],"
        + "\"capabilities\":{\"passwordLinks\":false,\"rulesAndVariants\":false,\"webhooks\":false},"
        + "\"selfServe\":true"
        + (price == null
            ? ""
            : ",\"stripe\":{\"monthlyPriceId\":\""
                + price
                + "\",\"yearlyPriceId\":\""
                + price
                + "_y\"}")
        + "}";
  }
}
