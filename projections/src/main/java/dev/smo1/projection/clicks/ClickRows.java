package dev.smo1.projection.clicks;

import static java.time.temporal.ChronoUnit.SECONDS;

import dev.smo1.projection.clicks.LinkOwners.LinkKey;
import dev.smo1.projection.clicks.analytics.SqlLiterals;
import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch of buffered clicks into ClickHouse rows, and finds those ClickHouse has already.
 */
final class ClickRows {
  private static final Logger log = LoggerFactory.getLogger(ClickRows.class);

  /** A link created a moment ago may not be in the read model yet: ask once more after this. */
  private static final long OWNER_RETRY_MILLIS = 1_000;

  private final LinkOwners owners;
  private final Supplier<UserAgents> userAgents;
  private final Clock clock;

  ClickRows(LinkOwners owners, Supplier<UserAgents> userAgents, Clock clock) {
    this.owners = owners;
    this.userAgents = userAgents;
    this.clock = clock;
  }

  List<ClickRow> of(List<Click> clicks) throws SQLException, InterruptedException {
    Set<LinkKey> links =
        clicks.stream()
            .map(click -> new LinkKey(click.domain(), click.code()))
            .collect(Collectors.toSet());
    Map<LinkKey, String> found = owners.owners(links);
    if (found.size() < links.size()) {
      Thread.sleep(OWNER_RETRY_MILLIS);
      found = owners.owners(links);
      if (found.size() < links.size()) {
        log.warn(
            "{} clicked links are not in the read model; their clicks are stored without owner",
            links.size() - found.size());
      }
    }
    UserAgents agents = userAgents.get();
    Instant now = clock.instant();
    Map<LinkKey, String> ownerOf = found;
    return clicks.stream()
        .map(
            click ->
                ClickRow.of(
                    click,
                    ownerOf.getOrDefault(new LinkKey(click.domain(), click.code()), ""),
                    agents.read(click.userAgent()),
                    now))
        .toList();
  }

  /**
   * The event ids among {@code rows} that ClickHouse holds already, looked up within the rows'
   * owners, links and time range (the table's sorting key), 1,000 ids per query.
   */
  Set<String> alreadyStored(ClickHouseAccess clickHouse, List<ClickRow> rows) throws Exception {
    Set<String> there = new HashSet<>();
    for (int from = 0; from < rows.size(); from += 1_000) {
      List<ClickRow> part = rows.subList(from, Math.min(rows.size(), from + 1_000));
      // ClickHouse keeps whole seconds: the range of the rows' seconds holds every one of them
      Instant first =
          part.stream()
              .map(row -> row.click().at())
              .min(Instant::compareTo)
              .get()
              .truncatedTo(SECONDS);
      Instant last =
          part.stream()
              .map(row -> row.click().at())
              .max(Instant::compareTo)
              .get()
              .truncatedTo(SECONDS);
      String sql =
          "SELECT event_id FROM "
              + ClickIngest.TABLE
              + " WHERE owner IN "
              + list(owners(part))
              + " AND code IN "
              + list(part.stream().map(row -> row.click().code()).collect(Collectors.toSet()))
              + " AND ts >= "
              + SqlLiterals.dateTime(first)
              + " AND ts <= "
              + SqlLiterals.dateTime(last)
              + " AND event_id IN "
              + list(part.stream().map(row -> row.click().id().toString()).toList())
              + " FORMAT TabSeparated";
      for (String line : clickHouse.text(sql).get(2, TimeUnit.MINUTES).split("\n")) {
        if (!line.isBlank()) {
          there.add(line.strip());
        }
      }
    }
    return there;
  }

  /** The rows' owners and the empty owner: a click first stored before its link was known. */
  private static Set<String> owners(List<ClickRow> rows) {
    Set<String> owners = rows.stream().map(ClickRow::owner).collect(Collectors.toSet());
    owners.add("");
    return owners;
  }

  /** A ClickHouse tuple of string literals ({@link SqlLiterals#string}). */
  static String list(Collection<String> values) {
    return values.stream().map(SqlLiterals::string).collect(Collectors.joining(", ", "(", ")"));
  }

  static byte[] jsonLines(List<ClickRow> rows) {
    var bytes = new ByteArrayOutputStream(rows.size() * 600);
    ClickRow.writeJsonLines(rows, bytes);
    return bytes.toByteArray();
  }
}
