package dev.smo1.projection.known;

import dev.smo1.link.LinkEntity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads link entity ids from the journal: every link ever created (the first event of each), and
 * the events written after a given {@code ordering}. The journal, not the read model, because it is
 * the source of truth and never lags.
 */
public final class JournalLinkIds {
  /** Persistence ids of links are {@code Link|domain/code}. */
  static final String PREFIX = LinkEntity.TYPE_KEY.name() + "|";

  private static final int FETCH_SIZE = 10_000;

  private final DataSource dataSource;

  public JournalLinkIds(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The highest {@code ordering} written so far (0 for an empty journal). */
  public long lastOrdering() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT coalesce(max(ordering), 0) FROM event_journal");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Hands every link's entity id to {@code ids}, streamed (a cursor, not one large result). */
  public long eachLink(Consumer<String> ids) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only in a transaction
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT persistence_id FROM event_journal"
                  + " WHERE sequence_number = 1 AND persistence_id LIKE ?")) {
        statement.setFetchSize(FETCH_SIZE);
        statement.setString(1, PREFIX + "%");
        long count = 0;
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            ids.accept(rows.getString(1).substring(PREFIX.length()));
            count++;
          }
        }
        connection.commit();
        return count;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** One event after a given ordering: its ordering and, for a link's event, the link's id. */
  public record Written(long ordering, String linkEntityId) {}

  /** Up to {@code limit} events with an ordering above {@code after}, in order. */
  public void writtenAfter(long after, int limit, Consumer<Written> events) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT ordering, persistence_id FROM event_journal"
                    + " WHERE ordering > ? ORDER BY ordering LIMIT ?")) {
      statement.setLong(1, after);
      statement.setInt(2, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String persistenceId = rows.getString(2);
          events.accept(
              new Written(
                  rows.getLong(1),
                  persistenceId.startsWith(PREFIX)
                      ? persistenceId.substring(PREFIX.length())
                      : null));
        }
      }
    }
  }
}
