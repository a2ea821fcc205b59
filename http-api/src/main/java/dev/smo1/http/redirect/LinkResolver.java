package dev.smo1.http.redirect;

import dev.smo1.link.Resolution;
import java.util.concurrent.CompletionStage;

/** Answers what a short code redirects to; never blocks. */
@FunctionalInterface
public interface LinkResolver {
  CompletionStage<Resolution> resolve(String code);
}
