package dev.smo1.http.admin;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.projection.rebuild.Rebuild;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/**
 * {@code /api/v1/admin}: operations for the owners listed in {@code smo1.admin.owners}.
 *
 * <p>{@code POST /api/v1/admin/rebuild} rebuilds the read model and the Redis cache from the
 * journal and streams one progress line a second (plain text, chunked) until it is done.
 */
public final class AdminRoutes {
  private final Rebuild rebuild;
  private final Set<String> admins;

  public AdminRoutes(Rebuild rebuild, Set<String> admins) {
    this.rebuild = rebuild;
    this.admins = Set.copyOf(admins);
  }

  public Route routes(String owner) {
    return pathPrefix(
        "admin",
        () -> {
          if (!admins.contains(owner)) {
            throw new ApiException(
                StatusCodes.FORBIDDEN,
                ApiError.of("forbidden", "this API key may not use admin operations"));
          }
          return path(
              "rebuild",
              () ->
                  post(
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
