package dev.smo1.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.smo1.accounts.workspace.QuotaExceeded;

/**
 * The one error body of the API, for every 4xx and 5xx: a stable machine-readable {@code code}, a
 * human {@code message}, and the offending request {@code field} (null when no single field is at
 * fault); {@code quota} only with {@code quota_exceeded}.
 */
public record ApiError(
    String code,
    String message,
    String field,
    @JsonInclude(JsonInclude.Include.NON_NULL) Quota quota) {

  public ApiError(String code, String message, String field) {
    this(code, message, field, null);
  }

  public static ApiError of(String code, String message) {
    return new ApiError(code, message, null, null);
  }

  /**
   * What ran out of a workspace's plan: its limit, what is used of it, the plan, and where the plan
   * is changed ({@code upgradeUrl}: the dashboard's billing page of the workspace, a path on the
   * API's own origin, which serves the dashboard).
   */
  public record Quota(String resource, long limit, long used, String plan, String upgradeUrl) {
    public static Quota of(QuotaExceeded exceeded) {
      return new Quota(
          exceeded.resource(),
          exceeded.limit(),
          exceeded.used(),
          exceeded.plan(),
          "/app/billing/?workspace="
              + java.net.URLEncoder.encode(
                  exceeded.workspace(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
