package dev.smo1.safety.screening;

import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkView;
import dev.smo1.link.rules.Routing;
import dev.smo1.projection.readmodel.LinkQueries;
import dev.smo1.safety.abuse.Takedowns;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screens every live link (active or disabled) against the lists as last read, and takes down each
 * one a list has: run after a refresh changed a list. Walks the read model in key order, a page at
 * a time; a link that cannot be blocked now is left for the next sweep (logged).
 */
public final class ScreeningSweep {
  private static final Logger log = LoggerFactory.getLogger(ScreeningSweep.class);
  private static final int PAGE = 500;
  private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

  private final Screener screener;
  private final LinkQueries queries;
  private final Takedowns takedowns;

  public ScreeningSweep(Screener screener, LinkQueries queries, Takedowns takedowns) {
    this.screener = screener;
    this.queries = queries;
    this.takedowns = takedowns;
  }

  /** What a sweep did. */
  public record Swept(long screened, List<LinkId> blocked, long failed) {}

  /**
   * Walks every live link (blocking: run it on a blocking executor), once the read model has every
   * link made or changed before the call: a link created a moment before the list changed was
   * screened against the old list, and must be in this walk.
   */
  public Swept run() throws SQLException {
    try {
      queries.settled(SETTLE_TIMEOUT).toCompletableFuture().get();
    } catch (ExecutionException e) {
      // walk what the read model has; the next change of a list walks again
      log.warn("the links read model is behind; sweeping what it has: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    }
    long screened = 0;
    long failed = 0;
    var blocked = new ArrayList<LinkId>();
    Optional<LinkId> after = Optional.empty();
    while (true) {
      List<LinkView> page = queries.liveLinksAfter(after, PAGE);
      for (LinkView link : page) {
        screened++;
        var id = new LinkId(link.domain(), link.code());
        for (String url : targets(link)) {
          var list = screener.listing(url);
          if (list.isPresent()) {
            if (block(id, url, list.get())) {
              blocked.add(id);
            } else {
              failed++;
            }
            break;
          }
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      var last = page.getLast();
      after = Optional.of(new LinkId(last.domain(), last.code()));
    }
    if (!blocked.isEmpty() || failed > 0) {
      log.info("screening sweep: {} links, {} taken down, {} failed", screened, blocked, failed);
    }
    return new Swept(screened, List.copyOf(blocked), failed);
  }

  private boolean block(LinkId id, String url, String list) {
    try {
      takedowns
          .block(
              id,
              "listed as malicious by " + list + ": " + url,
              "screening:" + list,
              new AuditLog.Actor("screening", list),
              RequestOrigin.UNKNOWN)
          .toCompletableFuture()
          .get(BLOCK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      log.warn("{} is listed by {} but could not be taken down now: {}", id, list, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Every URL the link can send a visitor to: target, rules, variants, fallback. */
  static List<String> targets(LinkView link) {
    var urls = new ArrayList<String>();
    urls.add(link.target());
    for (Routing.Rule rule : link.routing().rules()) {
      urls.add(rule.target());
    }
    for (Routing.Variant variant : link.routing().variants()) {
      urls.add(variant.target());
    }
    if (link.options().expiredUrl() != null) {
      urls.add(link.options().expiredUrl());
    }
    return urls;
  }
}
