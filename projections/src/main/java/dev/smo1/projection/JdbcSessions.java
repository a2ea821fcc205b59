package dev.smo1.projection;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;

/**
 * JDBC sessions for projections, from the node's connection pool. One session is one transaction:
 * the projection writes its rows and its offset through the same connection and commits once.
 */
public final class JdbcSessions {
  private final DataSource dataSource;

  public JdbcSessions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Session open() {
    try {
      Connection connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      return new Session(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("no database connection for a projection", e);
    }
  }

  /** A transaction on one connection; closing it returns the connection to the pool. */
  public static final class Session implements JdbcSession {
    private final Connection connection;

    Session(Connection connection) {
      this.connection = connection;
    }

    @Override
    public <R> R withConnection(Function<Connection, R> work) throws Exception {
      return work.apply(connection);
    }

    @Override
    public void commit() throws SQLException {
      connection.commit();
    }

    @Override
    public void rollback() throws SQLException {
      connection.rollback();
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
