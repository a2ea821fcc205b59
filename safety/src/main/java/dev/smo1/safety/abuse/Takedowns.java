package dev.smo1.safety.abuse;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.audit.AuditAction;
import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.accounts.mail.Email;
import dev.smo1.accounts.mail.Mailer;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkReply;
import dev.smo1.link.LinkService;
import dev.smo1.link.LinkView;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes links down and lifts takedowns (decision 0034), for platform admins and for the screening
 * sweep alike. The link entity blocks the link (its event reaches Redis, every node's memory and
 * Workers KV through the projections); then, once per takedown, the audit log records it under the
 * link's workspace and the workspace's owners are emailed.
 */
public final class Takedowns {
  private static final Logger log = LoggerFactory.getLogger(Takedowns.class);

  private final LinkService links;
  private final Jdbc jdbc;
  private final AuditLog audit;
  private final Mailer mailer;
  private final String dashboardUrl;

  public Takedowns(
      LinkService links, Jdbc jdbc, AuditLog audit, Mailer mailer, String dashboardUrl) {
    this.links = links;
    this.jdbc = jdbc;
    this.audit = audit;
    this.mailer = mailer;
    this.dashboardUrl = dashboardUrl;
  }

  /** What a takedown found. */
  public sealed interface Outcome {
    /** The link is blocked; {@code now}: by this call (false: it already was). */
    record Blocked(LinkView link, boolean now) implements Outcome {}

    /** Unblocked by this call, or not blocked before it: the link is as {@code link} says. */
    record Unblocked(LinkView link) implements Outcome {}

    record NotFound() implements Outcome {}
  }

  /**
   * Blocks the link. {@code actor} is who the audit log names ({@code user}, or {@code screening}
   * with the list); {@code by} is what the link's event keeps.
   */
  public CompletionStage<Outcome> block(
      LinkId id, String reason, String by, AuditLog.Actor actor, RequestOrigin origin) {
    return links
        .block(id, reason, by)
        .thenCompose(
            reply ->
                switch (reply) {
                  case LinkReply.Rejected rejected when rejected.code() == ErrorCode.NOT_FOUND ->
                      CompletableFuture.completedFuture(new Outcome.NotFound());
                  case LinkReply.Rejected rejected ->
                      CompletableFuture.failedFuture(
                          new IllegalStateException("block refused: " + rejected));
                  case LinkReply.Ok ok -> recorded(ok.link(), reason, by, actor, origin);
                });
  }

  private CompletionStage<Outcome> recorded(
      LinkView link, String reason, String by, AuditLog.Actor actor, RequestOrigin origin) {
    return jdbc.<Outcome>transaction(
            connection -> {
              boolean first = takedown(connection, link, reason, by);
              if (first) {
                audit.record(
                    connection,
                    link.updatedAt(),
                    link.owner(),
                    actor,
                    AuditAction.LINK_BLOCKED,
                    link.domain() + "/" + link.code(),
                    Map.of("reason", reason, "by", by, "target", link.target()),
                    origin);
              }
              return new Outcome.Blocked(link, first);
            })
        .thenCompose(
            outcome -> {
              if (outcome instanceof Outcome.Blocked blocked && blocked.now()) {
                return jdbc.transaction(connection -> owners(connection, link.owner()))
                    .thenApply(
                        owners -> {
                          owners.forEach(owner -> send(owner, link, reason));
                          return outcome;
                        })
                    .exceptionally(
                        failed -> {
                          log.warn("owners of {} not emailed: {}", link.owner(), failed.toString());
                          return outcome;
                        });
              }
              return CompletableFuture.completedFuture(outcome);
            });
  }

  /** Lifts a takedown; the link is left disabled for its owner to enable. */
  public CompletionStage<Outcome> unblock(
      LinkId id, String reason, AuditLog.Actor actor, String by, RequestOrigin origin) {
    return links
        .unblock(id, by)
        .thenCompose(
            reply ->
                switch (reply) {
                  case LinkReply.Rejected rejected when rejected.code() == ErrorCode.NOT_FOUND ->
                      CompletableFuture.completedFuture(new Outcome.NotFound());
                  case LinkReply.Rejected rejected ->
                      CompletableFuture.failedFuture(
                          new IllegalStateException("unblock refused: " + rejected));
                  case LinkReply.Ok ok ->
                      jdbc.<Outcome>transaction(
                          connection -> {
                            audit.record(
                                connection,
                                ok.link().updatedAt(),
                                ok.link().owner(),
                                actor,
                                AuditAction.LINK_UNBLOCKED,
                                id.domain() + "/" + id.code(),
                                Map.of("reason", reason, "status", ok.link().status().wireName()),
                                origin);
                            return new Outcome.Unblocked(ok.link());
                          });
                });
  }

  /** The platform's own audit entries (takedowns, restores, abuse reports), newest first. */
  public CompletionStage<AuditLog.Page> auditPage(java.util.Optional<String> cursor, int limit) {
    return jdbc.transaction(connection -> audit.platformPage(connection, cursor, limit));
  }

  /** Records the takedown; false when it was recorded already (another node, a retry). */
  private static boolean takedown(Connection connection, LinkView link, String reason, String by)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO link_takedowns (domain, code, blocked_at, owner, blocked_by, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      statement.setString(1, link.domain());
      statement.setString(2, link.code());
      statement.setTimestamp(3, Timestamp.from(link.updatedAt()));
      statement.setString(4, link.owner());
      statement.setString(5, by);
      statement.setString(6, reason);
      return statement.executeUpdate() == 1;
    }
  }

  /** The email addresses of the workspace's owners. */
  private static List<String> owners(Connection connection, String workspace) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT u.email FROM workspace_members m JOIN users u ON u.id = m.user_id"
                + " WHERE m.workspace_id = ? AND m.role = 'owner' ORDER BY u.email")) {
      statement.setString(1, workspace);
      var emails = new ArrayList<String>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          emails.add(rows.getString(1));
        }
      }
      return emails;
    }
  }

  private void send(String to, LinkView link, String reason) {
    String shortUrl = link.domain() + "/" + link.code();
    String text =
        "Your short link "
            + shortUrl
            + " was disabled for abuse.\n\nReason: "
            + reason
            + "\nTarget: "
            + link.target()
            + "\n\nVisitors now get a page saying the link was disabled for abuse (HTTP 451)."
            + " The link can no longer be enabled or changed; you can delete it.\n"
            + "If you believe this is a mistake, reply to this email: a platform admin can"
            + " restore the link.\n\n"
            + dashboardUrl
            + "\n";
    String html =
        "<p>Your short link <b>"
            + escape(shortUrl)
            + "</b> was disabled for abuse.</p><p>Reason: "
            + escape(reason)
            + "<br>Target: "
            + escape(link.target())
            + "</p><p>Visitors now get a page saying the link was disabled for abuse (HTTP 451)."
            + " The link can no longer be enabled or changed; you can delete it.</p>"
            + "<p>If you believe this is a mistake, reply to this email: a platform admin can"
            + " restore the link.</p>";
    mailer
        .send(new Email(to, "Your short link " + shortUrl + " was disabled for abuse", text, html))
        .whenComplete(
            (sent, error) -> {
              if (error != null) {
                log.warn("takedown email for {} not sent: {}", shortUrl, error.toString());
              }
            });
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
