package dev.smo1.http.admin;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.Caller;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.projection.readmodel.TargetCheck;
import dev.smo1.projection.rebuild.Rebuild;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * {@code /api/v1/admin}: operations for platform admins (users named in {@code SMO1_ADMIN_EMAILS},
 * and keys such a user created with {@code workspace:admin}).
 *
 * <p>{@code POST /api/v1/admin/rebuild} rebuilds the read model and the Redis cache from the
 * journal and streams one progress line a second (plain text, chunked) until it is done.
 *
 * <p>{@code GET /api/v1/admin/refused-targets} streams the links whose stored target today's target
 * rules refuse, one line each, then a summary (plain text, chunked; decision 0017).
 */
public final class AdminRoutes {
  private final Rebuild rebuild;
  private final TargetCheck targetCheck;

  public AdminRoutes(Rebuild rebuild, TargetCheck targetCheck) {
    this.rebuild = rebuild;
    this.targetCheck = targetCheck;
  }

  public Route routes(Caller caller) {
    return pathPrefix(
        "admin",
        () -> {
          Authenticator.requirePlatformAdmin(caller);
          return concat(
              path(
                  "rebuild",
                  () -> endpoint(Endpoint.REBUILD_PROJECTIONS, () -> lines(rebuild.run()))),
              path(
                  "refused-targets",
                  () -> endpoint(Endpoint.LIST_REFUSED_TARGETS, () -> lines(targetCheck.run()))));
        });
  }

  /** A plain-text answer streamed a line at a time as {@code lines} emits them. */
  private static Route lines(Source<String, NotUsed> lines) {
    return complete(
        HttpResponse.create()
            .withEntity(
                HttpEntities.createChunked(
                    ContentTypes.TEXT_PLAIN_UTF8, lines.map(ByteString::fromString))));
  }
}
