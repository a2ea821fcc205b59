package dev.smo1.http.auth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * API keys in PostgreSQL (table {@code api_keys}, created by migration), by hash only. JDBC blocks,
 * so every call runs on the executor given (a dedicated blocking dispatcher), never on the caller.
 */
public final class ApiKeyStore implements ApiKeyOwners {
  private final DataSource dataSource;
  private final Executor blockingExecutor;

  public ApiKeyStore(DataSource dataSource, Executor blockingExecutor) {
    this.dataSource = dataSource;
    this.blockingExecutor = blockingExecutor;
  }

  @Override
  public CompletionStage<Optional<String>> ownerOf(String keyHash) {
    return CompletableFuture.supplyAsync(() -> findOwner(keyHash), blockingExecutor);
  }

  private Optional<String> findOwner(String keyHash) {
    try (var connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement("SELECT owner FROM api_keys WHERE key_hash = ?")) {
      statement.setString(1, keyHash);
      try (var result = statement.executeQuery()) {
        return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
      }
    } catch (java.sql.SQLException e) {
      throw new CompletionException(e);
    }
  }

  /** Stores {@code key} (hashed) for {@code owner}; storing the same key again is a no-op. */
  public void register(String key, String owner) throws java.sql.SQLException {
    try (var connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "INSERT INTO api_keys (key_hash, owner) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      statement.setString(1, ApiKeys.hash(key));
      statement.setString(2, owner);
      statement.executeUpdate();
    }
  }

  public long count() throws java.sql.SQLException {
    try (var connection = dataSource.getConnection();
        var statement = connection.prepareStatement("SELECT count(*) FROM api_keys");
        var result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}
