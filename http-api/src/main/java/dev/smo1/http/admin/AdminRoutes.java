package dev.smo1.http.admin;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.Caller;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.projection.rebuild.Rebuild;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/**
 * {@code /api/v1/admin}: operations for platform admins (users named in {@code SMO1_ADMIN_EMAILS},
 * and keys such a user created with {@code workspace:admin}).
 *
 * <p>{@code POST /api/v1/admin/rebuild} rebuilds the read model and the Redis cache from the
 * journal and streams one progress line a second (plain text, chunked) until it is done.
 */
public final class AdminRoutes {
  private final Rebuild rebuild;

  public AdminRoutes(Rebuild rebuild) {
    this.rebuild = rebuild;
  }

  public Route routes(Caller caller) {
    return pathPrefix(
        "admin",
        () -> {
          Authenticator.requirePlatformAdmin(caller);
          return path(
              "rebuild",
              () ->
                  endpoint(
                      Endpoint.REBUILD_PROJECTIONS,
                      () ->
                          complete(
                              HttpResponse.create()
                                  .withEntity(
                                      HttpEntities.createChunked(
                                          ContentTypes.TEXT_PLAIN_UTF8,
                                          rebuild.run().map(ByteString::fromString))))));
        });
  }
}
