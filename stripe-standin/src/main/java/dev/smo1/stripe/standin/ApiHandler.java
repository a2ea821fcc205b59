package dev.smo1.stripe.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /v1} API as Stripe serves it: key check, form parameters, idempotency keys, routing to
 * the ledger, Stripe's error bodies, and the headers clients read ({@code Request-Id}, {@code
 * Stripe-Version}, {@code Idempotent-Replayed}).
 */
final class ApiHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

  private final Ledger ledger;
  private final String secretKey;
  private final ObjectMapper json;
  private final Ids ids = new Ids();
  private final Map<String, Stored> idempotent = new ConcurrentHashMap<>();

  /** A POST's answer kept under its idempotency key; {@code body} null while it runs. */
  private record Stored(String fingerprint, String requestId, int status, byte[] body) {}

  ApiHandler(Ledger ledger, String secretKey, ObjectMapper json) {
    this.ledger = ledger;
    this.secretKey = secretKey;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    var requestId = ids.request();
    var method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    var path = exchange.getRequestURI().getRawPath();
    var headers = exchange.getResponseHeaders();
    headers.set("Request-Id", requestId);
    headers.set("Stripe-Version", StripeApiVersion.PINNED);
    headers.set("Cache-Control", "no-cache, no-store");
    var idempotencyKey =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Idempotency-Key"))
            .filter(key -> !key.isBlank());
    idempotencyKey.ifPresent(key -> headers.set("Idempotency-Key", key));
    try (exchange) {
      try {
        authenticate(exchange);
        var version = exchange.getRequestHeaders().getFirst("Stripe-Version");
        if (version != null && !version.equals(StripeApiVersion.PINNED)) {
          throw ApiError.unsupportedVersion(version);
        }
        var params = parameters(exchange, method);
        if (method.equals("POST") && idempotencyKey.isPresent()) {
          respondIdempotently(
              exchange, method, path, params, new Origin(requestId, idempotencyKey.get()));
        } else {
          var answer = route(method, path, params, new Origin(requestId, null));
          send(exchange, 200, json.writeValueAsBytes(answer));
        }
      } catch (ApiError error) {
        send(exchange, error.status(), json.writeValueAsBytes(errorBody(error)));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "stand-in request failed path=" + path, e);
        var body = StripeObjects.object();
        body.putObject("error")
            .put("message", "An unknown error occurred in the SMO1 stand-in.")
            .put("type", "api_error");
        send(exchange, 500, json.writeValueAsBytes(body));
      }
    }
  }

  private void authenticate(HttpExchange exchange) {
    var authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || authorization.isBlank()) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Stripe\"");
      throw ApiError.noApiKey();
    }
    String presented;
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).strip();
    } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      // curl -u sk_test_…: sends the key as the user name and no password
      try {
        var decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
        var colon = decoded.indexOf(':');
        presented = colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        presented = "";
      }
    } else {
      presented = authorization.strip();
    }
    if (!java.security.MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), secretKey.getBytes(StandardCharsets.UTF_8))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Stripe\"");
      throw ApiError.invalidApiKey(presented);
    }
  }

  private static FormParameters parameters(HttpExchange exchange, String method)
      throws IOException {
    var query = FormParameters.parse(exchange.getRequestURI().getRawQuery());
    var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (body.isBlank()) {
      return query;
    }
    var contentType =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw ApiError.notForm();
    }
    if (!query.names().isEmpty() && !method.equals("GET")) {
      throw ApiError.invalidRequest(
          "Parameters go either in the query string or in the body, not in both.");
    }
    return FormParameters.parse(body);
  }

  private void respondIdempotently(
      HttpExchange exchange, String method, String path, FormParameters params, Origin origin)
      throws IOException {
    var key = origin.idempotencyKey();
    var fingerprint = method + " " + path + " " + params.fingerprint();
    var placeholder = new Stored(fingerprint, origin.requestId(), 0, null);
    var previous = idempotent.putIfAbsent(key, placeholder);
    if (previous != null) {
      if (!previous.fingerprint().equals(fingerprint)) {
        throw ApiError.idempotencyMismatch(key);
      }
      if (previous.body() == null) {
        throw ApiError.idempotencyKeyInUse();
      }
      exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
      exchange.getResponseHeaders().set("Original-Request", previous.requestId());
      send(exchange, previous.status(), previous.body());
      return;
    }
    try {
      var body = json.writeValueAsBytes(route(method, path, params, origin));
      idempotent.put(key, new Stored(fingerprint, origin.requestId(), 200, body));
      send(exchange, 200, body);
    } catch (RuntimeException e) {
      // Stripe keeps no result for a request refused before it ran: the key may be used again
      idempotent.remove(key, placeholder);
      throw e;
    }
  }

  private ObjectNode route(String method, String path, FormParameters params, Origin origin) {
    ledger.catchUp();
    var segments = path.substring(1).split("/", -1);
    var answer =
        switch (method) {
          case "GET" -> get(segments, params);
          case "POST" -> post(segments, params, origin);
          case "DELETE" -> delete(segments, params, origin);
          default -> null;
        };
    if (answer == null) {
      throw ApiError.unrecognizedUrl(method, path);
    }
    var expand = params.strings("expand");
    return expand.isEmpty() ? answer : ledger.expand(answer, expand);
  }

  private ObjectNode get(String[] path, FormParameters params) {
    return switch (path.length) {
      case 2 ->
          switch (path[1]) {
            case "subscriptions" -> ledger.listSubscriptions(params);
            case "invoices" -> ledger.listInvoices(params);
            default -> null;
          };
      case 3 -> {
        params.allowOnly(java.util.Set.of("expand"));
        yield switch (path[1]) {
          case "customers" -> ledger.customer(path[2]);
          case "subscriptions" -> ledger.subscription(path[2]);
          case "invoices" -> ledger.invoice(path[2]);
          default -> null;
        };
      }
      case 4 -> {
        params.allowOnly(java.util.Set.of("expand"));
        if (path[1].equals("checkout") && path[2].equals("sessions")) {
          yield ledger.checkoutSession(path[3]);
        }
        if (path[1].equals("test_helpers") && path[2].equals("test_clocks")) {
          yield ledger.testClock(path[3]);
        }
        yield null;
      }
      default -> null;
    };
  }

  private ObjectNode post(String[] path, FormParameters params, Origin origin) {
    var joined = String.join("/", path);
    if (joined.equals("v1/customers")) {
      return ledger.createCustomer(params, origin);
    }
    if (joined.equals("v1/checkout/sessions")) {
      return ledger.createCheckoutSession(params);
    }
    if (joined.equals("v1/billing_portal/sessions")) {
      return ledger.createPortalSession(params);
    }
    if (joined.equals("v1/test_helpers/test_clocks")) {
      return ledger.createTestClock(params);
    }
    if (path.length == 3 && path[1].equals("subscriptions")) {
      return ledger.updateSubscription(path[2], params, origin);
    }
    if (path.length == 5
        && path[1].equals("test_helpers")
        && path[2].equals("test_clocks")
        && path[4].equals("advance")) {
      return ledger.advanceTestClock(path[3], params);
    }
    return null;
  }

  private ObjectNode delete(String[] path, FormParameters params, Origin origin) {
    if (path.length == 3 && path[1].equals("subscriptions")) {
      return ledger.cancelSubscription(path[2], params, origin);
    }
    return null;
  }

  static ObjectNode errorBody(ApiError error) {
    var body = StripeObjects.object();
    var inner = body.putObject("error");
    error.code().ifPresent(code -> inner.put("code", code));
    error.docUrl().ifPresent(url -> inner.put("doc_url", url));
    inner.put("message", error.getMessage());
    error.param().ifPresent(param -> inner.put("param", param));
    inner.put("type", error.type());
    return body;
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
