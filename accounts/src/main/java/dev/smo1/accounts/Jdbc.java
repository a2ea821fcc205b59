package dev.smo1.accounts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * The accounts module's way to PostgreSQL: each unit of work runs in one transaction on the
 * blocking executor (never on the caller's thread). An {@link AccountException} thrown inside rolls
 * back and reaches the caller as it is.
 */
public final class Jdbc {
  /** Work on one connection, inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final Executor blocking;

  public Jdbc(DataSource dataSource, Executor blocking) {
    this.dataSource = dataSource;
    this.blocking = blocking;
  }

  public <T> CompletionStage<T> transaction(Work<T> work) {
    return CompletableFuture.supplyAsync(() -> transactionNow(work), blocking);
  }

  /** As {@link #transaction}, on the calling thread: for start-up and tests. */
  public <T> T transactionNow(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  public Executor executor() {
    return blocking;
  }
}
