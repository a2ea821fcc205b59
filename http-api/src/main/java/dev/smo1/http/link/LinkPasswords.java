package dev.smo1.http.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.user.Passwords;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.link.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * The passwords of protected links: checked as the API receives them, hashed with Argon2id ({@link
 * Passwords}, the accounts' parameters) before anything else sees them, and verified for visitors.
 * Hashing and verifying run on {@code blocking} (tens of milliseconds of CPU and memory each),
 * never on a dispatcher's thread.
 */
public final class LinkPasswords {
  public static final int MIN_LENGTH = 6;
  public static final int MAX_LENGTH = 128;

  private final Passwords passwords;
  private final Executor blocking;

  public LinkPasswords(Passwords passwords, Executor blocking) {
    this.passwords = passwords;
    this.blocking = blocking;
  }

  public CompletionStage<String> hash(String password) {
    return CompletableFuture.supplyAsync(() -> passwords.hash(password), blocking);
  }

  public CompletionStage<Boolean> verify(String password, String hash) {
    return CompletableFuture.supplyAsync(() -> passwords.verify(password, hash), blocking);
  }

  /**
   * The password a create or PATCH body gives ({@code node}: its {@code password} field, a string),
   * or the API's error: 400 for another type, 422 {@code invalid_password} for one too short, too
   * long or with control characters.
   */
  static String check(JsonNode node) {
    if (!node.isTextual()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, "field 'password' has the wrong JSON type", "password");
    }
    String password = node.textValue();
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH
        || length > MAX_LENGTH
        || password.chars().anyMatch(Character::isISOControl)) {
      throw new ApiException(
          StatusCodes.UNPROCESSABLE_CONTENT,
          new ApiError(
              ErrorCode.INVALID_PASSWORD.wireName(),
              "a link's password is "
                  + MIN_LENGTH
                  + " to "
                  + MAX_LENGTH
                  + " characters, without control characters",
              "password"));
    }
    return password;
  }
}
