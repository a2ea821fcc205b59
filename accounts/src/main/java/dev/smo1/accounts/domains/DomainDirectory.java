package dev.smo1.accounts.domains;

import dev.smo1.accounts.Jdbc;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The custom domains that hold links, in memory, for the redirect path: every domain ever verified
 * (removed ones too: their links answer 410), with its workspace and settings. Read from the table
 * in full by {@link #refresh} (a node runs it every few seconds and after its own changes), so a
 * change made on another node is seen within that period; a lookup never touches the database.
 */
public final class DomainDirectory {
  private static final Logger log = LoggerFactory.getLogger(DomainDirectory.class);

  /**
   * A domain ever verified: its workspace, whether its links answer now ({@code active}: not
   * removed, and not added again and pending), its settings.
   */
  public record Entry(
      String domain, String workspaceId, boolean active, DomainView.Settings settings) {}

  private final Jdbc jdbc;
  private volatile Map<String, Entry> domains = Map.of();
  private volatile boolean loaded;
  private final java.util.concurrent.atomic.AtomicLong started =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong published =
      new java.util.concurrent.atomic.AtomicLong();

  public DomainDirectory(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether the table was read once: until then, every lookup finds nothing. */
  public boolean loaded() {
    return loaded;
  }

  /** The domain named {@code host} (any case, no port), if it holds links. */
  public Optional<Entry> find(String host) {
    Map<String, Entry> now = domains;
    if (now.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(now.get(host.toLowerCase(Locale.ROOT)));
  }

  /** Reads the table again; completes once lookups see it. */
  public CompletionStage<Integer> refresh() {
    // reads may finish out of order: only one started after the published one may replace it
    long generation = started.incrementAndGet();
    return jdbc.transaction(
            connection -> {
              Map<String, Entry> read = new HashMap<>();
              try (var select =
                      connection.prepareStatement(
                          "SELECT domain, workspace_id, removed_at IS NULL AND status <> 'pending',"
                              + " root_url,"
                              + " not_found_url, expired_url FROM custom_domains d"
                              + " WHERE verified_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
                              + " workspaces w WHERE w.id = d.workspace_id"
                              + " AND w.deleted_at IS NOT NULL)");
                  var rows = select.executeQuery()) {
                while (rows.next()) {
                  var entry =
                      new Entry(
                          rows.getString(1),
                          rows.getString(2),
                          rows.getBoolean(3),
                          new DomainView.Settings(
                              rows.getString(4), rows.getString(5), rows.getString(6)));
                  read.put(entry.domain(), entry);
                }
              }
              return Map.copyOf(read);
            })
        .thenApply(
            found -> {
              synchronized (this) {
                if (generation > published.get()) {
                  published.set(generation);
                  domains = found;
                  loaded = true;
                }
              }
              return found.size();
            })
        .whenComplete(
            (count, error) -> {
              if (error != null) {
                log.warn(
                    "reading the custom domains failed; the last read stays: {}", error.toString());
              }
            });
  }
}
