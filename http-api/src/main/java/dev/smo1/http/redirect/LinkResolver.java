package dev.smo1.http.redirect;

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
}
