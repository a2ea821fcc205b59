package dev.smo1.clicks;

import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.pekko.serialization.Serialization;

/**
 * The owner of each clicked link, from the link's first event in the journal ({@code LinkCreated}
 * names the owner). The journal, not the links read model: the read model lags the journal and is
 * rebuilt at times, while a link's first event is committed before any redirect of the link can
 * happen (its entity answers a redirect only once it has it; Redis and Workers KV are projections
 * of it), so every click of a link finds its owner there, however far behind the read model is. A
 * link whose first event is not in the journal has never existed: its clicks are stored under
 * {@link #NO_LINK} (see decision 0020).
 *
 * <p>A link's owner never changes, so answers are kept (a bounded, least-recently-used map). "No
 * link" answers are not kept: such a code may be created later, and its clicks from then on are its
 * owner's. One primary-key lookup per link not kept; no entity is started.
 */
public final class LinkOwners {
  /** A link's key: its domain and short code. */
  public record LinkKey(String domain, String code) {}

  /**
   * The owner of clicks whose code no link has ever had (no first event in the journal). Never a
   * workspace id (those are slugs: lowercase letters, digits and hyphens), so analysts find such
   * clicks by it and no account's analytics counts them.
   */
  public static final String NO_LINK = "(no link)";

  /** Persistence ids of links are {@code Link|domain/code}. */
  private static final String PREFIX = LinkEntity.TYPE_KEY.name() + "|";

  private static final String FIRST_EVENTS =
      "SELECT persistence_id, event_ser_id, event_ser_manifest, event_payload FROM event_journal"
          + " WHERE persistence_id = ANY (?) AND sequence_number = 1";

  private final DataSource dataSource;
  private final Serialization serialization;
  private final Map<LinkKey, String> known;

  /**
   * @param serialization decodes the journal's events (the actor system's, which binds them to
   *     Jackson CBOR as the entities wrote them)
   */
  public LinkOwners(DataSource dataSource, Serialization serialization, int capacity) {
    this.dataSource = dataSource;
    this.serialization = serialization;
    this.known =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<LinkKey, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The owners of those links that exist; a link absent from the answer has never been created.
   * Fails (to be asked again) when the journal cannot be read.
   */
  public synchronized Map<LinkKey, String> owners(Collection<LinkKey> links) throws SQLException {
    Map<LinkKey, String> found = new HashMap<>();
    Map<String, LinkKey> missing = new HashMap<>();
    for (LinkKey link : links) {
      String owner = known.get(link);
      if (owner != null) {
        found.put(link, owner);
      } else {
        // built by hand, not through LinkId: a click's domain or code is whatever the edge sent,
        // and one that cannot be a link's must find nothing, not fail the batch
        missing.put(PREFIX + link.domain() + "/" + link.code(), link);
      }
    }
    if (missing.isEmpty()) {
      return found;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(FIRST_EVENTS)) {
      query.setArray(1, connection.createArrayOf("varchar", missing.keySet().toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          LinkKey link = missing.get(rows.getString(1));
          String owner = ownerIn(rows.getBytes(4), rows.getInt(2), rows.getString(3));
          known.put(link, owner);
          found.put(link, owner);
        }
      }
    }
    return found;
  }

  private String ownerIn(byte[] payload, int serializerId, String manifest) {
    Object event = serialization.deserialize(payload, serializerId, manifest).get();
    if (event instanceof LinkEvent.LinkCreated created) {
      return created.owner();
    }
    throw new IllegalStateException(
        "a link's first event is not LinkCreated but " + event.getClass().getName());
  }
}
