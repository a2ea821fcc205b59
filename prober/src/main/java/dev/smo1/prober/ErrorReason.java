package dev.smo1.prober;

import java.util.Locale;

/**
 * Why a probe failed, as the {@code reason} label of {@code smo1_probe_errors_total}. A fixed set,
 * so the alert rules and dashboards can name every value.
 */
public enum ErrorReason {
  /** The edge answered a status the link does not redirect with (a 404, a 503, a 200 page). */
  STATUS,
  /** The right status, but no {@code Location} or one the link cannot send. */
  LOCATION,
  /** No answer within the per-request timeout (connecting included). */
  TIMEOUT,
  /** The connection failed: refused, reset, TLS, DNS. */
  CONNECT;

  /** The label value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
