package dev.smo1.node.wiring;

import dev.smo1.link.LinkId;
import dev.smo1.link.LinkReply;
import dev.smo1.link.Links;
import dev.smo1.projection.readmodel.LinkListing;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A custom domain removed disables its links (decision 0028): each one's entity disables it, so the
 * read model, the caches and Workers KV follow as they follow any change, and the edge answers 410
 * as the origin already does for the removed domain. Page by page from the read model, a page's
 * links at once; never reassigned, never deleted (the workspace still sees them).
 */
final class RemovedDomainLinks {
  private static final Logger log = LoggerFactory.getLogger(RemovedDomainLinks.class);
  private static final int PAGE = 100;

  private final LinkListing queries;
  private final Links links;

  RemovedDomainLinks(LinkListing queries, Links links) {
    this.queries = queries;
    this.links = links;
  }

  /** Disables the workspace's links on the domain; completes with how many were disabled. */
  CompletionStage<Integer> disableAll(String workspace, String domain) {
    var disabled = new AtomicInteger();
    return page(workspace, domain, Optional.empty(), disabled)
        .whenComplete(
            (done, error) -> {
              if (error != null) {
                log.error(
                    "custom domain {} of workspace {} removed, and disabling its links failed"
                        + " after {} (the origin answers 410 for them all the same)",
                    domain,
                    workspace,
                    disabled.get(),
                    error);
              } else if (disabled.get() > 0) {
                log.info(
                    "custom domain {} of workspace {} removed: {} of its links disabled (or were"
                        + " already)",
                    domain,
                    workspace,
                    disabled.get());
              }
            })
        .thenApply(done -> disabled.get());
  }

  private CompletionStage<Void> page(
      String workspace, String domain, Optional<LinkListing.Cursor> after, AtomicInteger disabled) {
    return queries
        .list(workspace, domain, new LinkListing.Filter(null, null, null), after, PAGE)
        .thenCompose(
            page -> {
              List<CompletableFuture<LinkReply>> asked =
                  // every link, whatever the read model says of it: it may trail the entity
                  // (a link enabled a moment ago still listed disabled), and disabling a disabled
                  // link changes nothing
                  page.items().stream()
                      .map(
                          link ->
                              links
                                  .disable(workspace, new LinkId(domain, link.code()))
                                  .whenComplete(
                                      (reply, error) -> {
                                        if (reply instanceof LinkReply.Ok) {
                                          disabled.incrementAndGet();
                                        }
                                      })
                                  .toCompletableFuture())
                      .toList();
              return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
                  .thenCompose(
                      done ->
                          page.nextCursor().isEmpty()
                              ? CompletableFuture.<Void>completedFuture(null)
                              : page(
                                  workspace,
                                  domain,
                                  page.nextCursor().flatMap(LinkListing.Cursor::decode),
                                  disabled));
            });
  }
}
