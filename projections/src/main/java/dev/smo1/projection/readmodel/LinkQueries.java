package dev.smo1.projection.readmodel;

import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.LinkView;
import dev.smo1.link.OptionsJson;
import dev.smo1.link.RedirectType;
import dev.smo1.link.rules.Routing;
import dev.smo1.link.rules.RoutingJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Reads of the {@code links} read model for the owner's dashboard. Eventually consistent: a link
 * just created appears once the projection has applied its event. Pagination is by keyset on
 * (created_at, code), newest first, so a walk is stable while links are being created: new links
 * sort before the cursor and never shift the pages behind it. JDBC runs on the executor given.
 */
public final class LinkQueries implements LinkListing {

  /** How long a search ({@code q}) may run before it is cancelled. */
  public static final java.time.Duration SEARCH_TIMEOUT = java.time.Duration.ofSeconds(5);

  /** PostgreSQL's SQLSTATE for a statement cancelled (by a timeout or a cancel request). */
  static final String QUERY_CANCELED = "57014";

  /** A list or search cancelled by its statement timeout: the caller may retry or narrow it. */
  public static final class QueryTimeoutException extends RuntimeException {
    QueryTimeoutException(SQLException cause) {
      super("the query took too long and was cancelled", cause);
    }
  }

  private final DataSource dataSource;
  private final Executor blocking;
  private final Clock clock;

  public LinkQueries(DataSource dataSource, Executor blocking, Clock clock) {
    this.dataSource = dataSource;
    this.blocking = blocking;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Page> list(
      String owner, String domain, Filter filter, Optional<Cursor> after, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = dataSource.getConnection()) {
            return page(connection, owner, domain, filter, after, limit);
          } catch (SQLException e) {
            throw new CompletionException(
                QUERY_CANCELED.equals(e.getSQLState()) ? new QueryTimeoutException(e) : e);
          }
        },
        blocking);
  }

  /** Link events in the journal, up to a point, that the read model has not applied yet. */
  private static final String UNAPPLIED =
      """
      SELECT count(*) FROM event_tag t
      WHERE t.tag LIKE 'link-%' AND t.event_id <= ? AND t.event_id > COALESCE(
        (SELECT CAST(o.current_offset AS BIGINT) FROM pekko_projection_offset_store o
         WHERE o.projection_name = ? AND o.projection_key = t.tag), 0)
      """;

  private static final java.time.Duration SETTLE_POLL = java.time.Duration.ofMillis(50);

  /**
   * As {@link #countLive}, but first waits (up to {@code timeout}) until the read model has applied
   * every link event written before this call: a link created just before is counted. Fails with
   * {@link java.util.concurrent.TimeoutException} when the read model does not catch up in time.
   */
  public CompletionStage<Long> countLiveSettled(String owner, java.time.Duration timeout) {
    return settled(timeout).thenCompose(ignored -> countLive(owner));
  }

  /**
   * Completes once the read model has applied every link event written before this call (fails with
   * {@link java.util.concurrent.TimeoutException} after {@code timeout}): a walk of the read model
   * that starts then sees every link made or changed before.
   */
  public CompletionStage<Void> settled(java.time.Duration timeout) {
    return CompletableFuture.supplyAsync(this::journalEnd, blocking)
        .thenCompose(end -> settled(end, System.nanoTime() + timeout.toNanos()));
  }

  private long journalEnd() {
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement("SELECT COALESCE(max(ordering), 0) FROM event_journal");
        var result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  private CompletionStage<Void> settled(long end, long deadline) {
    return CompletableFuture.supplyAsync(() -> unapplied(end), blocking)
        .thenCompose(
            unapplied -> {
              if (unapplied == 0) {
                return CompletableFuture.completedFuture(null);
              }
              if (System.nanoTime() > deadline) {
                return CompletableFuture.failedFuture(
                    new java.util.concurrent.TimeoutException(
                        "the links read model is " + unapplied + " events behind"));
              }
              return CompletableFuture.supplyAsync(
                      () -> null,
                      CompletableFuture.delayedExecutor(
                          SETTLE_POLL.toMillis(),
                          java.util.concurrent.TimeUnit.MILLISECONDS,
                          blocking))
                  .thenCompose(ignored -> settled(end, deadline));
            });
  }

  private long unapplied(long end) {
    try (Connection connection = dataSource.getConnection();
        var statement = connection.prepareStatement(UNAPPLIED)) {
      statement.setLong(1, end);
      statement.setString(2, ReadModelProjection.NAME);
      try (var result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  /** Links an owner has that are not deleted (for quota checks). */
  public CompletionStage<Long> countLive(String owner) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = dataSource.getConnection();
              var statement =
                  connection.prepareStatement(
                      "SELECT count(*) FROM links WHERE owner = ? AND status <> 'deleted'")) {
            statement.setString(1, owner);
            try (var result = statement.executeQuery()) {
              result.next();
              return result.getLong(1);
            }
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }

  /**
   * Links {@code owner} created in {@code [from, to)} on any domain, deleted ones included (usage
   * of a plan whose monthly links are not counted by the workspace entity).
   */
  public CompletionStage<Long> countCreated(String owner, Instant from, Instant to) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = dataSource.getConnection();
              var statement =
                  connection.prepareStatement(
                      "SELECT count(*) FROM links WHERE owner = ? AND created_at >= ?"
                          + " AND created_at < ?")) {
            statement.setString(1, owner);
            statement.setTimestamp(2, java.sql.Timestamp.from(from));
            statement.setTimestamp(3, java.sql.Timestamp.from(to));
            try (var result = statement.executeQuery()) {
              result.next();
              return result.getLong(1);
            }
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }

  private Page page(
      Connection connection,
      String owner,
      String domain,
      Filter filter,
      Optional<Cursor> after,
      int limit)
      throws SQLException {
    Instant now = clock.instant();
    var sql =
        new StringBuilder(
            "SELECT domain, code, owner, target, redirect_type, expires_at, title, tags, forward_query, routing,"
                + " options, visits, status, created_at, updated_at FROM links WHERE owner = ? AND domain = ?");
    List<Object> parameters = new ArrayList<>(List.of(owner, domain));
    if (filter.status() == null) {
      sql.append(" AND status <> 'deleted'");
    } else {
      switch (filter.status()) {
        case ACTIVE -> {
          sql.append(
              " AND status = 'active' AND (expires_at IS NULL OR expires_at > ?)"
                  + " AND (max_visits IS NULL OR visits < max_visits)");
          parameters.add(Timestamp.from(now));
        }
        case EXPIRED -> {
          sql.append(" AND status = 'active' AND expires_at <= ?");
          parameters.add(Timestamp.from(now));
        }
        case EXHAUSTED -> {
          // expired wins over exhausted, as in a link's own status
          sql.append(
              " AND status = 'active' AND (expires_at IS NULL OR expires_at > ?)"
                  + " AND visits >= max_visits");
          parameters.add(Timestamp.from(now));
        }
        case DISABLED -> sql.append(" AND status = 'disabled'");
        case DELETED -> sql.append(" AND status = 'deleted'");
        case BLOCKED -> sql.append(" AND status = 'blocked'");
      }
    }
    if (filter.tag() != null) {
      sql.append(" AND tags @> ARRAY[?]::text[]");
      parameters.add(filter.tag());
    }
    if (filter.query() != null) {
      sql.append(" AND (code ILIKE ? OR target ILIKE ? OR title ILIKE ?)");
      String pattern = "%" + escapeLike(filter.query()) + "%";
      parameters.addAll(List.of(pattern, pattern, pattern));
    }
    if (after.isPresent()) {
      sql.append(" AND (created_at, code) < (?, ?)");
      parameters.add(Timestamp.from(after.get().createdAt()));
      parameters.add(after.get().code());
    }
    sql.append(" ORDER BY created_at DESC, code DESC LIMIT ?");
    parameters.add(limit + 1);
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      if (filter.query() != null) {
        // a substring search scans the owner's links: bounded well below the pool's own timeout
        statement.setQueryTimeout((int) SEARCH_TIMEOUT.toSeconds());
      }
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<LinkView> items = new ArrayList<>();
      List<Instant> createdAts = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          items.add(view(rows, now));
          createdAts.add(rows.getTimestamp("created_at").toInstant());
        }
      }
      Optional<String> next = Optional.empty();
      if (items.size() > limit) {
        items = items.subList(0, limit);
        LinkView last = items.get(limit - 1);
        next = Optional.of(new Cursor(createdAts.get(limit - 1), last.code()).encode());
      }
      return new Page(List.copyOf(items), next);
    }
  }

  /**
   * Up to {@code limit} links that can still send visitors somewhere (active or disabled: a
   * disabled link can be enabled again), after {@code after} ({@code <domain>/<code>}, empty for
   * the first page) in key order: for platform-wide walks such as the malicious-URL sweep.
   */
  public List<LinkView> liveLinksAfter(Optional<dev.smo1.link.LinkId> after, int limit)
      throws SQLException {
    String sql =
        "SELECT * FROM links WHERE status IN ('active', 'disabled')"
            + (after.isPresent() ? " AND (domain, code) > (?, ?)" : "")
            + " ORDER BY domain, code LIMIT ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (after.isPresent()) {
        statement.setString(index++, after.get().domain());
        statement.setString(index++, after.get().code());
      }
      statement.setInt(index, limit);
      Instant now = clock.instant();
      List<LinkView> links = new ArrayList<>(limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          links.add(view(rows, now));
        }
      }
      return links;
    }
  }

  private static LinkView view(ResultSet rows, Instant now) throws SQLException {
    Timestamp expires = rows.getTimestamp("expires_at");
    Instant expiresAt = expires == null ? null : expires.toInstant();
    Array tags = rows.getArray("tags");
    LinkStatus stored = LinkStatus.ofStored(rows.getString("status"));
    LinkOptions options = options(rows.getString("options"));
    long visits = rows.getLong("visits");
    LinkStatus status = stored;
    if (stored == LinkStatus.ACTIVE && expiresAt != null && !now.isBefore(expiresAt)) {
      status = LinkStatus.EXPIRED;
    } else if (stored == LinkStatus.ACTIVE
        && options.maxVisits() != null
        && visits >= options.maxVisits()) {
      status = LinkStatus.EXHAUSTED;
    }
    return new LinkView(
        rows.getString("domain"),
        rows.getString("code"),
        rows.getString("owner"),
        rows.getString("target"),
        RedirectType.fromStatus(rows.getShort("redirect_type")).orElseThrow(),
        expiresAt,
        rows.getString("title"),
        Arrays.asList((String[]) tags.getArray()),
        rows.getBoolean("forward_query"),
        routing(rows.getString("routing")),
        options,
        visits,
        status,
        rows.getTimestamp("created_at").toInstant(),
        rows.getTimestamp("updated_at").toInstant());
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static Routing routing(String json) throws SQLException {
    if (json == null) {
      return Routing.NONE;
    }
    try {
      return RoutingJson.read(JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("unreadable routing in the links read model", e);
    }
  }

  private static LinkOptions options(String json) throws SQLException {
    if (json == null) {
      return LinkOptions.NONE;
    }
    try {
      return OptionsJson.read(JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("unreadable options in the links read model", e);
    }
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
