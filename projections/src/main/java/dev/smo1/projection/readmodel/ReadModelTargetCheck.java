package dev.smo1.projection.readmodel;

import dev.smo1.link.TargetUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Finds the links made before today's target rules (decision 0017) whose stored target those rules
 * refuse: every link of the {@code links} read model that is not deleted, a page at a time in
 * (domain, code) order on the blocking executor, through {@link TargetUrls#normalise} with the
 * node's short domains. One tab-separated line per refused target: {@code domain/code}, the error
 * code, {@code redirects} or {@code 502} (whether a redirect can still carry it, {@link
 * TargetUrls#location}), the reason, the stored target. Then a summary, which also counts the
 * targets redirects send normalised (stored with raw non-ASCII). Reads only; eventually consistent
 * like every read of the read model.
 */
public final class ReadModelTargetCheck implements TargetCheck {
  static final int PAGE = 1_000;

  private final DataSource dataSource;
  private final Executor blocking;
  private final Set<String> shortDomains;

  public ReadModelTargetCheck(DataSource dataSource, Executor blocking, Set<String> shortDomains) {
    this.dataSource = dataSource;
    this.blocking = blocking;
    this.shortDomains = Set.copyOf(shortDomains);
  }

  private record Stored(String domain, String code, String target) {}

  /** Where the next page starts: after this key, or nowhere once a page came back short. */
  private record After(String domain, String code, boolean last) {}

  /** What a run counted so far (the state of its one counting stage). */
  private static final class Tally {
    long checked;
    long refused;
    long unsendable;
    long normalised;

    String summary() {
      return "checked %d links: %d targets refused by today's rules, %d of them answer 502;"
              .formatted(checked, refused, unsendable)
          + " %d sent normalised%n".formatted(normalised);
    }
  }

  @Override
  public Source<String, NotUsed> run() {
    return Source.unfoldAsync(new After("", "", false), this::page)
        .statefulMap(
            Tally::new,
            (tally, page) -> Pair.create(tally, lines(page, tally)),
            tally -> Optional.of(List.of(tally.summary())))
        .mapConcat(lines -> lines);
  }

  private CompletableFuture<Optional<Pair<After, List<Stored>>>> page(After after) {
    if (after.last()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = dataSource.getConnection();
              var statement =
                  connection.prepareStatement(
                      "SELECT domain, code, target FROM links WHERE status <> 'deleted'"
                          + " AND (domain, code) > (?, ?) ORDER BY domain, code LIMIT ?")) {
            statement.setString(1, after.domain());
            statement.setString(2, after.code());
            statement.setInt(3, PAGE);
            List<Stored> page = new ArrayList<>(PAGE);
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                page.add(
                    new Stored(
                        rows.getString("domain"),
                        rows.getString("code"),
                        rows.getString("target")));
              }
            }
            if (page.isEmpty()) {
              return Optional.empty();
            }
            Stored last = page.getLast();
            return Optional.of(
                Pair.create(new After(last.domain(), last.code(), page.size() < PAGE), page));
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }

  private List<String> lines(List<Stored> page, Tally tally) {
    List<String> lines = new ArrayList<>();
    for (Stored link : page) {
      tally.checked++;
      var sent = TargetUrls.location(link.target());
      boolean sendable = sent instanceof TargetUrls.Outgoing.Sendable;
      if (sent instanceof TargetUrls.Outgoing.Sendable sendableTarget
          && !sendableTarget.location().equals(link.target())) {
        tally.normalised++;
      }
      if (TargetUrls.normalise(link.target(), shortDomains)
          instanceof TargetUrls.Result.Invalid invalid) {
        tally.refused++;
        if (!sendable) {
          tally.unsendable++;
        }
        lines.add(
            String.join(
                    "\t",
                    link.domain() + "/" + link.code(),
                    invalid.violation().code().wireName(),
                    sendable ? "redirects" : "502",
                    invalid.violation().message(),
                    link.target())
                + "\n");
      }
    }
    return lines;
  }
}
