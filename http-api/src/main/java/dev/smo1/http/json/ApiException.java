package dev.smo1.http.json;

import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** A request that must end in an error response; rendered by the API's exception handler. */
public class ApiException extends RuntimeException {
  private final StatusCode status;
  private final ApiError error;

  public ApiException(StatusCode status, ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.status = status;
    this.error = error;
  }

  public static ApiException badRequest(String code, String message, String field) {
    return new ApiException(StatusCodes.BAD_REQUEST, new ApiError(code, message, field));
  }

  public StatusCode status() {
    return status;
  }

  public ApiError error() {
    return error;
  }
}
