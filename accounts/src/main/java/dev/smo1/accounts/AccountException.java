package dev.smo1.accounts;

import dev.smo1.accounts.workspace.QuotaExceeded;

/**
 * A refused account operation: its {@link AccountError}, a message for people, and the request
 * field at fault (null when none). Nothing was stored.
 */
public final class AccountException extends RuntimeException {
  private final AccountError error;
  private final String field;
  private final QuotaExceeded quota;

  public AccountException(AccountError error, String message, String field) {
    this(error, message, field, null);
  }

  private AccountException(AccountError error, String message, String field, QuotaExceeded quota) {
    super(message, null, false, false);
    this.error = error;
    this.field = field;
    this.quota = quota;
  }

  /** {@code quota_exceeded}: what ran out, its limit and use. */
  public static AccountException of(QuotaExceeded exceeded) {
    return new AccountException(AccountError.QUOTA_EXCEEDED, exceeded.message(), null, exceeded);
  }

  /** What ran out, for {@code quota_exceeded} only. */
  public java.util.Optional<QuotaExceeded> quota() {
    return java.util.Optional.ofNullable(quota);
  }

  public AccountException(AccountError error, String message) {
    this(error, message, null);
  }

  public AccountError error() {
    return error;
  }

  public String field() {
    return field;
  }
}
