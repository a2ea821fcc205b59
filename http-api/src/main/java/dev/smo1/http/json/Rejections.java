package dev.smo1.http.json;

import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkReply;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * The one mapping from a link entity's rejection to HTTP: its status, and the error body with the
 * entity's stable code, message and field. Exhaustive: a new {@link ErrorCode} does not compile
 * until it has a status here.
 */
public final class Rejections {
  private Rejections() {}

  public static HttpResponse response(LinkReply.Rejected rejected) {
    return Json.response(
        statusOf(rejected.code()),
        new ApiError(rejected.code().wireName(), rejected.message(), rejected.field()));
  }

  public static StatusCode statusOf(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case ALIAS_TAKEN -> StatusCodes.CONFLICT;
      case INVALID_TARGET,
          TARGET_IS_SHORT_DOMAIN,
          INVALID_ALIAS,
          RESERVED_ALIAS,
          INVALID_REDIRECT_TYPE,
          INVALID_EXPIRY,
          INVALID_TITLE,
          INVALID_TAGS,
          NOTHING_TO_UPDATE ->
          StatusCodes.UNPROCESSABLE_CONTENT;
    };
  }
}
