package dev.smo1.safety.screening;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a malicious-URL list is written. Both formats are plain text, a line per entry, with blank
 * lines and lines starting with {@code #} ignored.
 */
public enum ListFormat {
  /**
   * A URL per line: URLhaus' plain-text export ({@code urlhaus.abuse.ch/downloads/text/}) and
   * OpenPhish's feed ({@code feed.txt}). An entry covers that URL over http and https; an entry
   * ending in {@code /} covers everything below it.
   */
  URLS,
  /**
   * A host per line, or hosts-file lines ({@code 0.0.0.0 host}, {@code 127.0.0.1 host}) as URLhaus'
   * host file is: an entry covers the host and its subdomains.
   */
  HOSTS;

  public static ListFormat of(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT));
  }

  /** The entries of a list's text, as {@link Entries} keeps them. */
  Entries parse(String text) {
    Set<String> hosts = new HashSet<>();
    Set<String> urls = new HashSet<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      switch (this) {
        case URLS -> UrlKey.of(line).ifPresent(key -> urls.add(key.key()));
        case HOSTS -> {
          String[] fields = line.split("\\s+");
          String host = fields.length > 1 ? fields[1] : fields[0];
          String normalised = UrlKey.host(host);
          if (!normalised.isEmpty() && !normalised.equals("localhost")) {
            hosts.add(normalised);
          }
        }
      }
    }
    return new Entries(Set.copyOf(hosts), Set.copyOf(urls));
  }

  /** A list's entries: hosts (covering their subdomains) and URL keys ({@link UrlKey#key}). */
  record Entries(Set<String> hosts, Set<String> urls) {
    static final Entries NONE = new Entries(Set.of(), Set.of());

    /** Entries given as hosts or URLs alike, as the operator's deny and allow lists are. */
    static Entries mixed(Iterable<String> entries) {
      Set<String> hosts = new HashSet<>();
      Set<String> urls = new HashSet<>();
      for (String entry : entries) {
        String value = entry.strip();
        if (value.isEmpty()) {
          continue;
        }
        if (value.contains("/") || value.contains("?")) {
          UrlKey.of(value).ifPresent(key -> urls.add(key.key()));
        } else {
          hosts.add(UrlKey.host(value));
        }
      }
      return new Entries(Set.copyOf(hosts), Set.copyOf(urls));
    }

    boolean covers(UrlKey url) {
      return url.hosts().stream().anyMatch(hosts::contains)
          || url.candidates().stream().anyMatch(urls::contains);
    }

    int size() {
      return hosts.size() + urls.size();
    }
  }
}
