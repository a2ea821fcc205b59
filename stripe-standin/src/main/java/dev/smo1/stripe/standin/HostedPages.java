package dev.smo1.stripe.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.smo1.stripe.standin.Ledger.PageOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The pages Stripe hosts, small and plain: Checkout ({@code /checkout/{session}}), the customer
 * portal ({@code /portal/{session}}) and hosted invoices ({@code /invoice/{id}}). Server-rendered
 * HTML with labelled fields and buttons named by what they do, no scripts and no external assets,
 * so a browser test finds everything by role and label.
 */
final class HostedPages implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(HostedPages.class.getName());

  private final Ledger ledger;

  HostedPages(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        ledger.catchUp();
        route(exchange);
      } catch (ApiError e) {
        page(exchange, 404, "Not found", "<p>" + escape(e.getMessage()) + "</p>");
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "hosted page failed", e);
        page(exchange, 500, "Something went wrong", "<p>The stand-in failed.</p>");
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    var method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    var segments = exchange.getRequestURI().getPath().substring(1).split("/");
    var kind = segments[0];
    var id = segments.length > 1 ? segments[1] : "";
    var action = segments.length > 2 ? segments[2] : "";
    switch (kind) {
      case "checkout" -> {
        if (method.equals("GET") && action.isEmpty()) {
          checkoutPage(exchange, id, Optional.empty(), 200);
        } else if (method.equals("POST") && action.isEmpty()) {
          var form = FormParameters.parse(body(exchange));
          var outcome =
              ledger.completeCheckout(
                  id, form.string("card_number").orElse(""), form.string("email").orElse(null));
          switch (outcome) {
            case PageOutcome.Redirect redirect ->
                seeOther(exchange, redirect.url() == null ? "/checkout/" + id : redirect.url());
            case PageOutcome.Refused refused ->
                checkoutPage(exchange, id, Optional.of(refused.message()), 402);
          }
        } else {
          notFound(exchange);
        }
      }
      case "portal" -> {
        if (method.equals("GET") && action.isEmpty()) {
          portalPage(exchange, id, Optional.empty(), 200);
        } else if (method.equals("POST")) {
          var form = FormParameters.parse(body(exchange));
          var outcome =
              switch (action) {
                case "cancel" -> ledger.portalSetCancelAtPeriodEnd(id, true);
                case "renew" -> ledger.portalSetCancelAtPeriodEnd(id, false);
                case "payment-method" ->
                    ledger.portalUpdateCard(id, form.string("card_number").orElse(""));
                default -> null;
              };
          switch (outcome) {
            case null -> notFound(exchange);
            case PageOutcome.Redirect redirect -> seeOther(exchange, "/portal/" + id);
            case PageOutcome.Refused refused ->
                portalPage(exchange, id, Optional.of(refused.message()), 402);
          }
        } else {
          notFound(exchange);
        }
      }
      case "invoice" -> {
        if (method.equals("GET")) {
          invoicePage(exchange, id);
        } else {
          notFound(exchange);
        }
      }
      default -> notFound(exchange);
    }
  }

  private void checkoutPage(HttpExchange exchange, String id, Optional<String> error, int status)
      throws IOException {
    var view = ledger.checkoutView(id);
    if (view.isEmpty()) {
      notFound(exchange);
      return;
    }
    var session = view.get();
    var html = new StringBuilder();
    html.append("<p>Subscribe to <strong>")
        .append(escape(session.productName()))
        .append("</strong></p>\n<p class=\"price\">")
        .append(escape(session.amount()))
        .append(" per ")
        .append(escape(session.interval()))
        .append("</p>\n");
    switch (session.status()) {
      case "open" -> {
        error.ifPresent(
            message -> html.append("<p role=\"alert\">").append(escape(message)).append("</p>\n"));
        html.append("<form method=\"post\" action=\"/checkout/").append(escape(id)).append("\">\n");
        if (session.asksEmail()) {
          html.append("<label for=\"email\">Email</label>\n")
              .append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\"")
              .append(session.email().map(e -> " value=\"" + escape(e) + "\"").orElse(""))
              .append(" required>\n");
        } else {
          session
              .email()
              .ifPresent(
                  email -> html.append("<p>Paying as ").append(escape(email)).append("</p>\n"));
        }
        html.append("<label for=\"card_number\">Card number</label>\n")
            .append("<input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\"")
            .append(" autocomplete=\"cc-number\" value=\"4242 4242 4242 4242\" required>\n")
            .append("<p class=\"hint\">Test cards: 4242 4242 4242 4242 pays;")
            .append(" 4000 0000 0000 0341 pays now, later charges fail;")
            .append(" 4000 0000 0000 0002 is declined.</p>\n")
            .append("<button type=\"submit\">Pay and subscribe</button>\n</form>\n");
        session
            .cancelUrl()
            .ifPresent(
                url ->
                    html.append("<p><a href=\"").append(escape(url)).append("\">Back</a></p>\n"));
      }
      case "complete" -> {
        html.append("<p role=\"status\">Payment complete. You are subscribed.</p>\n");
        session
            .successUrl()
            .ifPresent(
                url ->
                    html.append("<p><a href=\"")
                        .append(escape(url))
                        .append("\">Continue</a></p>\n"));
      }
      default ->
          html.append("<p role=\"alert\">This checkout page has expired.</p>\n")
              .append(
                  session
                      .cancelUrl()
                      .map(url -> "<p><a href=\"" + escape(url) + "\">Back</a></p>\n")
                      .orElse(""));
    }
    page(exchange, status, "Checkout", html.toString());
  }

  private void portalPage(HttpExchange exchange, String id, Optional<String> error, int status)
      throws IOException {
    var view = ledger.portalView(id);
    if (view.isEmpty()) {
      notFound(exchange);
      return;
    }
    var portal = view.get();
    var html = new StringBuilder();
    html.append("<p>Signed in as ").append(escape(portal.customerEmail())).append("</p>\n");
    error.ifPresent(
        message -> html.append("<p role=\"alert\">").append(escape(message)).append("</p>\n"));
    html.append("<section aria-labelledby=\"plan\">\n<h2 id=\"plan\">Current plan</h2>\n");
    if (portal.subscription().isEmpty()) {
      html.append("<p>No plan.</p>\n");
    } else {
      var plan = portal.subscription().get();
      html.append("<p><strong>")
          .append(escape(plan.productName()))
          .append("</strong>, ")
          .append(escape(plan.amount()))
          .append(" per ")
          .append(escape(plan.interval()))
          .append("</p>\n<p>Status: <span class=\"status\">")
          .append(escape(plan.status()))
          .append("</span></p>\n");
      var ended = plan.status().equals("canceled");
      if (ended) {
        html.append("<p>Ended.</p>\n");
      } else if (plan.cancelAtPeriodEnd()) {
        html.append("<p>Cancels at period end: ")
            .append(escape(plan.periodEnd()))
            .append("</p>\n")
            .append(form(id, "renew", "Renew plan"));
      } else {
        html.append("<p>Renews on ")
            .append(escape(plan.periodEnd()))
            .append("</p>\n")
            .append(form(id, "cancel", "Cancel plan"));
      }
    }
    html.append("</section>\n<section aria-labelledby=\"payment\">\n")
        .append("<h2 id=\"payment\">Payment method</h2>\n")
        .append("<p>")
        .append(escape(portal.card().orElse("No card on file")))
        .append("</p>\n<form method=\"post\" action=\"/portal/")
        .append(escape(id))
        .append("/payment-method\">\n")
        .append("<label for=\"card_number\">New card number</label>\n")
        .append("<input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\"")
        .append(" autocomplete=\"cc-number\" value=\"4242 4242 4242 4242\" required>\n")
        .append("<button type=\"submit\">Update payment method</button>\n</form>\n</section>\n")
        .append("<section aria-labelledby=\"invoices\">\n<h2 id=\"invoices\">Invoices</h2>\n");
    if (portal.invoices().isEmpty()) {
      html.append("<p>No invoices.</p>\n");
    } else {
      html.append("<table>\n<thead><tr><th scope=\"col\">Number</th><th scope=\"col\">Date</th>")
          .append("<th scope=\"col\">Amount</th><th scope=\"col\">Status</th></tr></thead>\n")
          .append("<tbody>\n");
      for (var invoice : portal.invoices()) {
        html.append("<tr><td><a href=\"")
            .append(escape(invoice.url()))
            .append("\">")
            .append(escape(invoice.number()))
            .append("</a></td><td>")
            .append(escape(invoice.date()))
            .append("</td><td>")
            .append(escape(invoice.amount()))
            .append("</td><td>")
            .append(escape(invoice.status()))
            .append("</td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    html.append("</section>\n");
    portal
        .returnUrl()
        .ifPresent(
            url ->
                html.append("<p><a href=\"")
                    .append(escape(url))
                    .append("\">Return to SMO1</a></p>\n"));
    page(exchange, status, "Billing", html.toString());
  }

  private static String form(String sessionId, String action, String label) {
    return "<form method=\"post\" action=\"/portal/"
        + escape(sessionId)
        + "/"
        + action
        + "\"><button type=\"submit\">"
        + label
        + "</button></form>\n";
  }

  private void invoicePage(HttpExchange exchange, String id) throws IOException {
    var view = ledger.hostedInvoice(id);
    if (view.isEmpty()) {
      notFound(exchange);
      return;
    }
    var invoice = view.get();
    var html = new StringBuilder();
    html.append("<p>Invoice <strong>")
        .append(escape(invoice.number()))
        .append("</strong> for ")
        .append(escape(invoice.customerEmail()))
        .append("</p>\n<p>Status: ")
        .append(escape(invoice.status()))
        .append("</p>\n<ul>\n");
    for (var line : invoice.lines()) {
      html.append("<li>").append(escape(line)).append("</li>\n");
    }
    html.append("</ul>\n<p>Amount due: ")
        .append(escape(invoice.amountDue()))
        .append("</p>\n<p>Amount paid: ")
        .append(escape(invoice.amountPaid()))
        .append("</p>\n");
    page(exchange, 200, "Invoice " + invoice.number(), html.toString());
  }

  private static String body(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void seeOther(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(303, -1);
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    page(exchange, 404, "Not found", "<p>There is no such page.</p>");
  }

  private static void page(HttpExchange exchange, int status, String title, String main)
      throws IOException {
    var html =
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · SMO1 billing (Stripe stand-in)</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;\
        color:#1a1a1a}
        label{display:block;margin-top:1rem;font-weight:600}
        input{font:inherit;padding:.4rem;width:100%%;box-sizing:border-box}
        button{font:inherit;margin-top:1rem;padding:.5rem 1rem}
        button:focus,a:focus,input:focus{outline:3px solid #2563eb;outline-offset:2px}
        [role=alert]{color:#b91c1c;font-weight:600}
        .hint{color:#555;font-size:.9rem}
        table{border-collapse:collapse;width:100%%}td,th{text-align:left;padding:.25rem}
        </style>
        </head>
        <body>
        <header><p>SMO1 billing · test mode (Stripe stand-in)</p></header>
        <main>
        <h1>%s</h1>
        %s</main>
        </body>
        </html>
        """
            .formatted(escape(title), escape(title), main);
    var bytes = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static String escape(String text) {
    var escaped = new StringBuilder(text.length());
    for (var c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
