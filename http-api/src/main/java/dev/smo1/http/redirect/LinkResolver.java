package dev.smo1.http.redirect;

import dev.smo1.link.LinkId;
import dev.smo1.link.Resolution;
import java.util.concurrent.CompletionStage;

/** Answers what a short code redirects to; never blocks. */
@FunctionalInterface
public interface LinkResolver {
  /** Where a visitor of {@code code} goes; counts nothing (caches may answer). */
  CompletionStage<Resolution> resolve(String code);

  /**
   * For a visitor (not a bot) of a link whose visits are counted ({@link
   * dev.smo1.link.LinkOptions#limited}): asks the link itself, which counts the visit. Resolvers
   * that front the link entities override it; by default, as {@link #resolve}.
   */
  default CompletionStage<Resolution> visit(String code) {
    return resolve(code);
  }

  /** Where a visitor of a link on any domain goes; by default, no link but the default domain's. */
  default CompletionStage<Resolution> resolve(LinkId id) {
    return java.util.concurrent.CompletableFuture.completedFuture(new Resolution.NotFound());
  }

  /** As {@link #visit(String)}, for a link on any domain. */
  default CompletionStage<Resolution> visit(LinkId id) {
    return resolve(id);
  }

  /** The links of one domain, by code. */
  default LinkResolver on(String domain) {
    LinkResolver all = this;
    return new LinkResolver() {
      @Override
      public CompletionStage<Resolution> resolve(String code) {
        return all.resolve(new LinkId(domain, code));
      }

      @Override
      public CompletionStage<Resolution> visit(String code) {
        return all.visit(new LinkId(domain, code));
      }
    };
  }
}
