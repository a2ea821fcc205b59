package dev.smo1.http.link;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.patch;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.smo1.http.HttpSettings;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkDraft;
import dev.smo1.link.LinkReply;
import dev.smo1.link.LinkService;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/v1/links}: the owner's link API. Every call is for the authenticated owner only. */
public final class LinkRoutes {
  private final LinkService links;
  private final HttpSettings settings;

  public LinkRoutes(LinkService links, HttpSettings settings) {
    this.links = links;
    this.settings = settings;
  }

  public Route routes(String owner) {
    return pathPrefix(
        "links",
        () ->
            concat(
                pathEnd(
                    () ->
                        post(
                            () ->
                                JsonBody.as(CreateLinkRequest.class, body -> create(owner, body)))),
                pathPrefix(
                    segment(),
                    code ->
                        concat(
                            pathEnd(
                                () ->
                                    concat(
                                        get(() -> respond(links.get(owner, code))),
                                        patch(
                                            () ->
                                                JsonBody.tree(
                                                    body ->
                                                        respond(
                                                            links.update(
                                                                owner,
                                                                code,
                                                                RequestFields.patch(body))))),
                                        delete(
                                            () ->
                                                onSuccess(
                                                    links.delete(owner, code),
                                                    reply ->
                                                        reply instanceof LinkReply.Ok
                                                            ? complete(StatusCodes.NO_CONTENT)
                                                            : complete(
                                                                response(
                                                                    reply, StatusCodes.OK)))))),
                            path("disable", () -> post(() -> respond(links.disable(owner, code)))),
                            path(
                                "enable", () -> post(() -> respond(links.enable(owner, code))))))));
  }

  private Route create(String owner, CreateLinkRequest body) {
    var draft =
        new LinkDraft(
            body.target(),
            body.redirectType(),
            RequestFields.timestamp(body.expiresAt()),
            body.title(),
            body.tags());
    return onSuccess(
        links.create(owner, body.alias(), draft),
        reply -> {
          HttpResponse response = response(reply, StatusCodes.CREATED);
          if (reply instanceof LinkReply.Ok ok) {
            response = response.addHeader(Location.create("/api/v1/links/" + ok.link().code()));
          }
          return complete(response);
        });
  }

  private Route respond(java.util.concurrent.CompletionStage<LinkReply> reply) {
    return onSuccess(reply, value -> complete(response(value, StatusCodes.OK)));
  }

  private HttpResponse response(LinkReply reply, StatusCode success) {
    return switch (reply) {
      case LinkReply.Ok ok ->
          Json.response(success, LinkBody.of(ok.link(), settings.shortUrl(ok.link().code())));
      case LinkReply.Rejected rejected ->
          Json.response(
              statusOf(rejected.code()),
              new ApiError(rejected.code().wireName(), rejected.message(), rejected.field()));
    };
  }

  static StatusCode statusOf(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case ALIAS_TAKEN -> StatusCodes.CONFLICT;
      case INVALID_TARGET,
          TARGET_IS_SHORT_DOMAIN,
          INVALID_ALIAS,
          RESERVED_ALIAS,
          INVALID_REDIRECT_TYPE,
          INVALID_EXPIRY,
          INVALID_TITLE,
          INVALID_TAGS,
          NOTHING_TO_UPDATE ->
          StatusCodes.UNPROCESSABLE_CONTENT;
    };
  }
}
