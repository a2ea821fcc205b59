package dev.smo1.stripe.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smo1.stripe.standin.Entities.Card;
import dev.smo1.stripe.standin.Entities.CardBehaviour;
import dev.smo1.stripe.standin.Entities.CheckoutSession;
import dev.smo1.stripe.standin.Entities.Customer;
import dev.smo1.stripe.standin.Entities.Invoice;
import dev.smo1.stripe.standin.Entities.InvoiceLine;
import dev.smo1.stripe.standin.Entities.PortalSession;
import dev.smo1.stripe.standin.Entities.Subscription;
import dev.smo1.stripe.standin.Entities.SubscriptionItem;
import dev.smo1.stripe.standin.Entities.TestClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The stand-in's account: its objects, what the API and the hosted pages do to them, and what time
 * does to them (renewals, payment retries, cancellations at period end). Every method holds the one
 * lock, so each request sees and leaves a consistent account; events are handed to the sink in the
 * order they happen.
 */
final class Ledger {
  /** Days after a failed attempt until the next one; after the last, the subscription ends. */
  private static final long[] RETRY_DAYS = {3, 5, 7};

  private static final long DAY = 86_400;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Map<String, CatalogPrice> prices = new LinkedHashMap<>();
  private final long catalogCreated;
  private final StripeObjects render;
  private final Consumer<StripeEvent> events;
  private final Ids ids = new Ids();
  private final String portalConfiguration = ids.portalConfiguration();

  private final Map<String, Customer> customers = new LinkedHashMap<>();
  private final Map<String, CheckoutSession> checkoutSessions = new LinkedHashMap<>();
  private final Map<String, PortalSession> portalSessions = new LinkedHashMap<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Invoice> invoices = new LinkedHashMap<>();
  private final Map<String, TestClock> testClocks = new LinkedHashMap<>();

  Ledger(
      Clock clock, List<CatalogPrice> catalog, StripeObjects render, Consumer<StripeEvent> events) {
    this.clock = clock;
    catalog.forEach(price -> prices.put(price.id(), price));
    this.catalogCreated = clock.instant().getEpochSecond();
    this.render = render;
    this.events = events;
  }

  // ---- time

  private long ownNow() {
    return clock.instant().getEpochSecond();
  }

  private long now(String testClock) {
    return testClock == null ? ownNow() : testClocks.get(testClock).frozenTime;
  }

  private long now(Customer customer) {
    return now(customer.testClock);
  }

  // ---- customers

  private static final Set<String> CUSTOMER_CREATE =
      Set.of("email", "name", "metadata", "test_clock", "expand");

  synchronized ObjectNode createCustomer(FormParameters params, Origin origin) {
    params.allowOnly(CUSTOMER_CREATE);
    var customer = new Customer();
    customer.testClock =
        params
            .string("test_clock")
            .map(
                id -> {
                  if (!testClocks.containsKey(id)) {
                    throw ApiError.noSuchInParam("test_clock", id, "test_clock");
                  }
                  return id;
                })
            .orElse(null);
    customer.id = ids.customer();
    customer.created = now(customer);
    customer.email = params.string("email").filter(email -> !email.isEmpty()).orElse(null);
    customer.name = params.string("name").filter(name -> !name.isEmpty()).orElse(null);
    applyMetadata(customer.metadata, params.stringMap("metadata"));
    customer.invoicePrefix = ids.invoicePrefix();
    customers.put(customer.id, customer);
    emit("customer.created", customer.created, renderCustomer(customer), null, origin);
    return renderCustomer(customer);
  }

  synchronized ObjectNode customer(String id) {
    return renderCustomer(findCustomer(id, "id", 404));
  }

  private Customer findCustomer(String id, String param, int status) {
    var customer = customers.get(id);
    if (customer == null) {
      throw status == 404
          ? ApiError.noSuch("customer", id, param)
          : ApiError.noSuchInParam("customer", id, param);
    }
    return customer;
  }

  private ObjectNode renderCustomer(Customer customer) {
    var delinquent =
        invoices.values().stream()
            .anyMatch(
                invoice ->
                    invoice.customer.equals(customer.id)
                        && invoice.status.equals("open")
                        && invoice.attemptCount > 0);
    return render.customer(customer, delinquent);
  }

  // ---- Checkout

  private static final Set<String> CHECKOUT_CREATE =
      Set.of(
          "mode",
          "customer",
          "customer_email",
          "client_reference_id",
          "line_items",
          "success_url",
          "cancel_url",
          "metadata",
          "subscription_data",
          "expand",
          "payment_method_types",
          "allow_promotion_codes",
          "locale");

  synchronized ObjectNode createCheckoutSession(FormParameters params) {
    params.allowOnly(CHECKOUT_CREATE);
    var mode = params.required("mode");
    if (!mode.equals("subscription")) {
      throw ApiError.invalidParam(
          "mode", "The SMO1 stand-in models only mode=subscription, not mode=" + mode + ".");
    }
    var session = new CheckoutSession();
    var customerId = params.string("customer").filter(id -> !id.isEmpty());
    var customerEmail = params.string("customer_email").filter(email -> !email.isEmpty());
    if (customerId.isPresent() && customerEmail.isPresent()) {
      throw ApiError.invalidRequest(
          "You may only specify one of these parameters: customer, customer_email.");
    }
    var customer = customerId.map(id -> findCustomer(id, "customer", 400));
    session.customer = customer.map(c -> c.id).orElse(null);
    session.customerEmail = customer.map(c -> c.email).orElse(customerEmail.orElse(null));
    var lineItems = params.list("line_items");
    if (lineItems.isEmpty()) {
      throw ApiError.missingParam("line_items");
    }
    if (lineItems.size() > 1) {
      throw ApiError.invalidParam(
          "line_items", "The SMO1 stand-in models one line item (one plan) per Checkout Session.");
    }
    var lineItem = lineItems.getFirst().allowOnly(Set.of("price", "quantity"));
    var priceId = lineItem.required("price");
    session.price = price(priceId, lineItem.qualified("price"));
    session.quantity = lineItem.integer("quantity").orElse(1L);
    if (session.quantity < 1) {
      throw ApiError.invalidParam(
          lineItem.qualified("quantity"), "This value must be greater than or equal to 1.");
    }
    for (var type : params.strings("payment_method_types")) {
      if (!type.equals("card")) {
        throw ApiError.invalidParam(
            "payment_method_types", "The SMO1 stand-in takes only card payments.");
      }
    }
    params.bool("allow_promotion_codes");
    session.successUrl =
        params.string("success_url").map(url -> url("success_url", url)).orElse(null);
    session.cancelUrl = params.string("cancel_url").map(url -> url("cancel_url", url)).orElse(null);
    session.clientReferenceId =
        params.string("client_reference_id").filter(id -> !id.isEmpty()).orElse(null);
    if (session.clientReferenceId != null && session.clientReferenceId.length() > 200) {
      throw ApiError.invalidParam(
          "client_reference_id", "client_reference_id must be at most 200 characters.");
    }
    applyMetadata(session.metadata, params.stringMap("metadata"));
    params
        .nested("subscription_data")
        .ifPresent(
            data -> {
              data.allowOnly(Set.of("metadata", "description"));
              applyMetadata(session.subscriptionMetadata, data.stringMap("metadata"));
            });
    session.id = ids.checkoutSession();
    session.created = customer.map(this::now).orElseGet(this::ownNow);
    session.expiresAt = session.created + DAY;
    checkoutSessions.put(session.id, session);
    return render.checkoutSession(session);
  }

  private static String url(String param, String url) {
    if (!(url.startsWith("http://") || url.startsWith("https://"))) {
      throw ApiError.invalidParam(param, "Not a valid URL");
    }
    return url;
  }

  private CatalogPrice price(String id, String param) {
    var price = prices.get(id);
    if (price == null) {
      throw ApiError.noSuchInParam("price", id, param);
    }
    return price;
  }

  synchronized ObjectNode checkoutSession(String id) {
    return render.checkoutSession(findCheckoutSession(id));
  }

  private CheckoutSession findCheckoutSession(String id) {
    var session = checkoutSessions.get(id);
    if (session == null) {
      throw ApiError.noSuch("checkout.session", id, "session");
    }
    return session;
  }

  /** What the hosted checkout page shows. */
  record CheckoutView(
      String sessionId,
      String status,
      String productName,
      String amount,
      String interval,
      Optional<String> email,
      boolean asksEmail,
      Optional<String> cancelUrl,
      Optional<String> successUrl) {}

  synchronized Optional<CheckoutView> checkoutView(String sessionId) {
    var session = checkoutSessions.get(sessionId);
    if (session == null) {
      return Optional.empty();
    }
    expireIfDue(session);
    return Optional.of(
        new CheckoutView(
            session.id,
            session.status,
            session.price.productName(),
            Money.format(session.price.currency(), session.price.unitAmount() * session.quantity),
            session.price.interval().apiName(),
            Optional.ofNullable(session.customerEmail),
            session.customer == null,
            Optional.ofNullable(session.cancelUrl),
            Optional.ofNullable(session.successUrl)
                .map(url -> url.replace("{CHECKOUT_SESSION_ID}", session.id))));
  }

  private void expireIfDue(CheckoutSession session) {
    var now = session.customer == null ? ownNow() : now(customers.get(session.customer));
    if (session.status.equals("open") && now >= session.expiresAt) {
      session.status = "expired";
      emit(
          "checkout.session.expired", now, render.checkoutSession(session), null, Origin.AUTOMATIC);
    }
  }

  /** The outcome of a hosted page's form. */
  sealed interface PageOutcome {
    record Redirect(String url) implements PageOutcome {}

    record Refused(String message) implements PageOutcome {}
  }

  /**
   * Pays a Checkout Session with a test card: the subscription, its first (paid) invoice and the
   * completed session, with their events in the order Stripe sends them. A declined or invalid card
   * changes nothing.
   */
  synchronized PageOutcome completeCheckout(String sessionId, String cardNumber, String email) {
    var session = findCheckoutSession(sessionId);
    expireIfDue(session);
    if (!session.status.equals("open")) {
      return new PageOutcome.Refused("This Checkout Session is " + session.status + ".");
    }
    var card = TestCards.parse(cardNumber);
    if (card.isEmpty()) {
      return new PageOutcome.Refused("Your card number is invalid.");
    }
    if (card.get().behaviour() == CardBehaviour.DECLINED) {
      return new PageOutcome.Refused("Your card was declined.");
    }
    Customer customer;
    if (session.customer != null) {
      customer = customers.get(session.customer);
    } else {
      var typed = Optional.ofNullable(email).map(String::strip).filter(e -> !e.isEmpty());
      if (typed.isEmpty() && session.customerEmail == null) {
        return new PageOutcome.Refused("Your email is incomplete.");
      }
      customer = new Customer();
      customer.id = ids.customer();
      customer.created = ownNow();
      customer.email = typed.orElse(session.customerEmail);
      customer.invoicePrefix = ids.invoicePrefix();
      customers.put(customer.id, customer);
      emit("customer.created", customer.created, renderCustomer(customer), null, Origin.AUTOMATIC);
    }
    var now = now(customer);
    customer.card =
        new Card(
            ids.paymentMethod(), card.get().brand(), card.get().last4(), card.get().behaviour());
    customer.currency = session.price.currency();

    var subscription = new Subscription();
    subscription.id = ids.subscription();
    subscription.created = now;
    subscription.customer = customer.id;
    subscription.status = "active";
    subscription.currency = session.price.currency();
    subscription.billingCycleAnchor = now;
    subscription.startDate = now;
    subscription.testClock = customer.testClock;
    subscription.defaultPaymentMethod = customer.card.paymentMethodId;
    subscription.metadata.putAll(session.subscriptionMetadata);
    var item = new SubscriptionItem();
    item.id = ids.subscriptionItem();
    item.created = now;
    item.price = session.price;
    item.quantity = session.quantity;
    item.currentPeriodStart = now;
    item.currentPeriodEnd = Periods.end(now, session.price.interval(), 1);
    subscription.item = item;
    subscriptions.put(subscription.id, subscription);

    var invoice = newInvoice(subscription, customer, "subscription_create", now, now, now);
    invoice.lines.add(fullPeriodLine(subscription));
    subscription.latestInvoice = invoice.id;
    emit(
        "customer.subscription.created",
        now,
        render.subscription(subscription),
        null,
        Origin.AUTOMATIC);
    finalizeInvoice(invoice, customer, now);
    // the payment Checkout itself takes; a card that fails later charges passes here (README)
    markPaid(invoice, customer, now, Origin.AUTOMATIC);

    session.status = "complete";
    session.customer = customer.id;
    session.customerEmail = customer.email;
    session.subscription = subscription.id;
    session.invoice = invoice.id;
    emit(
        "checkout.session.completed", now, render.checkoutSession(session), null, Origin.AUTOMATIC);
    return new PageOutcome.Redirect(
        session.successUrl == null
            ? null
            : session.successUrl.replace("{CHECKOUT_SESSION_ID}", session.id));
  }

  // ---- customer portal

  private static final Set<String> PORTAL_CREATE =
      Set.of("customer", "return_url", "configuration", "locale", "expand");

  synchronized ObjectNode createPortalSession(FormParameters params) {
    params.allowOnly(PORTAL_CREATE);
    var customer = findCustomer(params.required("customer"), "customer", 400);
    var session = new PortalSession();
    session.id = ids.portalSession();
    session.created = now(customer);
    session.customer = customer.id;
    session.returnUrl = params.string("return_url").map(url -> url("return_url", url)).orElse(null);
    params
        .string("configuration")
        .filter(id -> !id.equals(portalConfiguration))
        .ifPresent(
            id -> {
              throw ApiError.noSuchInParam("billing_portal.configuration", id, "configuration");
            });
    portalSessions.put(session.id, session);
    return render.portalSession(session, portalConfiguration);
  }

  /** What the hosted portal page shows. */
  record PortalView(
      String sessionId,
      String customerEmail,
      Optional<SubscriptionView> subscription,
      List<InvoiceView> invoices,
      Optional<String> card,
      Optional<String> returnUrl) {}

  record SubscriptionView(
      String id,
      String productName,
      String amount,
      String interval,
      String status,
      String periodEnd,
      boolean cancelAtPeriodEnd) {}

  record InvoiceView(String number, String date, String amount, String status, String url) {}

  synchronized Optional<PortalView> portalView(String sessionId) {
    var session = portalSessions.get(sessionId);
    if (session == null) {
      return Optional.empty();
    }
    var customer = customers.get(session.customer);
    var subscription =
        currentSubscription(customer)
            .map(
                s ->
                    new SubscriptionView(
                        s.id,
                        s.item.price.productName(),
                        Money.format(s.currency, s.item.price.unitAmount() * s.item.quantity),
                        s.item.price.interval().apiName(),
                        s.status,
                        DATE.format(Instant.ofEpochSecond(s.item.currentPeriodEnd)),
                        s.cancelAtPeriodEnd));
    var invoiceViews =
        invoicesOf(customer.id)
            .filter(invoice -> invoice.finalizedAt != null)
            .map(
                invoice ->
                    new InvoiceView(
                        invoice.number,
                        DATE.format(Instant.ofEpochSecond(invoice.created)),
                        Money.format(invoice.currency, invoice.amountDue()),
                        invoice.status,
                        render.invoice(invoice).get("hosted_invoice_url").asText()))
            .toList();
    return Optional.of(
        new PortalView(
            session.id,
            customer.email == null ? customer.id : customer.email,
            subscription,
            invoiceViews,
            Optional.ofNullable(customer.card).map(card -> card.brand + " ending in " + card.last4),
            Optional.ofNullable(session.returnUrl)));
  }

  private Optional<Subscription> currentSubscription(Customer customer) {
    var ofCustomer =
        newestFirst(subscriptions, (Subscription s) -> s.created)
            .filter(s -> s.customer.equals(customer.id))
            .toList();
    return ofCustomer.stream()
        .filter(s -> !s.status.equals("canceled"))
        .findFirst()
        .or(() -> ofCustomer.stream().findFirst());
  }

  /** The portal's "Cancel plan" (at period end, as the portal's default) and "Renew plan". */
  synchronized PageOutcome portalSetCancelAtPeriodEnd(String sessionId, boolean cancel) {
    var session = portalSessions.get(sessionId);
    if (session == null) {
      return new PageOutcome.Refused("This portal session does not exist.");
    }
    var customer = customers.get(session.customer);
    var subscription = currentSubscription(customer).filter(s -> !s.status.equals("canceled"));
    if (subscription.isEmpty()) {
      return new PageOutcome.Refused("There is no plan to change.");
    }
    var before = render.subscription(subscription.get());
    setCancelAtPeriodEnd(subscription.get(), cancel, now(customer));
    emitUpdated(subscription.get(), before, now(customer), Origin.AUTOMATIC);
    return new PageOutcome.Redirect(null);
  }

  /**
   * The portal's "Update payment method": the new card becomes the default, and the customer's open
   * invoices are tried with it at once, as Stripe retries them on a new default card.
   */
  synchronized PageOutcome portalUpdateCard(String sessionId, String cardNumber) {
    var session = portalSessions.get(sessionId);
    if (session == null) {
      return new PageOutcome.Refused("This portal session does not exist.");
    }
    var card = TestCards.parse(cardNumber);
    if (card.isEmpty()) {
      return new PageOutcome.Refused("Your card number is invalid.");
    }
    if (card.get().behaviour() == CardBehaviour.DECLINED) {
      return new PageOutcome.Refused("Your card was declined.");
    }
    var customer = customers.get(session.customer);
    var now = now(customer);
    customer.card =
        new Card(
            ids.paymentMethod(), card.get().brand(), card.get().last4(), card.get().behaviour());
    for (var subscription : subscriptionsOf(customer.id)) {
      if (!subscription.status.equals("canceled")) {
        subscription.defaultPaymentMethod = customer.card.paymentMethodId;
      }
    }
    var open = invoicesOf(customer.id).filter(i -> i.status.equals("open")).toList().reversed();
    for (var invoice : open) {
      attemptPayment(invoice, customer, now, Origin.AUTOMATIC);
    }
    return new PageOutcome.Redirect(null);
  }

  // ---- subscriptions

  synchronized ObjectNode subscription(String id) {
    return render.subscription(findSubscription(id));
  }

  private Subscription findSubscription(String id) {
    var subscription = subscriptions.get(id);
    if (subscription == null) {
      throw ApiError.noSuch("subscription", id, "id");
    }
    return subscription;
  }

  private static final Set<String> SUBSCRIPTION_LIST =
      Set.of("customer", "status", "price", "limit", "starting_after", "ending_before", "expand");

  synchronized ObjectNode listSubscriptions(FormParameters params) {
    params.allowOnly(SUBSCRIPTION_LIST);
    var customer = params.string("customer");
    var price = params.string("price");
    var status = params.string("status").orElse("");
    Predicate<Subscription> statusMatches =
        switch (status) {
          case "" -> s -> !s.status.equals("canceled");
          case "all" -> s -> true;
          case "ended" -> s -> s.status.equals("canceled");
          case "active",
              "past_due",
              "unpaid",
              "canceled",
              "incomplete",
              "incomplete_expired",
              "trialing",
              "paused" ->
              s -> s.status.equals(status);
          default ->
              throw ApiError.invalidParam(
                  "status",
                  "Invalid status: must be one of active, past_due, unpaid, canceled, incomplete,"
                      + " incomplete_expired, trialing, all, ended, or paused");
        };
    var matching =
        newestFirst(subscriptions, (Subscription s) -> s.created)
            .filter(s -> customer.map(id -> s.customer.equals(id)).orElse(true))
            .filter(s -> price.map(id -> s.item.price.id().equals(id)).orElse(true))
            .filter(statusMatches)
            .map(s -> new Listed(s.id, render.subscription(s)))
            .toList();
    return page("/v1/subscriptions", matching, params);
  }

  private static final Set<String> SUBSCRIPTION_UPDATE =
      Set.of(
          "cancel_at_period_end",
          "items",
          "proration_behavior",
          "metadata",
          "expand",
          "payment_behavior",
          "cancellation_details");

  synchronized ObjectNode updateSubscription(String id, FormParameters params, Origin origin) {
    params.allowOnly(SUBSCRIPTION_UPDATE);
    var subscription = findSubscription(id);
    var customer = customers.get(subscription.customer);
    var now = now(customer);
    var before = render.subscription(subscription);
    if (subscription.status.equals("canceled")) {
      for (var name : params.names()) {
        if (!Set.of("metadata", "cancellation_details", "expand").contains(name)) {
          throw ApiError.invalidRequest(
              "A canceled subscription can only update its cancellation_details and metadata.");
        }
      }
    }
    var prorationBehavior = params.string("proration_behavior").orElse("create_prorations");
    if (!Set.of("create_prorations", "always_invoice", "none").contains(prorationBehavior)) {
      throw ApiError.invalidParam(
          "proration_behavior",
          "Invalid proration_behavior: must be one of create_prorations, none, or always_invoice");
    }
    params
        .string("payment_behavior")
        .filter(
            behaviour ->
                !Set.of("allow_incomplete", "error_if_incomplete", "pending_if_incomplete")
                    .contains(behaviour))
        .ifPresent(
            behaviour -> {
              throw ApiError.invalidParam(
                  "payment_behavior", "Invalid payment_behavior: " + behaviour);
            });
    params
        .nested("cancellation_details")
        .ifPresent(details -> details.allowOnly(Set.of("comment", "feedback")));
    var cancelAtPeriodEnd = params.bool("cancel_at_period_end");
    var itemChange = itemChange(subscription, params);

    applyMetadata(subscription.metadata, params.stringMap("metadata"));
    cancelAtPeriodEnd.ifPresent(cancel -> setCancelAtPeriodEnd(subscription, cancel, now));
    Invoice invoiceNow = null;
    if (itemChange.isPresent()) {
      invoiceNow = changePrice(subscription, customer, itemChange.get(), prorationBehavior, now);
    }
    emitUpdated(subscription, before, now, origin);
    if (invoiceNow != null) {
      finalizeInvoice(invoiceNow, customer, now);
      attemptPayment(invoiceNow, customer, now, origin);
    }
    return render.subscription(subscription);
  }

  private record ItemChange(CatalogPrice price, long quantity) {}

  private Optional<ItemChange> itemChange(Subscription subscription, FormParameters params) {
    var items = params.list("items");
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.size() > 1) {
      throw ApiError.invalidParam(
          "items", "The SMO1 stand-in models one item (one plan) per subscription.");
    }
    var item = items.getFirst().allowOnly(Set.of("id", "price", "quantity"));
    var itemId = item.string("id");
    if (itemId.isEmpty()) {
      throw ApiError.invalidParam(
          item.qualified("id"),
          "The SMO1 stand-in models one item per subscription: give "
              + item.qualified("id")
              + " to change its price.");
    }
    if (!itemId.get().equals(subscription.item.id)) {
      throw ApiError.noSuchInParam("subscription_item", itemId.get(), item.qualified("id"));
    }
    var price =
        item.string("price")
            .map(id -> price(id, item.qualified("price")))
            .orElse(subscription.item.price);
    if (!price.currency().equals(subscription.currency)) {
      throw ApiError.invalidParam(
          item.qualified("price"),
          "The price specified has a currency ("
              + price.currency()
              + ") other than the subscription's ("
              + subscription.currency
              + ").");
    }
    var quantity = item.integer("quantity").orElse(subscription.item.quantity);
    if (quantity < 1) {
      throw ApiError.invalidParam(
          item.qualified("quantity"), "This value must be greater than or equal to 1.");
    }
    return Optional.of(new ItemChange(price, quantity));
  }

  /**
   * Moves the item to another price. Same interval: the period stays and the difference for the
   * rest of it is prorated (pending until the renewal, or invoiced now with always_invoice).
   * Another interval: the billing cycle restarts now and is invoiced at once, less the unused time
   * unless proration_behavior=none. Returns the invoice to take now, if any.
   */
  private Invoice changePrice(
      Subscription subscription,
      Customer customer,
      ItemChange change,
      String prorationBehavior,
      long now) {
    var item = subscription.item;
    var old = item.price;
    var oldQuantity = item.quantity;
    if (old.id().equals(change.price().id()) && oldQuantity == change.quantity()) {
      return null;
    }
    var prorate = !prorationBehavior.equals("none") && subscription.status.equals("active");
    var remaining = Math.max(0, item.currentPeriodEnd - now);
    var length = Math.max(1, item.currentPeriodEnd - item.currentPeriodStart);
    var prorations = new ArrayList<InvoiceLine>();
    if (prorate && remaining > 0) {
      var credit = line(subscription, old, oldQuantity, now, item.currentPeriodEnd);
      credit.amount = -Math.round((double) old.unitAmount() * oldQuantity * remaining / length);
      credit.description =
          "Unused time on "
              + describe(old, oldQuantity)
              + " after "
              + DATE.format(Instant.ofEpochSecond(now));
      credit.proration = true;
      prorations.add(credit);
    }
    item.price = change.price();
    item.quantity = change.quantity();
    if (old.interval() != change.price().interval()) {
      subscription.billingCycleAnchor = now;
      item.currentPeriodStart = now;
      item.currentPeriodEnd = Periods.end(now, change.price().interval(), 1);
      var invoice = newInvoice(subscription, customer, "subscription_update", now, now, now);
      invoice.lines.addAll(subscription.pendingLines);
      subscription.pendingLines.clear();
      invoice.lines.addAll(prorations);
      invoice.lines.add(fullPeriodLine(subscription));
      subscription.latestInvoice = invoice.id;
      return invoice;
    }
    if (prorate && remaining > 0) {
      var charge =
          line(subscription, change.price(), change.quantity(), now, item.currentPeriodEnd);
      charge.amount =
          Math.round((double) change.price().unitAmount() * change.quantity() * remaining / length);
      charge.description =
          "Remaining time on "
              + describe(change.price(), change.quantity())
              + " after "
              + DATE.format(Instant.ofEpochSecond(now));
      charge.proration = true;
      prorations.add(charge);
    }
    if (prorationBehavior.equals("always_invoice") && !prorations.isEmpty()) {
      var invoice =
          newInvoice(
              subscription, customer, "subscription_update", now, item.currentPeriodStart, now);
      invoice.lines.addAll(subscription.pendingLines);
      subscription.pendingLines.clear();
      invoice.lines.addAll(prorations);
      subscription.latestInvoice = invoice.id;
      return invoice;
    }
    subscription.pendingLines.addAll(prorations);
    return null;
  }

  private void setCancelAtPeriodEnd(Subscription subscription, boolean cancel, long now) {
    subscription.cancelAtPeriodEnd = cancel;
    if (cancel) {
      subscription.cancelAt = subscription.item.currentPeriodEnd;
      subscription.canceledAt = now;
      subscription.cancellationReason = "cancellation_requested";
    } else {
      subscription.cancelAt = null;
      subscription.canceledAt = null;
      subscription.cancellationReason = null;
    }
  }

  private static final Set<String> SUBSCRIPTION_CANCEL =
      Set.of("invoice_now", "prorate", "cancellation_details", "expand");

  synchronized ObjectNode cancelSubscription(String id, FormParameters params, Origin origin) {
    params.allowOnly(SUBSCRIPTION_CANCEL);
    params.bool("invoice_now");
    params.bool("prorate");
    var subscription = findSubscription(id);
    if (subscription.status.equals("canceled")) {
      throw ApiError.noSuch("subscription", id, "id");
    }
    var now = now(customers.get(subscription.customer));
    endSubscription(subscription, now, now, "cancellation_requested", origin);
    return render.subscription(subscription);
  }

  private void endSubscription(
      Subscription subscription, long endedAt, Long canceledAt, String reason, Origin origin) {
    subscription.status = "canceled";
    subscription.endedAt = endedAt;
    if (canceledAt != null) {
      subscription.canceledAt = canceledAt;
    }
    subscription.cancellationReason = reason;
    subscription.pendingLines.clear();
    emit("customer.subscription.deleted", endedAt, render.subscription(subscription), null, origin);
  }

  private void emitUpdated(Subscription subscription, ObjectNode before, long at, Origin origin) {
    var after = render.subscription(subscription);
    var previous = previousAttributes(before, after);
    if (!previous.isEmpty()) {
      emit("customer.subscription.updated", at, after, previous, origin);
    }
  }

  private static ObjectNode previousAttributes(ObjectNode before, ObjectNode after) {
    var previous = StripeObjects.object();
    before
        .properties()
        .forEach(
            field -> {
              JsonNode now = after.get(field.getKey());
              if (!field.getValue().equals(now)) {
                previous.set(field.getKey(), field.getValue());
              }
            });
    return previous;
  }

  private List<Subscription> subscriptionsOf(String customerId) {
    return subscriptions.values().stream().filter(s -> s.customer.equals(customerId)).toList();
  }

  // ---- invoices

  private static final Set<String> INVOICE_LIST =
      Set.of(
          "customer",
          "subscription",
          "status",
          "limit",
          "starting_after",
          "ending_before",
          "expand");

  synchronized ObjectNode listInvoices(FormParameters params) {
    params.allowOnly(INVOICE_LIST);
    var customer = params.string("customer");
    var subscription = params.string("subscription");
    var status = params.string("status");
    status
        .filter(s -> !Set.of("draft", "open", "paid", "uncollectible", "void").contains(s))
        .ifPresent(
            s -> {
              throw ApiError.invalidParam(
                  "status",
                  "Invalid status: must be one of draft, open, paid, uncollectible, or void");
            });
    var matching =
        newestFirst(invoices, (Invoice i) -> i.created)
            .filter(i -> customer.map(id -> i.customer.equals(id)).orElse(true))
            .filter(i -> subscription.map(id -> id.equals(i.subscription)).orElse(true))
            .filter(i -> status.map(s -> i.status.equals(s)).orElse(true))
            .map(i -> new Listed(i.id, render.invoice(i)))
            .toList();
    return page("/v1/invoices", matching, params);
  }

  synchronized ObjectNode invoice(String id) {
    var invoice = invoices.get(id);
    if (invoice == null) {
      throw ApiError.noSuch("invoice", id, "invoice");
    }
    return render.invoice(invoice);
  }

  /** What the hosted invoice page shows. */
  record HostedInvoiceView(
      String number,
      String customerEmail,
      String status,
      String amountDue,
      String amountPaid,
      List<String> lines) {}

  synchronized Optional<HostedInvoiceView> hostedInvoice(String id) {
    var invoice = invoices.get(id);
    if (invoice == null || invoice.finalizedAt == null) {
      return Optional.empty();
    }
    return Optional.of(
        new HostedInvoiceView(
            invoice.number,
            invoice.customerEmail == null ? invoice.customer : invoice.customerEmail,
            invoice.status,
            Money.format(invoice.currency, invoice.amountDue()),
            Money.format(invoice.currency, invoice.amountPaid),
            invoice.lines.stream()
                .map(line -> line.description + ": " + Money.format(invoice.currency, line.amount))
                .toList()));
  }

  private Stream<Invoice> invoicesOf(String customerId) {
    return newestFirst(invoices, (Invoice invoice) -> invoice.created)
        .filter(invoice -> invoice.customer.equals(customerId));
  }

  private Invoice newInvoice(
      Subscription subscription,
      Customer customer,
      String billingReason,
      long created,
      long periodStart,
      long periodEnd) {
    var invoice = new Invoice();
    invoice.id = ids.invoice();
    invoice.created = created;
    invoice.customer = customer.id;
    invoice.customerEmail = customer.email;
    invoice.customerName = customer.name;
    invoice.subscription = subscription.id;
    invoice.subscriptionMetadata.putAll(subscription.metadata);
    invoice.billingReason = billingReason;
    invoice.currency = subscription.currency;
    invoice.status = "draft";
    invoice.periodStart = periodStart;
    invoice.periodEnd = periodEnd;
    invoice.testClock = customer.testClock;
    invoices.put(invoice.id, invoice);
    return invoice;
  }

  private InvoiceLine fullPeriodLine(Subscription subscription) {
    var item = subscription.item;
    var line =
        line(
            subscription,
            item.price,
            item.quantity,
            item.currentPeriodStart,
            item.currentPeriodEnd);
    line.amount = item.price.unitAmount() * item.quantity;
    line.description =
        item.quantity
            + " × "
            + item.price.productName()
            + " (at "
            + Money.format(item.price.currency(), item.price.unitAmount())
            + " / "
            + item.price.interval().apiName()
            + ")";
    return line;
  }

  private InvoiceLine line(
      Subscription subscription, CatalogPrice price, long quantity, long start, long end) {
    var line = new InvoiceLine();
    line.id = ids.invoiceLine();
    line.price = price;
    line.quantity = quantity;
    line.periodStart = start;
    line.periodEnd = end;
    line.subscriptionItem = subscription.item.id;
    return line;
  }

  private static String describe(CatalogPrice price, long quantity) {
    return quantity == 1 ? price.productName() : quantity + " × " + price.productName();
  }

  /** Draft to open: the number, the customer's balance applied; invoice.created/finalized. */
  private void finalizeInvoice(Invoice invoice, Customer customer, long now) {
    emit("invoice.created", now, render.invoice(invoice), null, Origin.AUTOMATIC);
    invoice.number = customer.invoicePrefix + "-" + "%04d".formatted(customer.nextInvoiceSequence);
    customer.nextInvoiceSequence++;
    invoice.startingBalance = customer.balance;
    var afterBalance = customer.balance + invoice.total();
    // a credit left over stays on the balance; a debit on the balance is charged with the invoice
    customer.balance = Math.min(0, afterBalance);
    invoice.endingBalance = customer.balance;
    invoice.status = "open";
    invoice.finalizedAt = now;
    emit("invoice.finalized", now, render.invoice(invoice), null, Origin.AUTOMATIC);
  }

  private void attemptPayment(Invoice invoice, Customer customer, long now, Origin origin) {
    if (invoice.amountDue() == 0
        || (customer.card != null && customer.card.behaviour == CardBehaviour.SUCCEEDS)) {
      markPaid(invoice, customer, now, origin);
      return;
    }
    invoice.attemptCount++;
    var retry = invoice.attemptCount - 1;
    invoice.nextPaymentAttempt =
        retry < RETRY_DAYS.length ? now + RETRY_DAYS[(int) retry] * DAY : null;
    emit("invoice.payment_failed", now, render.invoice(invoice), null, origin);
    var subscription = subscriptions.get(invoice.subscription);
    if (subscription != null
        && subscription.status.equals("active")
        && invoice.id.equals(subscription.latestInvoice)) {
      var before = render.subscription(subscription);
      subscription.status = "past_due";
      emitUpdated(subscription, before, now, origin);
    }
  }

  private void markPaid(Invoice invoice, Customer customer, long now, Origin origin) {
    if (invoice.amountDue() > 0) {
      invoice.attemptCount++;
    }
    invoice.amountPaid = invoice.amountDue();
    invoice.status = "paid";
    invoice.paidAt = now;
    invoice.nextPaymentAttempt = null;
    emit("invoice.paid", now, render.invoice(invoice), null, origin);
    emit("invoice.payment_succeeded", now, render.invoice(invoice), null, origin);
    var subscription = subscriptions.get(invoice.subscription);
    if (subscription != null
        && subscription.status.equals("past_due")
        && invoicesOf(customer.id)
            .noneMatch(i -> i.subscription.equals(subscription.id) && i.status.equals("open"))) {
      var before = render.subscription(subscription);
      subscription.status = "active";
      emitUpdated(subscription, before, now, origin);
    }
  }

  // ---- test clocks

  synchronized ObjectNode createTestClock(FormParameters params) {
    params.allowOnly(Set.of("frozen_time", "name", "expand"));
    var frozenTime =
        params.integer("frozen_time").orElseThrow(() -> ApiError.missingParam("frozen_time"));
    var clockEntity = new TestClock();
    clockEntity.id = ids.testClock();
    clockEntity.created = ownNow();
    clockEntity.frozenTime = frozenTime;
    clockEntity.name = params.string("name").filter(name -> !name.isEmpty()).orElse(null);
    clockEntity.deletesAfter = clockEntity.created + 30 * DAY;
    testClocks.put(clockEntity.id, clockEntity);
    return render.testClock(clockEntity);
  }

  synchronized ObjectNode testClock(String id) {
    return render.testClock(findTestClock(id));
  }

  private TestClock findTestClock(String id) {
    var clockEntity = testClocks.get(id);
    if (clockEntity == null) {
      throw ApiError.noSuch("test_helpers.test_clock", id, "test_clock");
    }
    return clockEntity;
  }

  /**
   * Moves a test clock forward and runs, in time order, everything due on it on the way. Stripe
   * answers {@code advancing} and works in the background; the stand-in has finished when it
   * answers, so the clock it returns is already {@code ready} at the new time.
   */
  synchronized ObjectNode advanceTestClock(String id, FormParameters params) {
    params.allowOnly(Set.of("frozen_time", "expand"));
    var clockEntity = findTestClock(id);
    var target =
        params.integer("frozen_time").orElseThrow(() -> ApiError.missingParam("frozen_time"));
    if (target <= clockEntity.frozenTime) {
      throw ApiError.invalidParam(
          "frozen_time",
          "The frozen_time must be after the test clock's current frozen time ("
              + clockEntity.frozenTime
              + ").");
    }
    runDue(clockEntity.id, target, at -> clockEntity.frozenTime = at);
    clockEntity.frozenTime = target;
    emit(
        "test_helpers.test_clock.ready",
        target,
        render.testClock(clockEntity),
        null,
        Origin.AUTOMATIC);
    return render.testClock(clockEntity);
  }

  /** Runs what the stand-in's own clock has made due for customers on no test clock. */
  synchronized void catchUp() {
    runDue(null, ownNow(), at -> {});
  }

  private void runDue(String testClock, long until, java.util.function.LongConsumer moveTo) {
    for (var step = 0; step < 100_000; step++) {
      var next = nextDue(testClock, until);
      if (next.isEmpty()) {
        return;
      }
      moveTo.accept(next.get().at());
      next.get().work().run();
    }
    throw new IllegalStateException("more than 100000 renewals in one advance");
  }

  private record Due(long at, Runnable work) {}

  private Optional<Due> nextDue(String testClock, long until) {
    Due next = null;
    for (var subscription : subscriptions.values()) {
      if (!java.util.Objects.equals(subscription.testClock, testClock)
          || subscription.status.equals("canceled")) {
        continue;
      }
      var at = subscription.item.currentPeriodEnd;
      if (at <= until && (next == null || at < next.at())) {
        next = new Due(at, () -> periodEnded(subscription, at));
      }
    }
    for (var invoice : invoices.values()) {
      if (!java.util.Objects.equals(invoice.testClock, testClock)
          || !invoice.status.equals("open")) {
        continue;
      }
      var at = invoice.nextPaymentAttempt;
      if (at != null && at <= until && (next == null || at < next.at())) {
        next = new Due(at, () -> retryPayment(invoice, at));
      }
    }
    return Optional.ofNullable(next);
  }

  private void periodEnded(Subscription subscription, long at) {
    if (subscription.cancelAtPeriodEnd) {
      endSubscription(subscription, at, null, "cancellation_requested", Origin.AUTOMATIC);
      return;
    }
    var customer = customers.get(subscription.customer);
    var before = render.subscription(subscription);
    var item = subscription.item;
    var previousStart = item.currentPeriodStart;
    item.currentPeriodStart = at;
    item.currentPeriodEnd =
        Periods.next(subscription.billingCycleAnchor, item.price.interval(), at);
    var invoice = newInvoice(subscription, customer, "subscription_cycle", at, previousStart, at);
    invoice.lines.addAll(subscription.pendingLines);
    subscription.pendingLines.clear();
    invoice.lines.add(fullPeriodLine(subscription));
    subscription.latestInvoice = invoice.id;
    emitUpdated(subscription, before, at, Origin.AUTOMATIC);
    finalizeInvoice(invoice, customer, at);
    attemptPayment(invoice, customer, at, Origin.AUTOMATIC);
  }

  /**
   * A scheduled retry of an unpaid invoice. After the last one fails the subscription is canceled,
   * Stripe's default for "if all retries for a payment fail".
   */
  private void retryPayment(Invoice invoice, long at) {
    var customer = customers.get(invoice.customer);
    attemptPayment(invoice, customer, at, Origin.AUTOMATIC);
    var subscription = subscriptions.get(invoice.subscription);
    if (invoice.status.equals("open")
        && invoice.nextPaymentAttempt == null
        && subscription != null
        && !subscription.status.equals("canceled")) {
      endSubscription(subscription, at, at, "payment_failed", Origin.AUTOMATIC);
    }
  }

  // ---- expansion and lists

  /**
   * Replaces ids by the objects they name along each {@code expand[]} path, as Stripe does for the
   * expandable fields of the objects served here.
   */
  synchronized ObjectNode expand(ObjectNode node, List<String> paths) {
    for (var path : paths) {
      expandPath(node, List.of(path.split("\\.")), path);
    }
    return node;
  }

  private void expandPath(JsonNode node, List<String> path, String whole) {
    if (!(node instanceof ObjectNode object) || path.isEmpty()) {
      throw ApiError.invalidParam("expand", "This property cannot be expanded (" + whole + ").");
    }
    var field = path.getFirst();
    if (field.equals("data") && object.path("object").asText().equals("list")) {
      for (var element : object.withArray("data")) {
        expandPath(element, path.subList(1, path.size()), whole);
      }
      return;
    }
    var value = object.get(field);
    if (value == null) {
      throw ApiError.invalidParam("expand", "This property cannot be expanded (" + whole + ").");
    }
    if (path.size() > 1) {
      if (value.isTextual()) {
        value = resolve(value.asText(), whole);
        object.set(field, value);
      }
      expandPath(value, path.subList(1, path.size()), whole);
      return;
    }
    if (value.isTextual()) {
      object.set(field, resolve(value.asText(), whole));
    } else if (!value.isNull() && !value.isObject()) {
      throw ApiError.invalidParam("expand", "This property cannot be expanded (" + whole + ").");
    }
  }

  private ObjectNode resolve(String id, String path) {
    if (customers.containsKey(id)) {
      return renderCustomer(customers.get(id));
    }
    if (subscriptions.containsKey(id)) {
      return render.subscription(subscriptions.get(id));
    }
    if (invoices.containsKey(id)) {
      return render.invoice(invoices.get(id));
    }
    if (checkoutSessions.containsKey(id)) {
      return render.checkoutSession(checkoutSessions.get(id));
    }
    if (testClocks.containsKey(id)) {
      return render.testClock(testClocks.get(id));
    }
    if (prices.containsKey(id)) {
      return render.price(prices.get(id), catalogCreated);
    }
    throw ApiError.invalidParam("expand", "This property cannot be expanded (" + path + ").");
  }

  private record Listed(String id, ObjectNode object) {}

  /**
   * Stripe lists newest first. Objects created in the same second (a frozen clock makes many) come
   * latest-created first too: the stream starts from the insertion order reversed and the sort is
   * stable.
   */
  private static <T> Stream<T> newestFirst(
      Map<String, T> objects, java.util.function.ToLongFunction<T> created) {
    return new ArrayList<>(objects.values())
        .reversed().stream().sorted(Comparator.comparingLong(created).reversed());
  }

  private static ObjectNode page(String url, List<Listed> all, FormParameters params) {
    var limit = params.integer("limit").orElse(10L);
    if (limit < 1 || limit > 100) {
      throw ApiError.invalidParam("limit", "Invalid limit: must be between 1 and 100.");
    }
    var ordered = all;
    var from = 0;
    var to = ordered.size();
    var startingAfter = params.string("starting_after");
    var endingBefore = params.string("ending_before");
    if (startingAfter.isPresent()) {
      from = indexOf(ordered, startingAfter.get(), "starting_after") + 1;
      to = Math.min(ordered.size(), from + (int) (long) limit);
    } else if (endingBefore.isPresent()) {
      to = indexOf(ordered, endingBefore.get(), "ending_before");
      from = Math.max(0, to - (int) (long) limit);
    } else {
      to = Math.min(ordered.size(), (int) (long) limit);
    }
    var hasMore = endingBefore.isPresent() ? from > 0 : to < ordered.size();
    return StripeObjects.list(
        url, ordered.subList(from, to).stream().map(Listed::object).toList(), hasMore);
  }

  private static int indexOf(List<Listed> listed, String id, String param) {
    for (var i = 0; i < listed.size(); i++) {
      if (listed.get(i).id().equals(id)) {
        return i;
      }
    }
    throw ApiError.noSuchInParam("object", id, param);
  }

  // ---- helpers

  private static void applyMetadata(Map<String, String> metadata, Map<String, String> changes) {
    changes.forEach(
        (key, value) -> {
          if (value.isEmpty()) {
            metadata.remove(key);
          } else {
            metadata.put(key, value);
          }
        });
  }

  private void emit(
      String type, long created, ObjectNode object, ObjectNode previous, Origin origin) {
    events.accept(new StripeEvent(ids.event(), type, created, object, previous, origin));
  }
}
