package dev.smo1.projection.readmodel;

import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.apache.pekko.serialization.Serialization;

/**
 * Rebuilds the {@code links} read model from the journal in place, while it keeps answering and its
 * projection keeps running (decision 0020). Links are taken a page at a time, in the order of their
 * persistence ids; each page is one transaction that sets its rows' versions to 0 and applies every
 * event of its links again, through the projection's own writes ({@link LinksTable}), so a rebuilt
 * row is what a replay from an empty table would give. Readers see each row as it was before the
 * page or after it, never without it. Last, rows of links the journal has never had are deleted.
 *
 * <p>A page must not miss an event the projection has already applied (the projection would not
 * apply it again). Every projection transaction holds the advisory lock {@link #LOCK} shared
 * ({@link #awaitNoRebuild}), and a page holds it alone, so the two never interleave (and never
 * deadlock on rows both write); the page reads its links' events only once it holds the lock. Every
 * event a committed projection transaction applied was committed in the journal before, so the page
 * reads it; events the projection applies after the page find the page's version and apply only if
 * newer, as always.
 */
public final class ReadModelRebuild {
  /** The advisory lock between projection transactions and pages of a rebuild: "SMO1LINK". */
  static final long LOCK = 0x534D_4F31_4C49_4E4BL;

  /** Links per page: each page holds the projection back while it runs (a few milliseconds). */
  public static final int PAGE_SIZE = 100;

  /** Persistence ids of links are {@code Link|domain/code}. */
  private static final String PREFIX = LinkEntity.TYPE_KEY.name() + "|";

  private final DataSource dataSource;
  private final Serialization serialization;
  private final int pageSize;

  /**
   * @param serialization decodes the journal's events (the actor system's, which binds them to
   *     Jackson CBOR as the entities wrote them)
   */
  public ReadModelRebuild(DataSource dataSource, Serialization serialization) {
    this(dataSource, serialization, PAGE_SIZE);
  }

  ReadModelRebuild(DataSource dataSource, Serialization serialization, int pageSize) {
    this.dataSource = dataSource;
    this.serialization = serialization;
    this.pageSize = pageSize;
  }

  /**
   * Waits, in the projection's transaction on {@code connection}, while a page of a rebuild runs,
   * and keeps pages from starting until the transaction ends.
   */
  static void awaitNoRebuild(Connection connection) throws SQLException {
    lock(connection, "SELECT pg_advisory_xact_lock_shared(?)");
  }

  /** Links in the journal now: the pages of a rebuild started now cover at least these. */
  public long links() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM event_journal"
                    + " WHERE sequence_number = 1 AND persistence_id LIKE ?")) {
      statement.setString(1, PREFIX + "%");
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /**
   * Rewrites the row of every link in the journal, page by page, telling {@code progress} how many
   * links are done after each page; then deletes the rows of links the journal has never had.
   *
   * @return the links rewritten
   */
  public long run(LongConsumer progress) throws SQLException {
    long done = 0;
    String after = "";
    for (List<String> page = page(after); !page.isEmpty(); page = page(after)) {
      rewrite(page);
      done += page.size();
      progress.accept(done);
      after = page.getLast();
    }
    deleteRowsOfNoLink();
    return done;
  }

  /** The next page of links' persistence ids after {@code after}, in order. */
  private List<String> page(String after) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT persistence_id FROM event_journal WHERE persistence_id > ?"
                    + " AND sequence_number = 1 AND persistence_id LIKE ?"
                    + " ORDER BY persistence_id LIMIT ?")) {
      statement.setString(1, after);
      statement.setString(2, PREFIX + "%");
      statement.setInt(3, pageSize);
      List<String> ids = new ArrayList<>(pageSize);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }

  /** One page in one transaction, holding the lock alone: its rows from all their events. */
  private void rewrite(List<String> persistenceIds) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        lock(connection, "SELECT pg_advisory_xact_lock(?)");
        resetVersions(connection, persistenceIds);
        try (PreparedStatement events =
            connection.prepareStatement(
                "SELECT sequence_number, event_ser_id, event_ser_manifest, event_payload"
                    + " FROM event_journal WHERE persistence_id = ANY (?) AND NOT deleted"
                    + " ORDER BY persistence_id, sequence_number")) {
          events.setArray(1, connection.createArrayOf("varchar", persistenceIds.toArray()));
          try (ResultSet rows = events.executeQuery()) {
            while (rows.next()) {
              LinksTable.apply(
                  connection,
                  event(rows.getBytes(4), rows.getInt(2), rows.getString(3)),
                  rows.getLong(1));
            }
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** Version 0 lets every event of the link apply again, its LinkCreated first (version 1). */
  private static void resetVersions(Connection connection, List<String> persistenceIds)
      throws SQLException {
    List<String> domains = new ArrayList<>(persistenceIds.size());
    List<String> codes = new ArrayList<>(persistenceIds.size());
    for (String persistenceId : persistenceIds) {
      LinkId id = LinkId.fromEntityId(persistenceId.substring(PREFIX.length()));
      domains.add(id.domain());
      codes.add(id.code());
    }
    try (PreparedStatement reset =
        connection.prepareStatement(
            "UPDATE links SET version = 0"
                + " FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[])) AS page(domain, code)"
                + " WHERE links.domain = page.domain AND links.code = page.code")) {
      reset.setArray(1, connection.createArrayOf("varchar", domains.toArray()));
      reset.setArray(2, connection.createArrayOf("varchar", codes.toArray()));
      reset.executeUpdate();
    }
  }

  private LinkEvent event(byte[] payload, int serializerId, String manifest) {
    if (serialization.deserialize(payload, serializerId, manifest).get()
        instanceof LinkEvent event) {
      return event;
    }
    throw new IllegalStateException("a link's journal holds an event that is no LinkEvent");
  }

  /**
   * Rows whose link has no first event in the journal came from nowhere (damage, a restore of the
   * table without the journal). The projection writes only rows of links in the journal, so no row
   * it writes meanwhile is among them.
   */
  private void deleteRowsOfNoLink() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM links WHERE NOT EXISTS (SELECT 1 FROM event_journal j"
                    + " WHERE j.persistence_id = ? || links.domain || '/' || links.code"
                    + " AND j.sequence_number = 1)")) {
      delete.setString(1, PREFIX);
      delete.executeUpdate();
    }
  }

  private static void lock(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, LOCK);
      statement.execute();
    }
  }
}
