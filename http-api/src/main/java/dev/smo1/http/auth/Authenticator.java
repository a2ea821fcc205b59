package dev.smo1.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Bearer API-key authentication. Verified hashes are cached briefly (also misses, so a flood of bad
 * keys does not become a flood of queries); a revoked key stops working within the cache TTL.
 */
public final class Authenticator {
  private final AsyncLoadingCache<String, Optional<String>> owners;

  public Authenticator(ApiKeyOwners store, Duration cacheTtl) {
    this.owners =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(cacheTtl)
            .buildAsync((hash, executor) -> store.ownerOf(hash).toCompletableFuture());
  }

  /** Runs {@code inner} with the authenticated owner, or fails with 401. */
  public Route authenticated(Function<String, Route> inner) {
    return optionalHeaderValueByName(
        "Authorization",
        header -> {
          String key = bearerToken(header);
          return onSuccess(
              owners.get(ApiKeys.hash(key)),
              owner -> inner.apply(owner.orElseThrow(() -> unauthorized("invalid_token"))));
        });
  }

  private static String bearerToken(Optional<String> header) {
    if (header.isEmpty()) {
      throw unauthorized(null);
    }
    String value = header.get().trim();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("invalid_request");
    }
    String token = value.substring(7).trim();
    if (token.isEmpty() || token.length() > 200) {
      throw unauthorized("invalid_token");
    }
    return token;
  }

  private static ApiException unauthorized(String error) {
    return new UnauthorizedException(error);
  }

  /** 401 with the {@code WWW-Authenticate} challenge of RFC 6750. */
  public static final class UnauthorizedException extends ApiException {
    private final String challenge;

    UnauthorizedException(String error) {
      super(
          StatusCodes.UNAUTHORIZED,
          ApiError.of(
              HttpErrorCodes.UNAUTHORIZED,
              error == null
                  ? "an API key is required: Authorization: Bearer <key>"
                  : "the API key is missing, malformed or unknown"));
      this.challenge =
          error == null
              ? "Bearer realm=\"smo1\""
              : "Bearer realm=\"smo1\", error=\"" + error + "\"";
    }

    public String challenge() {
      return challenge;
    }
  }
}
