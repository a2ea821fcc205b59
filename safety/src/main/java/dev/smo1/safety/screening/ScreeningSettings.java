package dev.smo1.safety.screening;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code smo1.screening} settings (see {@code safety.conf}).
 *
 * @param lists the malicious-URL lists to read
 * @param deny the operator's denylist: hosts and URLs refused and taken down like a list's
 * @param allow the operator's allowlist: hosts and URLs no list or lookup refuses
 * @param refreshEvery how often the lists are read again
 * @param maxStaleness how long a list may go unread before screening refuses new targets
 * @param readTimeout the limit on one read of one list
 * @param maxListBytes the largest list accepted
 * @param safeBrowsing the Safe Browsing Lookup API, when a key is configured
 */
public record ScreeningSettings(
    List<ListSource> lists,
    List<String> deny,
    List<String> allow,
    Duration refreshEvery,
    Duration maxStaleness,
    Duration readTimeout,
    long maxListBytes,
    Optional<SafeBrowsingSettings> safeBrowsing) {

  /** One list: its name (shown in refusals and audit entries), format and where it is read. */
  public record ListSource(String name, ListFormat format, String source) {
    /** Whether the source is fetched over HTTP rather than read from a file. */
    boolean remote() {
      return source.startsWith("http://") || source.startsWith("https://");
    }
  }

  /** The Lookup API's base URL (Google's, or a stand-in), the API key and the answer's deadline. */
  public record SafeBrowsingSettings(URI url, String apiKey, Duration timeout) {}

  public ScreeningSettings {
    lists = List.copyOf(lists);
    deny = List.copyOf(deny);
    allow = List.copyOf(allow);
  }

  public static ScreeningSettings from(Config config) {
    var screening = config.getConfig("smo1.screening");
    var safeBrowsing = screening.getConfig("safe-browsing");
    String key = safeBrowsing.getString("api-key").strip();
    return new ScreeningSettings(
        lists(screening.getString("lists")),
        words(screening.getString("deny")),
        words(screening.getString("allow")),
        screening.getDuration("refresh-every"),
        screening.getDuration("max-staleness"),
        screening.getDuration("read-timeout"),
        screening.getBytes("max-list-bytes"),
        key.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new SafeBrowsingSettings(
                    URI.create(safeBrowsing.getString("url")),
                    key,
                    safeBrowsing.getDuration("timeout"))));
  }

  /** {@code name=format:source} entries; a malformed one fails the start, naming it. */
  static List<ListSource> lists(String value) {
    var lists = new ArrayList<ListSource>();
    for (String entry : words(value)) {
      int equals = entry.indexOf('=');
      int colon = entry.indexOf(':', equals + 1);
      if (equals <= 0 || colon < 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(
            "smo1.screening.lists: '" + entry + "' is not name=format:source");
      }
      String name = entry.substring(0, equals);
      if (!name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
        throw new IllegalArgumentException(
            "smo1.screening.lists: list name '" + name + "' must be 1-32 of a-z, 0-9, '_', '-'");
      }
      ListFormat format;
      try {
        format = ListFormat.of(entry.substring(equals + 1, colon));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "smo1.screening.lists: format of '" + name + "' must be urls or hosts", e);
      }
      lists.add(new ListSource(name, format, entry.substring(colon + 1)));
    }
    if (lists.stream().map(ListSource::name).distinct().count() != lists.size()) {
      throw new IllegalArgumentException("smo1.screening.lists: list names must be distinct");
    }
    return lists;
  }

  private static List<String> words(String value) {
    return Arrays.stream(value.split("[,\\s]+")).filter(word -> !word.isEmpty()).toList();
  }
}
