package dev.smo1.http.web;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.conditional;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import dev.smo1.http.web.FileTypes.FileType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.DateTime;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * One Next.js static export, built with {@code trailingSlash: true}, served from its {@code out/}
 * directory under a mount path ({@code /}, {@code /app/}, {@code /docs/api/}). A page {@code /x/y/}
 * is the file {@code out/x/y/index.html}; {@code /x/y} without the slash is redirected there (308,
 * query kept), as Next.js itself does; any other file is served as it is.
 *
 * <p>Nothing outside the directory is ever served: a path with a {@code .} or {@code ..} segment,
 * an encoded slash or backslash, a control character or a hidden name is refused before the file
 * system is asked, and the file found must still lie inside the directory once symbolic links are
 * followed. There are no directory listings: a directory is only ever answered by its {@code
 * index.html}.
 *
 * <p>The file system is asked on the blocking pool, per request, so a rebuilt export is served at
 * once without a restart; file contents stream from Pekko's blocking I/O dispatcher. Pages are not
 * the hot path (redirects are), and the browser revalidates them with ETags (one {@code stat}, a
 * 304).
 */
public final class StaticSite {
  /** Hashed assets: their name changes whenever their content does. */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /**
   * HTML and the App Router's payloads: revalidated every time, so a new build is seen at once; a
   * 304 costs one stat. Not {@code no-store}, even for the dashboard: its shell holds no user data
   * (that comes from the API, uncached), and a revalidated cache spares every navigation a
   * download.
   */
  static final String REVALIDATE = "no-cache";

  /** Other files under fixed names (icons, images, fonts outside {@code _next/static}). */
  static final String SHORT = "public, max-age=3600";

  /** What the site does with a path that has no file. */
  public enum Fallback {
    /** The site's {@code 404.html} with status 404 (the landing site, the API reference). */
    NOT_FOUND_PAGE,
    /**
     * The site's shell, {@code out/index.html}, with status 200, for a path that looks like a page
     * (no extension, not under {@code _next/}): the dashboard routes on the client. Files that are
     * missing (a script, an image, a payload) still answer 404. The shell was rendered for the
     * site's root: what it shows for the path must be rendered after mount (decision 0014).
     */
    SHELL
  }

  /** A site's place and policy. */
  public record Spec(
      String name, Path root, String mount, Fallback fallback, String contentSecurityPolicy) {}

  /** What a path of the site is, found on the file system. */
  sealed interface Answer {
    /** Serve {@code file} (which may be a precompressed variant) with {@code status}. */
    record Serve(
        Path file,
        StatusCode status,
        FileType type,
        String cacheControl,
        Optional<String> contentEncoding,
        boolean varies,
        long size,
        long modifiedMillis)
        implements Answer {}

    /** A page asked for without its trailing slash. */
    record AddSlash() implements Answer {}

    /** The export's directory does not exist: the site is not built. */
    record NotBuilt() implements Answer {}

    /** No file, and no 404 page to show. */
    record NotFound() implements Answer {}

    /** A path that could name something outside the directory. */
    record Refused() implements Answer {}
  }

  private final Spec spec;
  private final Executor blocking;

  public StaticSite(Spec spec, Executor blocking) {
    this.spec = spec;
    this.blocking = blocking;
  }

  public Spec spec() {
    return spec;
  }

  public boolean built() {
    return Files.isDirectory(spec.root());
  }

  /**
   * Answers a GET or HEAD of the site's path {@code segments} (decoded, below its mount). The
   * server sends no body for HEAD, with the headers GET would have.
   */
  Route serve(List<String> segments, boolean trailingSlash, HttpRequest request) {
    var encodings = AcceptedEncodings.of(request);
    return onSuccess(
        CompletableFuture.supplyAsync(() -> resolve(segments, trailingSlash, encodings), blocking),
        answer -> respond(answer, request));
  }

  private Route respond(Answer answer, HttpRequest request) {
    return switch (answer) {
      // a 304 carries the headers the 200 would have: caches update what they hold
      case Answer.Serve serve when serve.status().equals(StatusCodes.OK) ->
          respondWithHeaders(
              headers(serve),
              () ->
                  conditional(
                      EntityTag.create(entityTag(serve), false),
                      DateTime.create(serve.modifiedMillis()),
                      () -> complete(file(serve))));
      case Answer.Serve serve -> complete(file(serve).addHeaders(headers(serve)));
      case Answer.AddSlash ignored ->
          complete(
              HttpResponse.create()
                  .withStatus(StatusCodes.PERMANENT_REDIRECT)
                  .addHeader(Location.create(withSlash(request)))
                  .addHeader(RawHeader.create("Cache-Control", SHORT)));
      case Answer.NotBuilt ignored ->
          complete(
              WebPages.notBuilt(
                  spec.name(),
                  spec.root().getParent().getFileName() + "/" + spec.root().getFileName()));
      case Answer.NotFound ignored -> complete(WebPages.notFound());
      case Answer.Refused ignored -> complete(WebPages.refused());
    };
  }

  private List<HttpHeader> headers(Answer.Serve serve) {
    var headers = new ArrayList<HttpHeader>();
    headers.add(RawHeader.create("Cache-Control", serve.cacheControl()));
    headers.addAll(WebPages.securityHeaders(serve.type().html(), spec.contentSecurityPolicy()));
    serve
        .contentEncoding()
        .ifPresent(coding -> headers.add(RawHeader.create("Content-Encoding", coding)));
    if (serve.varies()) {
      headers.add(RawHeader.create("Vary", "Accept-Encoding"));
    }
    return headers;
  }

  private static HttpResponse file(Answer.Serve serve) {
    return HttpResponse.create()
        .withStatus(serve.status())
        .withEntity(HttpEntities.create(serve.type().contentType(), serve.file()));
  }

  /** Size and modification time, as nginx does; the variant's coding keeps variants apart. */
  private static String entityTag(Answer.Serve serve) {
    return Long.toHexString(serve.modifiedMillis())
        + "-"
        + Long.toHexString(serve.size())
        + serve.contentEncoding().map(coding -> "-" + coding).orElse("");
  }

  private static String withSlash(HttpRequest request) {
    String path = request.getUri().asScala().path().toString() + "/";
    return request.getUri().rawQueryString().map(query -> path + "?" + query).orElse(path);
  }

  /** Finds what a path is; blocking (the file system), run on the blocking pool. */
  Answer resolve(List<String> segments, boolean trailingSlash, AcceptedEncodings accepted) {
    Path root = spec.root();
    if (!Files.isDirectory(root)) {
      return new Answer.NotBuilt();
    }
    if (!segments.stream().allMatch(StaticSite::safe)) {
      return new Answer.Refused();
    }
    Path target = root;
    for (String segment : segments) {
      target = target.resolve(segment);
    }
    if (!target.normalize().startsWith(root.normalize())) {
      return new Answer.Refused();
    }
    boolean underNext = !segments.isEmpty() && segments.getFirst().equals("_next");
    if (!segments.isEmpty() && !trailingSlash && Files.isRegularFile(target)) {
      return serve(target, StatusCodes.OK, accepted);
    }
    Path index = target.resolve("index.html");
    if (Files.isRegularFile(index)) {
      return trailingSlash ? serve(index, StatusCodes.OK, accepted) : new Answer.AddSlash();
    }
    Path shell = root.resolve("index.html");
    if (spec.fallback() == Fallback.SHELL
        && !underNext
        && segments.stream().noneMatch(segment -> segment.contains("."))
        && Files.isRegularFile(shell)) {
      return serve(shell, StatusCodes.OK, accepted);
    }
    Path notFoundPage = root.resolve("404.html");
    return Files.isRegularFile(notFoundPage)
        ? serve(notFoundPage, StatusCodes.NOT_FOUND, accepted)
        : new Answer.NotFound();
  }

  /**
   * The file, or its precompressed variant beside it when the client accepts that coding; either
   * one only once it is known to lie inside the directory with every link followed.
   */
  private Answer serve(Path file, StatusCode status, AcceptedEncodings accepted) {
    try {
      Path realRoot = spec.root().toRealPath();
      Path real = file.toRealPath();
      if (!real.startsWith(realRoot)) {
        return new Answer.Refused();
      }
      FileType type = FileTypes.of(real.getFileName().toString());
      String cacheControl =
          isHashedAsset(realRoot.relativize(real))
              ? IMMUTABLE
              : type.document() ? REVALIDATE : SHORT;
      Path served = real;
      Optional<String> coding = Optional.empty();
      boolean varies = false;
      if (type.compressible()) {
        for (String candidate : AcceptedEncodings.PRECOMPRESSED) {
          Path variant =
              real.resolveSibling(real.getFileName() + AcceptedEncodings.suffix(candidate));
          if (Files.isRegularFile(variant) && variant.toRealPath().startsWith(realRoot)) {
            varies = true;
            if (coding.isEmpty() && accepted.accepts(candidate)) {
              served = variant;
              coding = Optional.of(candidate);
            }
          }
        }
      }
      var attributes = Files.readAttributes(served, BasicFileAttributes.class);
      return new Answer.Serve(
          served,
          status,
          type,
          cacheControl,
          coding,
          varies,
          attributes.size(),
          attributes.lastModifiedTime().toMillis());
    } catch (IOException e) {
      // removed while we looked (a rebuild): as if it had never been there
      return new Answer.NotFound();
    }
  }

  /**
   * Next.js names every file under {@code _next/static/} after its content's hash or its build's
   * id, so such a file never changes.
   */
  private static boolean isHashedAsset(Path relative) {
    return relative.getNameCount() > 2
        && relative.getName(0).toString().equals("_next")
        && relative.getName(1).toString().equals("static");
  }

  /**
   * A segment that names an entry of the directory it is in, and nothing else: not {@code .} or
   * {@code ..} (nor any hidden name), no separator of either kind (an encoded slash arrives decoded
   * inside a segment), no control character.
   */
  static boolean safe(String segment) {
    if (segment.isEmpty() || segment.startsWith(".")) {
      return false;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
