package dev.smo1.accounts.idempotency;

import dev.smo1.accounts.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;

/**
 * {@link IdempotencyKeys} in the {@code idempotency_keys} table. Each call is one transaction on
 * the request pool; {@link #begin} inserts the key or locks its row, so two attempts of one key
 * decide one after the other. Times come from the node's clock: a key expires {@link
 * IdempotencySettings#retention} after its first request (an expired row is taken as absent and
 * replaced), and an attempt holds its key for {@link IdempotencySettings#inFlightLease} unless it
 * completes or releases it first.
 */
public final class JdbcIdempotencyKeys implements IdempotencyKeys {
  /** Rows deleted per statement by {@link #purgeExpired}, so a purge never holds many locks. */
  static final int PURGE_BATCH = 1_000;

  private static final String KEY = "workspace_id = ? AND caller = ? AND idempotency_key = ?";

  private final Jdbc jdbc;
  private final DataSource dataSource;
  private final Clock clock;
  private final IdempotencySettings settings;

  public JdbcIdempotencyKeys(Jdbc jdbc, Clock clock, IdempotencySettings settings) {
    this(jdbc, null, clock, settings);
  }

  /**
   * @param dataSource for {@link #purgeExpired}, which runs on the caller's (background) thread;
   *     null when this store never purges
   */
  public JdbcIdempotencyKeys(
      Jdbc jdbc, DataSource dataSource, Clock clock, IdempotencySettings settings) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.clock = clock;
    this.settings = settings;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public CompletionStage<Begun> begin(KeyedRequest request) {
    return transaction(connection -> begin(connection, request, now()));
  }

  private Begun begin(Connection connection, KeyedRequest request, Instant now)
      throws SQLException {
    Instant lockedUntil = now.plus(settings.inFlightLease());
    var requestId = UUID.randomUUID();
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO idempotency_keys (workspace_id, caller, idempotency_key, operation,"
                + " fingerprint, request_id, attempt, locked_until, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"
                + " ON CONFLICT (workspace_id, caller, idempotency_key) DO NOTHING")) {
      int index = setKey(insert, request, 1);
      insert.setString(index++, request.operation());
      insert.setString(index++, request.fingerprint());
      insert.setObject(index++, requestId);
      insert.setTimestamp(index++, Timestamp.from(lockedUntil));
      insert.setTimestamp(index++, Timestamp.from(now));
      insert.setTimestamp(index, Timestamp.from(now.plus(settings.retention())));
      if (insert.executeUpdate() == 1) {
        return new Begun.Started(requestId, 1, Optional.empty());
      }
    }
    // the key is there (an insert that raced with this one has committed: ON CONFLICT waited)
    try (var select =
        connection.prepareStatement(
            "SELECT operation, fingerprint, request_id, resource_id, attempt, locked_until,"
                + " response_status, response_location, response_body, expires_at"
                + " FROM idempotency_keys WHERE "
                + KEY
                + " FOR UPDATE")) {
      setKey(select, request, 1);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          // purged between the two statements: try again, as the first request of the key
          return begin(connection, request, now);
        }
        if (!row.getTimestamp("expires_at").toInstant().isAfter(now)) {
          return restart(connection, request, now, lockedUntil, requestId);
        }
        if (!row.getString("operation").equals(request.operation())
            || !row.getString("fingerprint").equals(request.fingerprint())) {
          return new Begun.Reused();
        }
        row.getInt("response_status");
        if (!row.wasNull()) {
          return new Begun.Replay(
              new Answer(
                  row.getInt("response_status"),
                  row.getString("response_location"),
                  row.getString("response_body")));
        }
        Timestamp held = row.getTimestamp("locked_until");
        if (held != null && held.toInstant().isAfter(now)) {
          return new Begun.InUse();
        }
        return takeOver(
            connection,
            request,
            lockedUntil,
            row.getObject("request_id", UUID.class),
            row.getInt("attempt") + 1,
            Optional.ofNullable(row.getString("resource_id")));
      }
    }
  }

  /** An expired key starts again as the first request of a new one. */
  private Begun restart(
      Connection connection, KeyedRequest request, Instant now, Instant lockedUntil, UUID requestId)
      throws SQLException {
    try (var update =
        connection.prepareStatement(
            "UPDATE idempotency_keys SET operation = ?, fingerprint = ?, request_id = ?,"
                + " resource_id = NULL, attempt = 1, locked_until = ?, response_status = NULL,"
                + " response_location = NULL, response_body = NULL, created_at = ?, expires_at = ?"
                + " WHERE "
                + KEY)) {
      update.setString(1, request.operation());
      update.setString(2, request.fingerprint());
      update.setObject(3, requestId);
      update.setTimestamp(4, Timestamp.from(lockedUntil));
      update.setTimestamp(5, Timestamp.from(now));
      update.setTimestamp(6, Timestamp.from(now.plus(settings.retention())));
      setKey(update, request, 7);
      update.executeUpdate();
    }
    return new Begun.Started(requestId, 1, Optional.empty());
  }

  /** The previous attempt ended without an answer, or its lease ran out: continue its request. */
  private Begun takeOver(
      Connection connection,
      KeyedRequest request,
      Instant lockedUntil,
      UUID requestId,
      int attempt,
      Optional<String> resourceId)
      throws SQLException {
    try (var update =
        connection.prepareStatement(
            "UPDATE idempotency_keys SET attempt = ?, locked_until = ? WHERE " + KEY)) {
      update.setInt(1, attempt);
      update.setTimestamp(2, Timestamp.from(lockedUntil));
      setKey(update, request, 3);
      update.executeUpdate();
    }
    return new Begun.Started(requestId, attempt, resourceId);
  }

  @Override
  public CompletionStage<String> choose(
      KeyedRequest request, Begun.Started started, Optional<String> replaced, String resourceId) {
    return transaction(
        connection -> {
          try (var update =
              connection.prepareStatement(
                  "UPDATE idempotency_keys SET resource_id = ? WHERE "
                      + KEY
                      + " AND request_id = ? AND resource_id IS NOT DISTINCT FROM ?")) {
            update.setString(1, resourceId);
            int index = setKey(update, request, 2);
            update.setObject(index++, started.requestId());
            if (replaced.isPresent()) {
              update.setString(index, replaced.get());
            } else {
              update.setNull(index, Types.VARCHAR);
            }
            if (update.executeUpdate() == 1) {
              return resourceId;
            }
          }
          // another attempt of the request chose first: this one asks for the same resource
          try (var select =
              connection.prepareStatement(
                  "SELECT resource_id FROM idempotency_keys WHERE "
                      + KEY
                      + " AND request_id = ?")) {
            int index = setKey(select, request, 1);
            select.setObject(index, started.requestId());
            try (ResultSet row = select.executeQuery()) {
              if (row.next() && row.getString(1) != null) {
                return row.getString(1);
              }
            }
          }
          throw new IllegalStateException(
              "idempotency key of request " + started.requestId() + " is gone");
        });
  }

  @Override
  public CompletionStage<Void> complete(
      KeyedRequest request, Begun.Started started, Answer answer) {
    return transaction(
        connection -> {
          try (var update =
              connection.prepareStatement(
                  "UPDATE idempotency_keys SET response_status = ?, response_location = ?,"
                      + " response_body = ?, locked_until = NULL WHERE "
                      + KEY
                      + " AND request_id = ? AND response_status IS NULL")) {
            update.setInt(1, answer.status());
            update.setString(2, answer.location());
            update.setString(3, answer.body());
            int index = setKey(update, request, 4);
            update.setObject(index, started.requestId());
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public CompletionStage<Void> release(KeyedRequest request, Begun.Started started) {
    return transaction(
        connection -> {
          try (var update =
              connection.prepareStatement(
                  "UPDATE idempotency_keys SET locked_until = NULL WHERE "
                      + KEY
                      + " AND request_id = ? AND attempt = ? AND response_status IS NULL")) {
            int index = setKey(update, request, 1);
            update.setObject(index++, started.requestId());
            update.setInt(index, started.attempt());
            update.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Deletes every expired key, a batch at a time (rows another transaction holds are left for the
   * next run), on the calling thread: for a background task. Answers how many were deleted.
   */
  public int purgeExpired() {
    if (dataSource == null) {
      throw new IllegalStateException("this store was built without a data source to purge with");
    }
    Instant now = now();
    int total = 0;
    try (Connection connection = dataSource.getConnection();
        var delete =
            connection.prepareStatement(
                "DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys"
                    + " WHERE expires_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)")) {
      int deleted;
      do {
        delete.setTimestamp(1, Timestamp.from(now));
        delete.setInt(2, PURGE_BATCH);
        deleted = delete.executeUpdate();
        total += deleted;
      } while (deleted == PURGE_BATCH);
    } catch (SQLException e) {
      throw new Unavailable("purging expired idempotency keys failed", e);
    }
    return total;
  }

  private static int setKey(PreparedStatement statement, KeyedRequest request, int first)
      throws SQLException {
    statement.setString(first, request.caller().workspaceId());
    statement.setString(first + 1, request.caller().principal());
    statement.setString(first + 2, request.key());
    return first + 3;
  }

  /** A transaction on the request pool; a database failure becomes {@link Unavailable}. */
  private <T> CompletionStage<T> transaction(Jdbc.Work<T> work) {
    return jdbc.transaction(work)
        .exceptionally(
            error -> {
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (cause instanceof SQLException sql) {
                throw new Unavailable("the idempotency key store failed: " + sql.getMessage(), sql);
              }
              throw error instanceof CompletionException completion
                  ? completion
                  : new CompletionException(error);
            });
  }
}
