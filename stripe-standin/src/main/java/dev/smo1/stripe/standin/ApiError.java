package dev.smo1.stripe.standin;

import java.util.Locale;
import java.util.Optional;

/**
 * A refusal in Stripe's terms: the HTTP status and the {@code error} object's type, code, message
 * and param, so stripe-java raises the same exception class it would raise against Stripe.
 */
final class ApiError extends RuntimeException {
  private final int status;
  private final String type;
  private final Optional<String> code;
  private final Optional<String> param;

  private ApiError(
      int status, String type, Optional<String> code, String message, Optional<String> param) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  Optional<String> code() {
    return code;
  }

  Optional<String> param() {
    return param;
  }

  Optional<String> docUrl() {
    return code.map(c -> "https://stripe.com/docs/error-codes/" + c.replace('_', '-'));
  }

  static ApiError noSuch(String kind, String id, String param) {
    return new ApiError(
        404,
        "invalid_request_error",
        Optional.of("resource_missing"),
        "No such " + kind + ": '" + id + "'",
        Optional.of(param));
  }

  /** A parameter names an object that does not exist: 400, where a path id would be 404. */
  static ApiError noSuchInParam(String kind, String id, String param) {
    return new ApiError(
        400,
        "invalid_request_error",
        Optional.of("resource_missing"),
        "No such " + kind + ": '" + id + "'",
        Optional.of(param));
  }

  static ApiError missingParam(String param) {
    return new ApiError(
        400,
        "invalid_request_error",
        Optional.of("parameter_missing"),
        "Missing required param: " + param + ".",
        Optional.of(param));
  }

  static ApiError unknownParam(String param) {
    return new ApiError(
        400,
        "invalid_request_error",
        Optional.of("parameter_unknown"),
        "Received unknown parameter: "
            + param
            + " (the SMO1 stand-in models only the parameters SMO1 sends)",
        Optional.of(param));
  }

  static ApiError invalidParam(String param, String message) {
    return new ApiError(
        400, "invalid_request_error", Optional.empty(), message, Optional.of(param));
  }

  static ApiError invalidRequest(String message) {
    return new ApiError(400, "invalid_request_error", Optional.empty(), message, Optional.empty());
  }

  static ApiError unrecognizedUrl(String method, String path) {
    return new ApiError(
        404,
        "invalid_request_error",
        Optional.empty(),
        "Unrecognized request URL ("
            + method.toUpperCase(Locale.ROOT)
            + ": "
            + path
            + "). The SMO1 stand-in serves only the endpoints SMO1 calls.",
        Optional.empty());
  }

  static ApiError noApiKey() {
    return new ApiError(
        401,
        "invalid_request_error",
        Optional.empty(),
        "You did not provide an API key. You need to provide your API key in the Authorization"
            + " header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        Optional.empty());
  }

  static ApiError invalidApiKey(String presented) {
    var shown =
        presented.length() > 12
            ? presented.substring(0, 8)
                + "*".repeat(4)
                + presented.substring(presented.length() - 4)
            : "*".repeat(presented.length());
    return new ApiError(
        401,
        "invalid_request_error",
        Optional.of("api_key_invalid"),
        "Invalid API Key provided: " + shown,
        Optional.empty());
  }

  static ApiError idempotencyKeyInUse() {
    return new ApiError(
        409,
        "invalid_request_error",
        Optional.of("idempotency_key_in_use"),
        "There is currently another in-progress request using this Idempotent Key (that probably"
            + " means you submitted twice, and the other request is still going through). Please"
            + " retry this request later.",
        Optional.empty());
  }

  static ApiError unsupportedVersion(String version) {
    return new ApiError(
        400,
        "invalid_request_error",
        Optional.empty(),
        "The SMO1 stand-in answers only in API version "
            + StripeApiVersion.PINNED
            + " (the one stripe-java pins), not "
            + version
            + ".",
        Optional.empty());
  }

  static ApiError notForm() {
    return new ApiError(
        400,
        "invalid_request_error",
        Optional.empty(),
        "Invalid request (check that your POST content type is"
            + " application/x-www-form-urlencoded).",
        Optional.empty());
  }

  static ApiError idempotencyMismatch(String key) {
    return new ApiError(
        400,
        "idempotency_error",
        Optional.empty(),
        "Keys for idempotent requests can only be used with the same parameters they were first"
            + " used with. Try using a key other than '"
            + key
            + "' if you meant to execute a different request.",
        Optional.empty());
  }
}
