package dev.smo1.http.json;

/**
 * The one error body of the API, for every 4xx and 5xx: a stable machine-readable {@code code}, a
 * human {@code message}, and the offending request {@code field} (null when no single field is at
 * fault).
 */
public record ApiError(String code, String message, String field) {
  public static ApiError of(String code, String message) {
    return new ApiError(code, message, null);
  }
}
