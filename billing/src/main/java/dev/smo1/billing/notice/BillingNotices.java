package dev.smo1.billing.notice;

import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.mail.Email;
import dev.smo1.accounts.mail.Mailer;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.accounts.workspace.WorkspaceView;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notices billing emails, each once ({@code billing_notices}: a notice's kind and key are
 * recorded in the transaction that decides to send it), and who they go to: the workspace's owners
 * and billing members.
 */
public final class BillingNotices {
  private static final Logger log = LoggerFactory.getLogger(BillingNotices.class);

  private final WorkspaceService workspaces;
  private final Duration askTimeout;
  private final Mailer mailer;

  public BillingNotices(WorkspaceService workspaces, Duration askTimeout, Mailer mailer) {
    this.workspaces = workspaces;
    this.askTimeout = askTimeout;
    this.mailer = mailer;
  }

  /**
   * Sends the emails of notices recorded in a committed transaction; a failure (after the mailer's
   * retries) is logged, and the notice is not sent again.
   */
  public void send(List<Email> messages) {
    for (Email email : messages) {
      mailer
          .send(email)
          .whenComplete(
              (sent, error) -> {
                if (error != null) {
                  log.warn("billing email '{}' not sent: {}", email.subject(), error.toString());
                }
              });
    }
  }

  /** Records a notice as sent; false when it was already (then it is not sent again). */
  public boolean record(
      Connection connection, String workspaceId, String kind, String key, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO billing_notices (workspace_id, kind, notice_key, sent_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      statement.setString(1, workspaceId);
      statement.setString(2, kind);
      statement.setString(3, key);
      statement.setTimestamp(4, Timestamp.from(now));
      return statement.executeUpdate() == 1;
    }
  }

  /**
   * The email addresses of the workspace's owners and billing members, as its entity has them now
   * (the read model may not have a member who joined a moment ago). Blocks up to the ask timeout.
   */
  public List<String> recipients(Connection connection, String workspace) throws SQLException {
    WorkspaceView view;
    try {
      view =
          workspaces
              .get(workspace)
              .toCompletableFuture()
              .get(askTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the members of " + workspace + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    var users =
        view.members().stream()
            .filter(member -> member.role() == Role.OWNER || member.role() == Role.BILLING)
            .map(WorkspaceView.Member::userId)
            .toList();
    return emails(connection, users);
  }

  /** The email addresses of {@code users}, in order of address. */
  private static List<String> emails(Connection connection, Collection<UUID> users)
      throws SQLException {
    if (users.isEmpty()) {
      return List.of();
    }
    try (var statement =
        connection.prepareStatement("SELECT email FROM users WHERE id = ANY(?) ORDER BY email")) {
      statement.setArray(1, connection.createArrayOf("uuid", users.toArray()));
      var emails = new ArrayList<String>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          emails.add(rows.getString(1));
        }
      }
      return emails;
    }
  }
}
