package dev.smo1.clicks;

import static java.time.temporal.ChronoUnit.SECONDS;

import dev.smo1.clicks.LinkOwners.LinkKey;
import dev.smo1.clicks.analytics.SqlLiterals;
import java.io.ByteArrayOutputStream;
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

/**
 * Turns a batch of buffered clicks into ClickHouse rows, and finds those ClickHouse has already.
 */
final class ClickRows {
  private final Supplier<UserAgents> userAgents;
  private final Clock clock;

  ClickRows(Supplier<UserAgents> userAgents, Clock clock) {
    this.userAgents = userAgents;
    this.clock = clock;
  }

  /** The links the clicks went to. */
  static Set<LinkKey> linksOf(List<Click> clicks) {
    return clicks.stream()
        .map(click -> new LinkKey(click.domain(), click.code()))
        .collect(Collectors.toSet());
  }

  /** The rows of the clicks, with their links' owners ({@link LinkOwners#NO_LINK} for none). */
  List<ClickRow> of(List<Click> clicks, Map<LinkKey, String> ownerOf) {
    UserAgents agents = userAgents.get();
    Instant now = clock.instant();
    return clicks.stream()
        .map(
            click ->
                ClickRow.of(
                    click,
                    ownerOf.getOrDefault(
                        new LinkKey(click.domain(), click.code()), LinkOwners.NO_LINK),
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
              + ClickBatchStore.TABLE
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

  /**
   * The rows' owners and those a click delivered before may have been stored under: the empty owner
   * (where nodes before decision 0020 stored a click whose link the read model did not show yet)
   * and "no link" (a code created after its click was first stored).
   */
  private static Set<String> owners(List<ClickRow> rows) {
    Set<String> owners = rows.stream().map(ClickRow::owner).collect(Collectors.toSet());
    owners.addAll(EARLIER_OWNERS);
    return owners;
  }

  /** Owners a click may have been stored under other than its link's (see {@link #owners}). */
  static final Set<String> EARLIER_OWNERS = Set.of("", LinkOwners.NO_LINK);

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
