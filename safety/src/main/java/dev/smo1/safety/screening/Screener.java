package dev.smo1.safety.screening;

import dev.smo1.link.TargetScreen;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's malicious-URL screening (decision 0034): the lists as last read, the operator's deny
 * and allow lists, and Safe Browsing when configured. Creates and updates ask {@link #screen};
 * {@link ScreeningSweep} asks {@link #listing} about every live link after a {@link #refresh} that
 * changed a list.
 *
 * <p>Order: the allowlist first (the operator's word on a false positive), then the denylist, then
 * each list, then Safe Browsing. A list not read successfully within {@code max-staleness} (or not
 * yet) makes {@link #screen} answer {@link TargetScreen.Verdict.Unavailable}: new targets are never
 * let through unscreened. Redirects never ask: existing links keep working while lists fail.
 */
public final class Screener implements TargetScreen {
  private static final Logger log = LoggerFactory.getLogger(Screener.class);

  /** The name the operator's denylist is given in refusals and audit entries. */
  public static final String DENYLIST = "denylist";

  private final ScreeningSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final Optional<SafeBrowsing> safeBrowsing;
  private final ListFormat.Entries deny;
  private final ListFormat.Entries allow;

  /** Each list as last read successfully, and when; absent until its first good read. */
  private volatile Map<String, Read> lists = Map.of();

  private record Read(ListFormat.Entries entries, Instant at) {}

  public Screener(
      ScreeningSettings settings,
      HttpClient http,
      Clock clock,
      Optional<SafeBrowsing> safeBrowsing) {
    this.settings = settings;
    this.http = http;
    this.clock = clock;
    this.safeBrowsing = safeBrowsing;
    this.deny = ListFormat.Entries.mixed(settings.deny());
    this.allow = ListFormat.Entries.mixed(settings.allow());
  }

  /** What a refresh did: the lists whose entries changed, and those that could not be read. */
  public record Refreshed(List<String> changed, Map<String, String> failed) {}

  /**
   * Reads every list again (blocking: call it on a blocking executor). A list that cannot be read
   * keeps its last good entries until {@code max-staleness} has passed since they were read.
   */
  public synchronized Refreshed refresh() {
    var next = new LinkedHashMap<>(lists);
    var changed = new ArrayList<String>();
    var failed = new LinkedHashMap<String, String>();
    for (var source : settings.lists()) {
      try {
        var entries = source.format().parse(read(source));
        var previous = lists.get(source.name());
        if (previous == null || !previous.entries().equals(entries)) {
          changed.add(source.name());
          log.info("screening list '{}' read: {} entries", source.name(), entries.size());
        }
        next.put(source.name(), new Read(entries, clock.instant()));
      } catch (IOException | RuntimeException e) {
        failed.put(source.name(), String.valueOf(e.getMessage()));
        log.warn("screening list '{}' could not be read: {}", source.name(), e.toString());
      }
    }
    lists = Map.copyOf(next);
    return new Refreshed(List.copyOf(changed), Map.copyOf(failed));
  }

  private String read(ScreeningSettings.ListSource source) throws IOException {
    byte[] bytes;
    if (source.remote()) {
      var request =
          HttpRequest.newBuilder(URI.create(source.source()))
              .timeout(settings.readTimeout())
              .GET()
              .build();
      try {
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
          if (response.statusCode() != 200) {
            throw new IOException("answered " + response.statusCode());
          }
          bytes = limited(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    } else {
      try (InputStream in = Files.newInputStream(Path.of(source.source()))) {
        bytes = limited(in);
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private byte[] limited(InputStream in) throws IOException {
    byte[] bytes =
        in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxListBytes() + 1));
    if (bytes.length > settings.maxListBytes()) {
      throw new IOException("larger than " + settings.maxListBytes() + " bytes");
    }
    return bytes;
  }

  /**
   * Why screening cannot answer now: the first list not read within {@code max-staleness}; empty
   * when every list is fresh enough.
   */
  public Optional<String> unavailable() {
    Instant oldest = clock.instant().minus(settings.maxStaleness());
    var current = lists;
    for (var source : settings.lists()) {
      var read = current.get(source.name());
      if (read == null) {
        return Optional.of("list '" + source.name() + "' has not been read");
      }
      if (read.at().isBefore(oldest)) {
        return Optional.of("list '" + source.name() + "' has not been read since " + read.at());
      }
    }
    return Optional.empty();
  }

  /**
   * The list (or {@value #DENYLIST}) that has {@code url}, from the lists as last read: empty when
   * none does, or the operator allows it. Safe Browsing is not asked.
   */
  public Optional<String> listing(String url) {
    var key = UrlKey.of(url);
    if (key.isEmpty() || allow.covers(key.get())) {
      return Optional.empty();
    }
    if (deny.covers(key.get())) {
      return Optional.of(DENYLIST);
    }
    for (var source : settings.lists()) {
      var read = lists.get(source.name());
      if (read != null && read.entries().covers(key.get())) {
        return Optional.of(source.name());
      }
    }
    return Optional.empty();
  }

  @Override
  public CompletionStage<Verdict> screen(List<Target> targets) {
    for (Target target : targets) {
      var listed = listing(target.url());
      if (listed.isPresent()) {
        return CompletableFuture.completedFuture(new Verdict.Listed(target, listed.get()));
      }
    }
    var unavailable = unavailable();
    if (unavailable.isPresent()) {
      return CompletableFuture.completedFuture(new Verdict.Unavailable(unavailable.get()));
    }
    if (safeBrowsing.isEmpty()) {
      return CompletableFuture.completedFuture(new Verdict.Clear());
    }
    var asked =
        targets.stream()
            .filter(target -> UrlKey.of(target.url()).map(key -> !allow.covers(key)).orElse(false))
            .toList();
    return safeBrowsing
        .get()
        .lookup(asked.stream().map(Target::url).toList())
        .<Verdict>thenApply(
            match ->
                match
                    .<Verdict>map(
                        found ->
                            new Verdict.Listed(
                                asked.stream()
                                    .filter(target -> target.url().equals(found.url()))
                                    .findFirst()
                                    .orElse(asked.getFirst()),
                                "safe-browsing (" + found.threatType() + ")"))
                    .orElseGet(Verdict.Clear::new))
        .exceptionally(
            failed -> {
              log.warn("Safe Browsing lookup failed: {}", failed.toString());
              return new Verdict.Unavailable("Safe Browsing did not answer");
            });
  }
}
