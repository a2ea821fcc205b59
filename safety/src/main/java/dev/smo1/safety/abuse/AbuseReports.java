package dev.smo1.safety.abuse;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.PageCursor;
import dev.smo1.accounts.audit.AuditAction;
import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.link.LinkId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Abuse reports (decision 0034): anyone may report a short link (no login; the HTTP layer limits
 * them per client address); platform admins read the queue, oldest open report first, and resolve
 * each as actioned (the link was taken down) or dismissed. Every step is in the audit log.
 */
public final class AbuseReports {
  public static final int MAX_LIMIT = 100;

  /** Why a link is reported; wire names are stored. */
  public enum Reason {
    PHISHING,
    MALWARE,
    SPAM,
    ILLEGAL,
    OTHER;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Reason> of(String name) {
      for (Reason reason : values()) {
        if (reason.wireName().equals(name)) {
          return Optional.of(reason);
        }
      }
      return Optional.empty();
    }
  }

  /** Where a report is; wire names are stored. */
  public enum Status {
    OPEN,
    ACTIONED,
    DISMISSED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Status> of(String name) {
      for (Status status : values()) {
        if (status.wireName().equals(name)) {
          return Optional.of(status);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One report. {@code details}, {@code contact}, {@code resolvedAt}, {@code resolvedBy} may be
   * null.
   */
  public record Report(
      UUID id,
      Instant receivedAt,
      String shortUrl,
      LinkId link,
      Reason reason,
      String details,
      String contact,
      Status status,
      Instant resolvedAt,
      String resolvedBy) {}

  /** A page of the queue; {@code nextCursor} empty on the last. */
  public record Page(List<Report> items, Optional<String> nextCursor) {}

  private final Jdbc jdbc;
  private final AuditLog audit;
  private final Clock clock;

  public AbuseReports(Jdbc jdbc, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /** Stores a report (already validated by the caller) and its audit entry. */
  public CompletionStage<Report> receive(
      String shortUrl,
      LinkId link,
      Reason reason,
      String details,
      String contact,
      RequestOrigin origin) {
    var report =
        new Report(
            UUID.randomUUID(),
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            shortUrl,
            link,
            reason,
            details,
            contact,
            Status.OPEN,
            null,
            null);
    return jdbc.transaction(
        connection -> {
          try (var statement =
              connection.prepareStatement(
                  "INSERT INTO abuse_reports (id, received_at, short_url, domain, code, reason,"
                      + " details, contact, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')")) {
            statement.setObject(1, report.id());
            statement.setTimestamp(2, Timestamp.from(report.receivedAt()));
            statement.setString(3, shortUrl);
            statement.setString(4, link.domain());
            statement.setString(5, link.code());
            statement.setString(6, reason.wireName());
            statement.setString(7, details);
            statement.setString(8, contact);
            statement.executeUpdate();
          }
          var entry = new HashMap<String, String>();
          entry.put("report", report.id().toString());
          entry.put("reason", reason.wireName());
          audit.record(
              connection,
              report.receivedAt(),
              null,
              AuditLog.Actor.ANONYMOUS,
              AuditAction.ABUSE_REPORTED,
              link.domain() + "/" + link.code(),
              entry,
              origin);
          return report;
        });
  }

  /** Reports in {@code status} (every status when empty), oldest first. */
  public CompletionStage<Page> queue(Optional<Status> status, Optional<String> cursor, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
    var after = cursor.flatMap(AbuseReports::decode);
    return jdbc.transaction(
        connection -> {
          String sql =
              "SELECT * FROM abuse_reports WHERE TRUE"
                  + (status.isPresent() ? " AND status = ?" : "")
                  + (after.isPresent() ? " AND (received_at, id) > (?, ?)" : "")
                  + " ORDER BY received_at, id LIMIT ?";
          try (var statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (status.isPresent()) {
              statement.setString(index++, status.get().wireName());
            }
            if (after.isPresent()) {
              statement.setTimestamp(index++, Timestamp.from(after.get().receivedAt()));
              statement.setObject(index++, after.get().id());
            }
            statement.setInt(index, limit + 1);
            var items = new ArrayList<Report>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                items.add(report(rows));
              }
            }
            if (items.size() <= limit) {
              return new Page(List.copyOf(items), Optional.empty());
            }
            var last = items.get(limit - 1);
            return new Page(List.copyOf(items.subList(0, limit)), Optional.of(encode(last)));
          }
        });
  }

  /** Whether a cursor is one this queue issued (checked before any query). */
  public static boolean validCursor(String cursor) {
    return decode(cursor).isPresent();
  }

  /**
   * Resolves one open report; empty when there is no such report. A report resolved already is
   * answered as it is, unchanged.
   */
  public CompletionStage<Optional<Report>> resolve(
      UUID id, Status status, AuditLog.Actor admin, RequestOrigin origin) {
    if (status == Status.OPEN) {
      throw new IllegalArgumentException("a report is resolved as actioned or dismissed");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return jdbc.transaction(
        connection -> {
          try (var statement =
              connection.prepareStatement(
                  "UPDATE abuse_reports SET status = ?, resolved_at = ?, resolved_by = ?"
                      + " WHERE id = ? AND status = 'open'")) {
            statement.setString(1, status.wireName());
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setString(3, admin.id());
            statement.setObject(4, id);
            if (statement.executeUpdate() == 1) {
              var report = find(connection, id).orElseThrow();
              audit.record(
                  connection,
                  now,
                  null,
                  admin,
                  AuditAction.ABUSE_REPORT_RESOLVED,
                  report.link().domain() + "/" + report.link().code(),
                  java.util.Map.of("report", id.toString(), "status", status.wireName()),
                  origin);
              return Optional.of(report);
            }
          }
          return find(connection, id);
        });
  }

  private static Optional<Report> find(Connection connection, UUID id) throws SQLException {
    try (var statement = connection.prepareStatement("SELECT * FROM abuse_reports WHERE id = ?")) {
      statement.setObject(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(report(rows)) : Optional.empty();
      }
    }
  }

  private static Report report(ResultSet rows) throws SQLException {
    Timestamp resolved = rows.getTimestamp("resolved_at");
    return new Report(
        rows.getObject("id", UUID.class),
        rows.getTimestamp("received_at").toInstant(),
        rows.getString("short_url"),
        new LinkId(rows.getString("domain"), rows.getString("code")),
        Reason.of(rows.getString("reason")).orElseThrow(),
        rows.getString("details"),
        rows.getString("contact"),
        Status.of(rows.getString("status")).orElseThrow(),
        resolved == null ? null : resolved.toInstant(),
        rows.getString("resolved_by"));
  }

  private record Position(Instant receivedAt, UUID id) {}

  private static String encode(Report report) {
    return new PageCursor(report.receivedAt(), report.id().toString()).encode();
  }

  private static Optional<Position> decode(String cursor) {
    try {
      return PageCursor.decode(cursor)
          .map(position -> new Position(position.at(), UUID.fromString(position.id())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
