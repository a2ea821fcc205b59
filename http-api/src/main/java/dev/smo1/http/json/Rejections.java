package dev.smo1.http.json;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
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

  /** An account, workspace or key operation refused: its status and the error body. */
  public static HttpResponse response(AccountException refused) {
    return Json.response(
        statusOf(refused.error()),
        new ApiError(
            refused.error().wireName(),
            refused.getMessage(),
            refused.field(),
            refused.quota().map(ApiError.Quota::of).orElse(null)));
  }

  public static StatusCode statusOf(AccountError error) {
    return switch (error) {
      case INVALID_EMAIL,
          WEAK_PASSWORD,
          INVALID_NAME,
          INVALID_SLUG,
          INVALID_SCOPES,
          INVALID_EXPIRY,
          INVALID_DOMAIN,
          INVALID_URL,
          INVALID_PLAN ->
          StatusCodes.UNPROCESSABLE_CONTENT;
      case INVALID_TOKEN -> StatusCodes.BAD_REQUEST;
      case INVALID_CREDENTIALS -> StatusCodes.UNAUTHORIZED;
      case EMAIL_NOT_VERIFIED, OWNER_REQUIRED, QUOTA_EXCEEDED -> StatusCodes.FORBIDDEN;
      case NOT_FOUND, NOT_A_MEMBER -> StatusCodes.NOT_FOUND;
      case EMAIL_TAKEN,
          SLUG_TAKEN,
          LAST_OWNER,
          ALREADY_MEMBER,
          LIMIT_REACHED,
          WORKSPACE_NOT_EMPTY,
          SOLE_OWNER,
          DOMAIN_EXISTS,
          DOMAIN_TAKEN ->
          StatusCodes.CONFLICT;
    };
  }

  public static StatusCode statusOf(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case ALIAS_TAKEN -> StatusCodes.CONFLICT;
      case LINK_BLOCKED -> StatusCodes.FORBIDDEN;
      case SCREENING_UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
      case UNSAFE_TARGET,
          INVALID_TARGET,
          TARGET_IS_SHORT_DOMAIN,
          INVALID_ALIAS,
          RESERVED_ALIAS,
          INVALID_REDIRECT_TYPE,
          INVALID_EXPIRY,
          INVALID_TITLE,
          INVALID_TAGS,
          INVALID_RULES,
          INVALID_VARIANTS,
          INVALID_UTM,
          INVALID_EXPIRED_URL,
          INVALID_PREVIEW,
          INVALID_MAX_VISITS,
          INVALID_PASSWORD,
          NOTHING_TO_UPDATE ->
          StatusCodes.UNPROCESSABLE_CONTENT;
    };
  }
}
