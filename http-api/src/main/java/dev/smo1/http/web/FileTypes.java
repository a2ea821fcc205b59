package dev.smo1.http.web;

import java.util.Locale;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;

/**
 * The content type of a file of a static export, by extension, and how it is cached. An explicit
 * table rather than a registry's guess: a wrong type breaks a page silently ({@code nosniff} makes
 * a browser refuse a script served as {@code text/plain}), so every type the sites use is pinned by
 * a test.
 */
final class FileTypes {
  /**
   * @param document revalidated on every use ({@code no-cache}): HTML, and the files that change
   *     with each build under a fixed name (the App Router's {@code .txt} payloads, the sitemap,
   *     the web manifest, JSON such as an OpenAPI document)
   * @param compressible worth serving a precompressed variant of ({@code .br}, {@code .gz})
   */
  record FileType(ContentType contentType, boolean html, boolean document, boolean compressible) {}

  static final FileType HTML = text("text/html; charset=UTF-8", true, true);
  static final FileType UNKNOWN = binary("application/octet-stream");

  private static final Map<String, FileType> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("html", HTML),
          Map.entry("js", text("text/javascript; charset=UTF-8", false, false)),
          Map.entry("mjs", text("text/javascript; charset=UTF-8", false, false)),
          Map.entry("css", text("text/css; charset=UTF-8", false, false)),
          Map.entry("map", text("application/json", false, false)),
          Map.entry("json", text("application/json", false, true)),
          // the App Router's payloads: its client accepts text/plain from a static export
          Map.entry("txt", text("text/plain; charset=UTF-8", false, true)),
          Map.entry("xml", text("application/xml; charset=UTF-8", false, true)),
          Map.entry("webmanifest", text("application/manifest+json", false, true)),
          Map.entry("yaml", text("application/yaml; charset=UTF-8", false, true)),
          Map.entry("svg", text("image/svg+xml", false, false)),
          Map.entry("png", binary("image/png")),
          Map.entry("jpg", binary("image/jpeg")),
          Map.entry("jpeg", binary("image/jpeg")),
          Map.entry("gif", binary("image/gif")),
          Map.entry("webp", binary("image/webp")),
          Map.entry("avif", binary("image/avif")),
          Map.entry("ico", binary("image/x-icon")),
          Map.entry("woff", binary("font/woff")),
          Map.entry("woff2", binary("font/woff2")),
          Map.entry("ttf", binary("font/ttf")),
          Map.entry("otf", binary("font/otf")),
          Map.entry("wasm", binary("application/wasm")),
          Map.entry("pdf", binary("application/pdf")));

  private FileTypes() {}

  static FileType of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return UNKNOWN;
    }
    return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
  }

  private static FileType text(String contentType, boolean html, boolean document) {
    return new FileType(ContentTypes.parse(contentType), html, document, true);
  }

  private static FileType binary(String contentType) {
    return new FileType(ContentTypes.parse(contentType), false, false, false);
  }
}
