package dev.smo1.node.db;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How long the node waits on PostgreSQL, for its own pool and the journal's: a statement is
 * cancelled by the server after {@code statement}, a connection that stops answering is dropped by
 * the driver after {@code socket} (longer, so the server's cancel comes first), a connection
 * attempt gives up after {@code connect}; TCP keepalive notices a peer that vanished.
 */
public record JdbcTimeouts(Duration statement, Duration socket, Duration connect) {

  public JdbcTimeouts {
    if (socket.compareTo(statement) <= 0) {
      throw new IllegalArgumentException(
          "smo1.db.socket-timeout must be longer than smo1.db.statement-timeout");
    }
  }

  public static JdbcTimeouts from(Config config) {
    Config db = config.getConfig("smo1.db");
    return new JdbcTimeouts(
        db.getDuration("statement-timeout"),
        db.getDuration("socket-timeout"),
        db.getDuration("connect-timeout"));
  }

  /** The SQL run on every new connection: the server-side statement timeout. */
  public String initSql() {
    return "SET statement_timeout = " + statement.toMillis();
  }
}
