package dev.smo1.billing.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.accounts.workspace.PlanBook;
import dev.smo1.accounts.workspace.WorkspaceLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plans, read once from the plans file ({@code packages/plans/plans.json}, copied into this
 * module's classes at build time; the landing's pricing page imports the same file). Checked on
 * load beyond its schema (which the TypeScript package's test holds it to): format 1, {@code free}
 * and {@code enterprise} present, ids and Stripe prices unique. A node with a broken file does not
 * start.
 */
public final class PlanCatalog implements PlanBook {
  static final String RESOURCE = "plans.json";
  private static final int FORMAT = 1;

  private final List<Plan> plans;
  private final Map<String, Plan> byId;
  private final Map<String, PriceOfPlan> byStripePrice;

  /** A Stripe price: the plan it is of, and how often it bills. */
  public record PriceOfPlan(Plan plan, Plan.Interval interval) {}

  private PlanCatalog(List<Plan> plans) {
    this.plans = List.copyOf(plans);
    this.byId = new LinkedHashMap<>();
    this.byStripePrice = new LinkedHashMap<>();
    for (Plan plan : plans) {
      if (byId.put(plan.id(), plan) != null) {
        throw new IllegalArgumentException("plan '" + plan.id() + "' is listed twice");
      }
      plan.stripe()
          .ifPresent(
              prices -> {
                addPrice(prices.monthlyPriceId(), new PriceOfPlan(plan, Plan.Interval.MONTH));
                addPrice(prices.yearlyPriceId(), new PriceOfPlan(plan, Plan.Interval.YEAR));
              });
    }
    for (String required : List.of(FREE, ENTERPRISE)) {
      if (!byId.containsKey(required)) {
        throw new IllegalArgumentException("the plans file has no '" + required + "' plan");
      }
    }
  }

  private void addPrice(String priceId, PriceOfPlan price) {
    if (byStripePrice.put(priceId, price) != null) {
      throw new IllegalArgumentException("Stripe price '" + priceId + "' is of two plans");
    }
  }

  /** The plans file this node was built with. */
  public static PlanCatalog load() {
    try (InputStream in = PlanCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " beside " + PlanCatalog.class);
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PlanCatalog parse(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    if (root.path("format").asInt(-1) != FORMAT) {
      throw new IllegalArgumentException(
          "the plans file has format " + root.path("format") + ", this node reads " + FORMAT);
    }
    var plans = new ArrayList<Plan>();
    for (JsonNode plan : root.withArray("plans")) {
      plans.add(plan(plan));
    }
    return new PlanCatalog(plans);
  }

  private static Plan plan(JsonNode node) {
    JsonNode price = required(node, "price");
    JsonNode limits = required(node, "limits");
    JsonNode capabilities = required(node, "capabilities");
    var features = new ArrayList<String>();
    required(node, "features").forEach(feature -> features.add(feature.asText()));
    JsonNode stripe = node.get("stripe");
    return new Plan(
        text(node, "id"),
        text(node, "name"),
        text(node, "description"),
        new Plan.Price(
            text(price, "currency"), number(price, "monthlyCents"), number(price, "yearlyCents")),
        new WorkspaceLimits(
            number(limits, "linksPerMonth"),
            number(limits, "trackedClicksPerMonth"),
            integer(limits, "customDomains"),
            integer(limits, "members"),
            integer(limits, "apiKeys"),
            integer(limits, "apiRequestsPerMinute"),
            integer(limits, "analyticsRetentionDays")),
        features,
        new Plan.Capabilities(
            required(capabilities, "passwordLinks").asBoolean(),
            required(capabilities, "rulesAndVariants").asBoolean(),
            required(capabilities, "webhooks").asBoolean()),
        required(node, "selfServe").asBoolean(),
        stripe == null
            ? Optional.empty()
            : Optional.of(
                new Plan.StripePrices(
                    text(stripe, "monthlyPriceId"), text(stripe, "yearlyPriceId"))),
        node.path("highlighted").asBoolean(false));
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new IllegalArgumentException("a plan lacks '" + field + "': " + node);
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  /** A limit or price: null when the file says null. */
  private static Long number(JsonNode node, String field) {
    JsonNode value = required(node, field);
    return value.isNull() ? null : value.asLong();
  }

  private static Integer integer(JsonNode node, String field) {
    Long value = number(node, field);
    return value == null ? null : Math.toIntExact(value);
  }

  /** In the order they are offered, cheapest first, {@code enterprise} last. */
  public List<Plan> plans() {
    return plans;
  }

  public Optional<Plan> plan(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The plan and interval a Stripe price is of; empty for a price of no plan. */
  public Optional<PriceOfPlan> byStripePrice(String priceId) {
    return Optional.ofNullable(byStripePrice.get(priceId));
  }

  /** Every Stripe price of every plan, for the local stand-in's catalogue. */
  public Map<String, PriceOfPlan> stripePrices() {
    return Map.copyOf(byStripePrice);
  }

  @Override
  public Optional<WorkspaceLimits> limitsOf(String planId) {
    return plan(planId).map(Plan::limits);
  }

  /** Ids of every plan, for messages. */
  public java.util.Set<String> ids() {
    return new HashSet<>(byId.keySet());
  }
}
