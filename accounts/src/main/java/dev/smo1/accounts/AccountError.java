package dev.smo1.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why an account, workspace or key operation was refused. The wire name is the API's error code
 * (the HTTP layer maps each to its status in one place): add values, never rename them.
 */
public enum AccountError {
  // sign-up, login, tokens
  EMAIL_TAKEN,
  INVALID_EMAIL,
  WEAK_PASSWORD,
  INVALID_NAME,
  INVALID_CREDENTIALS,
  EMAIL_NOT_VERIFIED,
  INVALID_TOKEN,
  // workspaces
  INVALID_SLUG,
  SLUG_TAKEN,
  NOT_FOUND,
  LAST_OWNER,
  OWNER_REQUIRED,
  NOT_A_MEMBER,
  ALREADY_MEMBER,
  LIMIT_REACHED,
  WORKSPACE_NOT_EMPTY,
  SOLE_OWNER,
  // keys
  INVALID_SCOPES,
  INVALID_EXPIRY,
  // custom domains
  INVALID_DOMAIN,
  INVALID_URL,
  DOMAIN_EXISTS,
  DOMAIN_TAKEN,
  // plans
  QUOTA_EXCEEDED,
  INVALID_PLAN;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
