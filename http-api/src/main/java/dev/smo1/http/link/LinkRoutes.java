package dev.smo1.http.link;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMultiMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.idempotency.IdempotencyKeys;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.auth.Authenticator;
import dev.smo1.http.auth.RequestOrigins;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import dev.smo1.http.json.JsonBody;
import dev.smo1.http.json.Rejections;
import dev.smo1.http.link.qr.QrCode;
import dev.smo1.http.link.qr.QrCodeParameters;
import dev.smo1.http.link.qr.QrCodes;
import dev.smo1.http.link.qr.QrImage;
import dev.smo1.http.link.qr.QrStyle;
import dev.smo1.link.LinkDraft;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkPatch;
import dev.smo1.link.LinkReply;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.LinkView;
import dev.smo1.link.Links;
import dev.smo1.projection.readmodel.LinkListing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1/links}: a workspace's link API. Every call is for the caller's workspace only (a
 * link of another workspace is 404); reads need {@code links:read}, changes {@code links:write}.
 */
public final class LinkRoutes {
  private static final Set<String> LIST_PARAMETERS =
      Set.of("limit", "cursor", "tag", "status", "q", "workspace", "domain");
  private static final int DEFAULT_LIMIT = 20;

  private final LinkPasswords passwords;
  private final WorkspaceDomains customDomains;
  private final Links links;
  private final LinkListing queries;
  private final HttpSettings settings;
  private final DeletionLog deletions;
  private final IdempotentCreates idempotentCreates;
  private final BulkLinks bulk;
  private final QrCodes qrCodes;

  /**
   * For route tests that send no {@code Idempotency-Key}; QR codes are drawn on the calling thread.
   */
  public LinkRoutes(
      Links links, LinkListing queries, HttpSettings settings, LinkPasswords passwords) {
    this(
        links,
        queries,
        settings,
        DeletionLog.NONE,
        IdempotencyKeys.NOT_KEPT,
        passwords,
        new QrCodes(Runnable::run));
  }

  public LinkRoutes(
      Links links,
      LinkListing queries,
      HttpSettings settings,
      DeletionLog deletions,
      IdempotencyKeys idempotencyKeys,
      LinkPasswords passwords,
      QrCodes qrCodes) {
    this(
        links,
        queries,
        settings,
        deletions,
        idempotencyKeys,
        passwords,
        qrCodes,
        WorkspaceDomains.NONE);
  }

  /** A workspace's custom domains, as the link routes ask about them (decision 0028). */
  public interface WorkspaceDomains {
    WorkspaceDomains NONE =
        new WorkspaceDomains() {
          @Override
          public boolean usable(String workspace, String domain) {
            return false;
          }

          @Override
          public boolean held(String workspace, String domain) {
            return false;
          }
        };

    /** Whether the workspace's links on the domain may be made, changed and enabled now. */
    boolean usable(String workspace, String domain);

    /** Whether the workspace holds or held the domain (its links are listed). */
    boolean held(String workspace, String domain);
  }

  /**
   * @param customDomains the workspaces' custom domains
   */
  public LinkRoutes(
      Links links,
      LinkListing queries,
      HttpSettings settings,
      DeletionLog deletions,
      IdempotencyKeys idempotencyKeys,
      LinkPasswords passwords,
      QrCodes qrCodes,
      WorkspaceDomains customDomains) {
    this.customDomains = customDomains;
    this.links = links;
    this.qrCodes = qrCodes;
    this.passwords = passwords;
    this.queries = queries;
    this.settings = settings;
    this.deletions = deletions;
    this.idempotentCreates = new IdempotentCreates(links, idempotencyKeys);
    this.bulk = new BulkLinks(idempotencyKeys);
  }

  /**
   * The owner's links from the read model, newest first: eventually consistent (a link just created
   * appears once the projection has applied it), while {@code GET /links/{code}} is always current.
   */
  private Route list(String owner, Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      // "workspace" chose the workspace already (sessions; see Authenticator)
      if (!LIST_PARAMETERS.contains(name)) {
        throw invalidParameter(name, "unknown query parameter '" + name + "'");
      }
    }
    int limit = DEFAULT_LIMIT;
    if (parameters.containsKey("limit")) {
      try {
        limit = Integer.parseInt(parameters.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > LinkListing.MAX_LIMIT) {
        throw invalidParameter("limit", "limit must be 1 to " + LinkListing.MAX_LIMIT);
      }
    }
    Optional<LinkListing.Cursor> cursor = Optional.empty();
    if (parameters.containsKey("cursor")) {
      cursor = LinkListing.Cursor.decode(parameters.get("cursor"));
      if (cursor.isEmpty()) {
        throw invalidParameter("cursor", "cursor is not one this API issued");
      }
    }
    var filter = filterOf(parameters);
    return onSuccess(
        queries.list(owner, listedDomain(owner, parameters.get("domain")), filter, cursor, limit),
        page ->
            complete(
                Json.response(
                    StatusCodes.OK,
                    new LinkPage(
                        page.items().stream()
                            .map(view -> LinkBody.of(view, shortUrl(view)))
                            .toList(),
                        page.nextCursor().orElse(null)))));
  }

  /** A list's or an export's filter: {@code tag}, {@code status}, {@code q}. */
  private static LinkListing.Filter filterOf(Map<String, String> parameters) {
    LinkStatus status = null;
    if (parameters.containsKey("status")) {
      status =
          Arrays.stream(LinkStatus.values())
              .filter(value -> value.wireName().equals(parameters.get("status")))
              .findFirst()
              .orElseThrow(
                  () ->
                      invalidParameter(
                          "status",
                          "status must be one of active, disabled, expired, exhausted, deleted, blocked"));
    }
    String tag = blankToNull(parameters.get("tag"));
    String query = blankToNull(parameters.get("q"));
    if (query != null && query.length() > 200) {
      throw invalidParameter("q", "q is longer than 200 characters");
    }
    return new LinkListing.Filter(tag, status, query);
  }

  private static final Set<String> EXPORT_PARAMETERS =
      Set.of("format", "tag", "status", "q", "workspace", "domain");

  /**
   * {@code /exports/links}: every link of the workspace on one domain (the default one unless
   * {@code domain} names another), filtered as a list is, as CSV (default) or JSON, streamed.
   */
  public Route exportRoutes(Access access) {
    return pathPrefix(
        "exports",
        () ->
            path(
                "links",
                () ->
                    endpoint(
                        Endpoint.EXPORT_LINKS,
                        () ->
                            reading(
                                access,
                                () ->
                                    parameterMap(
                                        parameters -> export(access.workspaceId(), parameters))))));
  }

  private Route export(String owner, Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!EXPORT_PARAMETERS.contains(name)) {
        throw invalidParameter(name, "unknown query parameter '" + name + "'");
      }
    }
    String format = parameters.getOrDefault("format", "csv");
    if (!format.equals("csv") && !format.equals("json")) {
      throw invalidParameter("format", "format must be csv or json");
    }
    var filter = filterOf(parameters);
    String domain = listedDomain(owner, parameters.get("domain"));
    var rows = LinkExport.links(queries, owner, domain, filter);
    var entity =
        format.equals("csv")
            ? org.apache.pekko.http.javadsl.model.HttpEntities.createChunked(
                ContentTypes.TEXT_CSV_UTF8, LinkExport.csv(rows, this::shortUrl))
            : org.apache.pekko.http.javadsl.model.HttpEntities.createChunked(
                ContentTypes.APPLICATION_JSON, LinkExport.json(rows, this::body));
    String filename =
        "links-"
            + owner.replaceAll("[^A-Za-z0-9_-]", "_")
            + "-"
            + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
            + "."
            + format;
    return complete(
        HttpResponse.create()
            .withStatus(StatusCodes.OK)
            .withEntity(entity)
            .addHeaders(
                List.of(
                    CacheControl.create(CacheDirectives.NO_STORE),
                    RawHeader.create(
                        "Content-Disposition", "attachment; filename=\"" + filename + "\""))));
  }

  /** A page of the owner's links; {@code nextCursor} is null on the last page. */
  record LinkPage(List<LinkBody> items, String nextCursor) {}

  private static ApiException invalidParameter(String name, String message) {
    return ApiException.badRequest(HttpErrorCodes.INVALID_PARAMETER, message, name);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Records a link's deletion in its workspace's audit log. */
  @FunctionalInterface
  public interface DeletionLog {
    DeletionLog NONE =
        (access, code, origin) -> java.util.concurrent.CompletableFuture.completedFuture(null);

    java.util.concurrent.CompletionStage<Void> deleted(
        Access access, String code, dev.smo1.accounts.audit.RequestOrigin origin);
  }

  /** The routes under {@code /api/v1/links}, for the workspace a request resolved to. */
  public Route routes(Access access) {
    String owner = access.workspaceId();
    return pathPrefix(
        "links",
        () ->
            concat(
                pathEnd(() -> collection(access, owner)),
                // POST, PATCH and DELETE only: GET /links/bulk still reads a link made with that
                // code before it was reserved
                path("bulk", () -> bulk(access, owner)),
                pathPrefix(
                    segment(),
                    code ->
                        org.apache.pekko.http.javadsl.server.Directives.parameterOptional(
                            "domain",
                            named -> {
                              LinkId id = linkId(code, named);
                              return linkRoutes(access, owner, id);
                            }))));
  }

  /**
   * The link a path names: its code, on the default domain or the one {@code ?domain=} names (a
   * custom domain; another workspace's link there is 404 as anywhere).
   */
  private LinkId linkId(String code, Optional<String> named) {
    if (named.isEmpty()) {
      return new LinkId(links.defaultDomain(), code);
    }
    return new LinkId(DomainParameter.parse(named.get()), code);
  }

  private Route linkRoutes(Access access, String owner, LinkId id) {
    return concat(
        pathEnd(() -> link(access, owner, id)),
        path("qr", () -> qrCode(access, owner, id)),
        path(
            "disable",
            () ->
                endpoint(
                    Endpoint.DISABLE_LINK,
                    () -> writing(access, () -> respond(links.disable(owner, id))))),
        path(
            "enable",
            () ->
                endpoint(
                    Endpoint.ENABLE_LINK,
                    () ->
                        writing(
                            access,
                            () -> {
                              usableOrRefused(owner, id);
                              return respond(links.enable(owner, id));
                            }))));
  }

  private static Route reading(Access access, java.util.function.Supplier<Route> inner) {
    Authenticator.require(access, Scope.LINKS_READ);
    return inner.get();
  }

  private static Route writing(Access access, java.util.function.Supplier<Route> inner) {
    Authenticator.require(access, Scope.LINKS_WRITE);
    return inner.get();
  }

  /** {@code /links}: create, list. */
  private Route collection(Access access, String owner) {
    return concat(
        endpoint(
            Endpoint.CREATE_LINK,
            () ->
                writing(
                    access,
                    () ->
                        extractRequest(
                            request -> {
                              // a malformed key is refused before the body is read
                              var key = IdempotencyKeyHeader.of(request.getHeaders());
                              return JsonBody.as(
                                  CreateLinkRequest.class, body -> create(access, key, body));
                            }))),
        endpoint(
            Endpoint.LIST_LINKS,
            () -> reading(access, () -> parameterMap(parameters -> list(owner, parameters)))));
  }

  /** {@code /links/{code}}: read, change, delete. */
  private Route link(Access access, String owner, LinkId id) {
    String code = id.code();
    return concat(
        endpoint(Endpoint.GET_LINK, () -> reading(access, () -> respond(links.get(owner, id)))),
        endpoint(
            Endpoint.UPDATE_LINK,
            () -> writing(access, () -> JsonBody.tree(body -> update(owner, id, body)))),
        endpoint(
            Endpoint.DELETE_LINK,
            () ->
                writing(
                    access,
                    () ->
                        RequestOrigins.origin(
                            origin ->
                                onSuccess(
                                    links.delete(owner, id),
                                    reply -> deleted(access, code, origin, reply))))));
  }

  /** {@code /links/{code}/qr}: read as the link is, every parameter checked before. */
  private Route qrCode(Access access, String owner, LinkId id) {
    return endpoint(
        Endpoint.GET_LINK_QR_CODE,
        () ->
            reading(
                access,
                () ->
                    parameterMultiMap(
                        parameters -> qrCode(owner, id, QrCodeParameters.parse(parameters)))));
  }

  /**
   * The link's QR code: its short URL with the scan marker, so that a scan counts as one (the
   * redirect's trigger {@code qr}), drawn off the dispatcher. The link is read as {@code GET
   * /links/{code}} reads it, so another workspace's link is 404 alike.
   */
  private Route qrCode(String owner, LinkId id, QrCodeParameters parameters) {
    QrStyle style = parameters.style();
    return onSuccess(
        links.get(owner, id),
        reply ->
            switch (reply) {
              case LinkReply.Ok ok -> {
                String shortCode = ok.link().code();
                QrCode qr =
                    QrCode.encode(
                        dev.smo1.link.ScanMarker.scanUrl(shortUrl(ok.link())),
                        style.errorCorrection());
                int minimum = qr.minimumPngSize(style.margin());
                if (style.format() == QrStyle.Format.PNG && style.size() < minimum) {
                  throw invalidParameter(
                      "size",
                      "a PNG of this link's code needs a size of at least "
                          + minimum
                          + " ("
                          + qr.side(style.margin())
                          + " modules with the margin, "
                          + QrCode.MIN_PIXELS_PER_MODULE
                          + " pixels each); ask for a larger size or a smaller margin");
                }
                yield onSuccess(
                    qrCodes.render(qr, style),
                    image -> complete(qrResponse(image, shortCode, parameters.download())));
              }
              case LinkReply.Rejected rejected -> complete(Rejections.response(rejected));
            });
  }

  /** An image of the link's own: kept briefly by the caller's browser, never by shared caches. */
  private static HttpResponse qrResponse(QrImage image, String code, boolean download) {
    String filename = code.replaceAll("[^A-Za-z0-9_-]", "_") + "-qr." + image.format().wireName();
    return HttpResponse.create()
        .withStatus(StatusCodes.OK)
        .withEntity(
            ContentTypes.create(
                image.format() == QrStyle.Format.PNG
                    ? MediaTypes.IMAGE_PNG
                    : MediaTypes.IMAGE_SVG_XML),
            image.bytes())
        .addHeaders(
            List.of(
                CacheControl.create(CacheDirectives.PRIVATE(), CacheDirectives.MAX_AGE(300)),
                RawHeader.create("X-Content-Type-Options", "nosniff"),
                RawHeader.create("Content-Security-Policy", "default-src 'none'"),
                RawHeader.create(
                    "Content-Disposition",
                    (download ? "attachment" : "inline") + "; filename=\"" + filename + "\"")));
  }

  private Route deleted(
      Access access, String code, dev.smo1.accounts.audit.RequestOrigin origin, LinkReply reply) {
    if (reply instanceof LinkReply.Ok) {
      return onSuccess(
          deletions.deleted(access, code, origin), ignored -> complete(StatusCodes.NO_CONTENT));
    }
    return complete(response(reply, StatusCodes.OK));
  }

  /**
   * Creates the link; with an {@code Idempotency-Key}, as one attempt of a request its client may
   * send again ({@link IdempotentCreates}).
   */
  private Route create(Access access, Optional<String> key, CreateLinkRequest body) {
    if (body.password() == null || body.password().isNull()) {
      return create(access, key, body, null);
    }
    String password = LinkPasswords.check(body.password());
    return onSuccess(
        passwords.hash(password),
        hash -> create(access, key, body, new LinkOptions.Password(hash, null)));
  }

  /** A PATCH: a new password is hashed before the patch goes to the link. */
  private Route update(String owner, LinkId id, JsonNode body) {
    usableOrRefused(owner, id);
    LinkPatch patch = LinkPatchBody.parse(body);
    JsonNode password = body.get("password");
    if (password == null || password.isNull()) {
      return respond(links.update(owner, id, patch));
    }
    String plain = LinkPasswords.check(password);
    return onSuccess(
        passwords.hash(plain),
        hash ->
            respond(
                links.update(
                    owner,
                    id,
                    LinkPatchBody.withPassword(patch, new LinkOptions.Password(hash, null)))));
  }

  private static LinkDraft draft(CreateLinkRequest body, LinkOptions.Password password) {
    return new LinkDraft(
        body.target(),
        body.redirectType(),
        LinkPatchBody.timestamp(body.expiresAt()),
        body.title(),
        body.tags(),
        body.forwardQuery(),
        LinkPatchBody.routing(body.rules(), body.variants(), body.variantsUntil()),
        LinkPatchBody.options(
            body.utm(), body.expiredUrl(), body.preview(), body.maxVisits(), password));
  }

  private Route create(
      Access access, Optional<String> key, CreateLinkRequest body, LinkOptions.Password password) {
    String owner = access.workspaceId();
    var draft = draft(body, password);
    String domain = domainOf(owner, body.domain());
    if (key.isEmpty()) {
      return onSuccess(
          links.create(owner, domain, body.alias(), draft, dev.smo1.link.RetryableCreate.ONCE),
          reply -> complete(IdempotentCreates.response(answer(reply), false)));
    }
    var request =
        new IdempotencyKeys.KeyedRequest(
            IdempotencyKeys.Caller.of(access),
            key.get(),
            IdempotentCreates.OPERATION,
            IdempotentCreates.fingerprint(body));
    return onSuccess(
        idempotentCreates.create(request, owner, domain, body.alias(), draft, this::answer),
        response -> complete(response));
  }

  /**
   * The domain a new link goes on: the default one when none is named, else a verified custom
   * domain of the workspace (422 {@code invalid_domain} for any other name).
   */
  private String domainOf(String owner, String named) {
    if (named == null) {
      return links.defaultDomain();
    }
    String domain = named.strip().toLowerCase(java.util.Locale.ROOT);
    if (domain.equals(links.defaultDomain())) {
      return domain;
    }
    if (!customDomains.usable(owner, domain)) {
      throw invalidDomain(
          "domain must be the default one or a verified custom domain of this workspace");
    }
    return domain;
  }

  /** The domain a list is of: the default one, or a custom domain of the workspace. */
  private String listedDomain(String owner, String named) {
    if (named == null) {
      return links.defaultDomain();
    }
    String domain = named.strip().toLowerCase(java.util.Locale.ROOT);
    if (!domain.equals(links.defaultDomain()) && !customDomains.held(owner, domain)) {
      throw invalidParameter(
          "domain", "domain must be the default one or a custom domain of this workspace");
    }
    return domain;
  }

  /**
   * A link on a custom domain the workspace no longer holds verified (removed, or pending again) is
   * not changed or enabled: 422 {@code invalid_domain}. It may be read, disabled and deleted.
   */
  private void usableOrRefused(String owner, LinkId id) {
    if (!id.domain().equals(links.defaultDomain()) && !customDomains.usable(owner, id.domain())) {
      throw invalidDomain(
          "the link's domain is not a verified custom domain of this workspace any more");
    }
  }

  private static ApiException invalidDomain(String message) {
    return new ApiException(
        StatusCodes.UNPROCESSABLE_CONTENT,
        new dev.smo1.http.json.ApiError("invalid_domain", message, "domain"));
  }

  /** A link's short URL, on its domain. */
  private String shortUrl(LinkView link) {
    return link.domain().equals(links.defaultDomain())
        ? settings.shortUrl(link.code())
        : settings.on(link.domain()).shortUrl(link.code());
  }

  /** {@code /links/bulk}: create, change or delete up to 100 links in one request. */
  private Route bulk(Access access, String owner) {
    return concat(
        endpoint(
            Endpoint.BULK_CREATE_LINKS,
            () ->
                bulkBody(
                    access, BulkOperation.CREATE, (key, body) -> bulkCreate(access, key, body))),
        endpoint(
            Endpoint.BULK_UPDATE_LINKS,
            () ->
                bulkBody(
                    access, BulkOperation.UPDATE, (key, body) -> bulkUpdate(access, key, body))),
        endpoint(
            Endpoint.BULK_DELETE_LINKS,
            () ->
                RequestOrigins.origin(
                    origin ->
                        bulkBody(
                            access,
                            BulkOperation.DELETE,
                            (key, body) -> bulkDelete(access, key, body, origin)))));
  }

  /** The three bulk operations: the fields each body may have, the name its keys are kept under. */
  private enum BulkOperation {
    CREATE("bulk_create_links", Set.of("links")),
    UPDATE("bulk_update_links", Set.of("codes", "domain", "change", "status", "items")),
    DELETE("bulk_delete_links", Set.of("codes", "domain"));

    final String keyOperation;
    final Set<String> fields;

    BulkOperation(String keyOperation, Set<String> fields) {
      this.keyOperation = keyOperation;
      this.fields = fields;
    }
  }

  /** A bulk body: {@code links:write}, a well-formed key, a JSON object of at most 1 MiB. */
  private Route bulkBody(
      Access access,
      BulkOperation operation,
      java.util.function.BiFunction<Optional<IdempotencyKeys.KeyedRequest>, JsonNode, Route>
          inner) {
    return writing(
        access,
        () ->
            extractRequest(
                request -> {
                  var key = IdempotencyKeyHeader.of(request.getHeaders());
                  return JsonBody.bytes(
                      BulkLinks.MAX_BYTES,
                      bytes -> {
                        JsonNode body = JsonBody.parse(bytes);
                        body.fieldNames()
                            .forEachRemaining(
                                name -> {
                                  if (!operation.fields.contains(name)) {
                                    throw ApiException.badRequest(
                                        HttpErrorCodes.UNKNOWN_FIELD,
                                        "unknown field '" + name + "'",
                                        name);
                                  }
                                });
                        return inner.apply(
                            key.map(
                                value ->
                                    new IdempotencyKeys.KeyedRequest(
                                        IdempotencyKeys.Caller.of(access),
                                        value,
                                        operation.keyOperation,
                                        BulkLinks.fingerprint(withoutPasswords(body)))),
                            body);
                      });
                }));
  }

  private Route bulkCreate(
      Access access, Optional<IdempotencyKeys.KeyedRequest> key, JsonNode body) {
    String owner = access.workspaceId();
    List<JsonNode> items = BulkLinks.items(body, "links");
    return onSuccess(
        bulk.run(
            key,
            items.size(),
            (index, requestId) ->
                BulkLinks.refusedEarly(
                    () -> {
                      JsonNode item = items.get(index);
                      if (!item.isObject()) {
                        throw ApiException.badRequest(
                            HttpErrorCodes.INVALID_TYPE, "each link must be a JSON object", null);
                      }
                      var request = JsonBody.convert(item, CreateLinkRequest.class);
                      dev.smo1.link.RetryableCreate attempt =
                          requestId
                              .<dev.smo1.link.RetryableCreate>map(BulkLinks.DerivedCreate::new)
                              .orElse(dev.smo1.link.RetryableCreate.ONCE);
                      return withPassword(request.password())
                          .thenCompose(
                              password ->
                                  links.create(
                                      owner,
                                      domainOf(owner, request.domain()),
                                      request.alias(),
                                      draft(request, password),
                                      attempt))
                          .thenApply(reply -> BulkLinks.of(reply, this::body));
                    })),
        response -> complete(response));
  }

  private Route bulkUpdate(
      Access access, Optional<IdempotencyKeys.KeyedRequest> key, JsonNode body) {
    String owner = access.workspaceId();
    List<BulkChange> changes = bulkChanges(body);
    return onSuccess(
        bulk.run(
            key,
            changes.size(),
            (index, requestId) ->
                BulkLinks.refusedEarly(
                    () -> {
                      BulkChange change = changes.get(index);
                      LinkId id = change.id();
                      // disabling is allowed on any domain, as POST …/disable is
                      if (change.change() != null || !"disabled".equals(change.status())) {
                        usableOrRefused(owner, id);
                      }
                      java.util.concurrent.CompletionStage<LinkReply> changed;
                      if (change.change() == null) {
                        changed = java.util.concurrent.CompletableFuture.completedFuture(null);
                      } else {
                        LinkPatch patch = LinkPatchBody.parse(change.change());
                        changed =
                            withPassword(change.change().get("password"))
                                .thenCompose(
                                    password ->
                                        links.update(
                                            owner,
                                            id,
                                            password == null
                                                ? patch
                                                : LinkPatchBody.withPassword(patch, password)));
                      }
                      return changed
                          .thenCompose(
                              reply ->
                                  reply instanceof LinkReply.Rejected || change.status() == null
                                      ? java.util.concurrent.CompletableFuture.completedFuture(
                                          reply)
                                      : change.status().equals("disabled")
                                          ? links.disable(owner, id)
                                          : links.enable(owner, id))
                          .thenApply(reply -> BulkLinks.of(reply, this::body));
                    })),
        response -> complete(response));
  }

  private Route bulkDelete(
      Access access,
      Optional<IdempotencyKeys.KeyedRequest> key,
      JsonNode body,
      dev.smo1.accounts.audit.RequestOrigin origin) {
    String owner = access.workspaceId();
    List<LinkId> ids = bulkCodes(body);
    return onSuccess(
        bulk.run(
            key,
            ids.size(),
            (index, requestId) ->
                BulkLinks.refusedEarly(
                    () ->
                        links
                            .delete(owner, ids.get(index))
                            .thenCompose(
                                reply ->
                                    reply instanceof LinkReply.Ok
                                        ? deletions
                                            .deleted(access, ids.get(index).code(), origin)
                                            .thenApply(
                                                logged -> new BulkLinks.Result(true, null, null))
                                        : java.util.concurrent.CompletableFuture.completedFuture(
                                            BulkLinks.of(reply, this::body))))),
        response -> complete(response));
  }

  /**
   * One change of a bulk update: the link, its change (a PATCH body; null: none) and the status to
   * put it in ({@code active} or {@code disabled}; null: as it is), applied in that order.
   */
  private record BulkChange(LinkId id, JsonNode change, String status) {}

  /**
   * A bulk update's changes: {@code codes} (with {@code domain}) all given the one {@code change},
   * or {@code items}, each {@code {code, domain?, change}}.
   */
  private List<BulkChange> bulkChanges(JsonNode body) {
    if (body.has("items")) {
      if (body.has("codes") || body.has("change") || body.has("domain") || body.has("status")) {
        throw ApiException.badRequest(
            HttpErrorCodes.BAD_REQUEST, "give items, or codes with one change, not both", "items");
      }
      var changes = new java.util.ArrayList<BulkChange>();
      for (JsonNode item : BulkLinks.items(body, "items")) {
        if (!item.isObject() || !item.path("code").isTextual()) {
          throw ApiException.badRequest(
              HttpErrorCodes.INVALID_TYPE,
              "each item must be an object with a code, and a change or a status",
              "items");
        }
        for (var field : (Iterable<String>) item::fieldNames) {
          if (!Set.of("code", "domain", "change", "status").contains(field)) {
            throw ApiException.badRequest(
                HttpErrorCodes.UNKNOWN_FIELD, "unknown field '" + field + "' in an item", "items");
          }
        }
        changes.add(
            new BulkChange(
                linkId(item.get("code").asText(), textOf(item, "domain")),
                changeOf(item),
                statusOf(item)));
      }
      return changes;
    }
    JsonNode change = changeOf(body);
    String status = statusOf(body);
    return bulkCodes(body).stream().map(id -> new BulkChange(id, change, status)).toList();
  }

  /** The change of a bulk update or of one of its items: a JSON object, or null for none. */
  private static JsonNode changeOf(JsonNode holder) {
    JsonNode change = holder.get("change");
    if (change == null || change.isNull()) {
      if (holder.path("status").isMissingNode() || holder.path("status").isNull()) {
        throw ApiException.badRequest(
            HttpErrorCodes.BAD_REQUEST, "give a change, a status or both", "change");
      }
      return null;
    }
    if (!change.isObject()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, "change must be a JSON object (a PATCH body)", "change");
    }
    return change;
  }

  /** {@code active} or {@code disabled}, or null for none. */
  private static String statusOf(JsonNode holder) {
    return textOf(holder, "status")
        .map(
            status -> {
              if (!status.equals("active") && !status.equals("disabled")) {
                throw ApiException.badRequest(
                    HttpErrorCodes.INVALID_PARAMETER,
                    "status must be active or disabled",
                    "status");
              }
              return status;
            })
        .orElse(null);
  }

  /** {@code codes}, on {@code domain} (the default one when absent). */
  private List<LinkId> bulkCodes(JsonNode body) {
    Optional<String> domain = textOf(body, "domain");
    var ids = new java.util.ArrayList<LinkId>();
    for (JsonNode code : BulkLinks.items(body, "codes")) {
      if (!code.isTextual()) {
        throw ApiException.badRequest(
            HttpErrorCodes.INVALID_TYPE, "codes must be strings", "codes");
      }
      ids.add(linkId(code.asText(), domain));
    }
    return ids;
  }

  private static Optional<String> textOf(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE, "field '" + field + "' must be a string", field);
    }
    return Optional.of(value.asText());
  }

  /** A new password, hashed (null: none given). */
  private java.util.concurrent.CompletionStage<LinkOptions.Password> withPassword(
      JsonNode password) {
    if (password == null || password.isNull()) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    String plain = LinkPasswords.check(password);
    return passwords.hash(plain).thenApply(hash -> new LinkOptions.Password(hash, null));
  }

  /**
   * A bulk body with every password's value replaced: what its key's fingerprint is taken of
   * (passwords are kept nowhere but as their hashes).
   */
  private static JsonNode withoutPasswords(JsonNode body) {
    JsonNode copy = body.deepCopy();
    for (String field : List.of("links", "items")) {
      JsonNode items = copy.get(field);
      if (items != null && items.isArray()) {
        for (JsonNode item : items) {
          hidePassword(item);
          hidePassword(item.get("change"));
        }
      }
    }
    hidePassword(copy.get("change"));
    return copy;
  }

  private static void hidePassword(JsonNode object) {
    if (object instanceof com.fasterxml.jackson.databind.node.ObjectNode fields
        && fields.has("password")
        && !fields.get("password").isNull()) {
      fields.put("password", "(given)");
    }
  }

  private LinkBody body(LinkView link) {
    return LinkBody.of(link, shortUrl(link));
  }

  /** The answer to a create: 201 with the link and its {@code Location}, or the refusal. */
  private IdempotencyKeys.Answer answer(LinkReply reply) {
    return switch (reply) {
      case LinkReply.Ok ok ->
          new IdempotencyKeys.Answer(
              StatusCodes.CREATED.intValue(),
              "/api/v1/links/"
                  + ok.link().code()
                  + (ok.link().domain().equals(links.defaultDomain())
                      ? ""
                      : "?domain=" + ok.link().domain()),
              json(LinkBody.of(ok.link(), shortUrl(ok.link()))));
      case LinkReply.Rejected rejected ->
          new IdempotencyKeys.Answer(
              Rejections.statusOf(rejected.code()).intValue(),
              null,
              json(new ApiError(rejected.code().wireName(), rejected.message(), rejected.field())));
    };
  }

  private static String json(Object body) {
    return new String(Json.write(body), StandardCharsets.UTF_8);
  }

  private Route respond(java.util.concurrent.CompletionStage<LinkReply> reply) {
    return onSuccess(reply, value -> complete(response(value, StatusCodes.OK)));
  }

  private HttpResponse response(LinkReply reply, StatusCode success) {
    return switch (reply) {
      case LinkReply.Ok ok -> Json.response(success, LinkBody.of(ok.link(), shortUrl(ok.link())));
      case LinkReply.Rejected rejected -> Rejections.response(rejected);
    };
  }
}
