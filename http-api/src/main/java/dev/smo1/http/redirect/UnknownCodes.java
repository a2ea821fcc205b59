package dev.smo1.http.redirect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * What the redirect path answers for a code that does not exist: its 404, or (rate limits) a 429
 * for a client that asked for too many unknown codes.
 */
@FunctionalInterface
public interface UnknownCodes {
  UnknownCodes NONE = (request, notFound) -> CompletableFuture.completedFuture(notFound);

  CompletionStage<HttpResponse> answer(HttpRequest request, HttpResponse notFound);
}
