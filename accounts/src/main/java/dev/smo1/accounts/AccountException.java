package dev.smo1.accounts;

/**
 * A refused account operation: its {@link AccountError}, a message for people, and the request
 * field at fault (null when none). Nothing was stored.
 */
public final class AccountException extends RuntimeException {
  private final AccountError error;
  private final String field;

  public AccountException(AccountError error, String message, String field) {
    super(message, null, false, false);
    this.error = error;
    this.field = field;
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
