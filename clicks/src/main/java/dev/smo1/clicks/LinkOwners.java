package dev.smo1.clicks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The owner of each clicked link, from the links read model. A link's owner never changes, so
 * answers are kept (a bounded, least-recently-used map); a link the read model does not show yet
 * (created a moment ago) is asked for again next time.
 */
public final class LinkOwners {
  /** A link's key: its domain and short code. */
  public record LinkKey(String domain, String code) {}

  private static final String OWNERS =
      "SELECT domain, code, owner FROM links WHERE domain = ANY (?) AND code = ANY (?)";

  private final DataSource dataSource;
  private final Map<LinkKey, String> known;

  public LinkOwners(DataSource dataSource, int capacity) {
    this.dataSource = dataSource;
    this.known =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<LinkKey, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The owners of those links the read model knows; the others are absent from the answer. */
  public synchronized Map<LinkKey, String> owners(Collection<LinkKey> links) throws SQLException {
    Map<LinkKey, String> found = new HashMap<>();
    Set<LinkKey> missing =
        links.stream()
            .filter(
                link -> {
                  String owner = known.get(link);
                  if (owner != null) {
                    found.put(link, owner);
                  }
                  return owner == null;
                })
            .collect(Collectors.toSet());
    if (missing.isEmpty()) {
      return found;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(OWNERS)) {
      query.setArray(
          1,
          connection.createArrayOf(
              "varchar", missing.stream().map(LinkKey::domain).distinct().toArray()));
      query.setArray(
          2,
          connection.createArrayOf(
              "varchar", missing.stream().map(LinkKey::code).distinct().toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          var link = new LinkKey(rows.getString(1), rows.getString(2));
          if (missing.contains(link)) {
            known.put(link, rows.getString(3));
            found.put(link, rows.getString(3));
          }
        }
      }
    }
    return found;
  }
}
