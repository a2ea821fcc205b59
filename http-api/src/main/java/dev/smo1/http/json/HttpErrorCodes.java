package dev.smo1.http.json;

/**
 * Error codes the HTTP layer produces itself (the link entity's own codes are {@link
 * dev.smo1.link.ErrorCode}). Stable contract: add, never rename.
 */
public final class HttpErrorCodes {
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String UNKNOWN_FIELD = "unknown_field";
  public static final String INVALID_TYPE = "invalid_type";
  public static final String INVALID_PARAMETER = "invalid_parameter";

  /** A bulk request without items, or with more than it may have. */
  public static final String INVALID_ITEMS = "invalid_items";

  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String FORBIDDEN = "forbidden";
  public static final String INSUFFICIENT_SCOPE = "insufficient_scope";
  public static final String CSRF_FAILED = "csrf_failed";
  public static final String NOT_FOUND = "not_found";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String BAD_REQUEST = "bad_request";
  public static final String UNAVAILABLE = "unavailable";
  public static final String INTERNAL = "internal";
  public static final String GONE = "gone";
  public static final String INVALID_SIGNATURE = "invalid_signature";
  public static final String INVALID_CLICK_BATCH = "invalid_click_batch";
  public static final String CLICKS_NOT_CONFIGURED = "clicks_not_configured";
  public static final String ANALYTICS_NOT_CONFIGURED = "analytics_not_configured";
  public static final String ANALYTICS_TIMEOUT = "analytics_timeout";
  public static final String ANALYTICS_UNAVAILABLE = "analytics_unavailable";
  public static final String RATE_LIMITED = "rate_limited";
  // abuse reports and takedowns (decision 0034)
  public static final String UNKNOWN_LINK = "unknown_link";
  public static final String INVALID_REASON = "invalid_reason";
  public static final String INVALID_DETAILS = "invalid_details";
  // webhooks (decision 0035)
  public static final String INVALID_EVENTS = "invalid_events";
  public static final String INVALID_SECRET = "invalid_secret";
  public static final String PLAN_REQUIRED = "plan_required";

  /** Paid plans are not offered on this node (no Stripe key and webhook secret): 503. */
  public static final String BILLING_UNAVAILABLE = "billing_unavailable";

  public static final String INVALID_IDEMPOTENCY_KEY = "invalid_idempotency_key";
  public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
  public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";

  /** A redirect whose stored target no Location can carry (502). */
  public static final String TARGET_UNAVAILABLE = "target_unavailable";

  public static final String PASSWORD_REQUIRED = "password_required";
  public static final String WRONG_PASSWORD = "wrong_password";

  private HttpErrorCodes() {}
}
