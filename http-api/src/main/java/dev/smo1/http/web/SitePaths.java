package dev.smo1.http.web;

import dev.smo1.link.ShortCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which top-level paths are web pages. A short code is one path segment, so the pages and the
 * redirects share the first segment of every path: this list is the one place that decides which of
 * them the node answers with a page (on the app host, or on the one host when none is set). Every
 * other one-segment path is a redirect.
 *
 * <p>The page segments are the reserved page words ({@link ShortCodes#PAGE_WORDS}), so no new link
 * can be shadowed by a page; {@code SitePathsTest} holds a built landing site to them. A segment
 * with a dot ({@code robots.txt}, {@code index.txt}) is always a page path: no short code has one.
 */
public final class SitePaths {
  /** The dashboard's mount: {@code /app/**} is served from the dashboard's export. */
  public static final String DASHBOARD = "app";

  /** The docs' first segment; the API reference is mounted below it at {@code /docs/api/**}. */
  public static final String DOCS = "docs";

  /** The API reference's segment under {@link #DOCS}. */
  public static final String API_REFERENCE = "api";

  /** First segments that are never pages: the API ({@code /api/**}) and the edge's calls. */
  public static final Set<String> NEVER_PAGES = Set.of("api", "internal");

  /**
   * Every top-level segment the sites use: the page words ({@link ShortCodes#PAGE_WORDS}, declared
   * there once, since they are what no new alias may take). The landing site's pages are its
   * export's directories; a Next.js export adds {@code _next} (hashed assets), {@code 404} and
   * {@code _not-found} (error pages); the App Router's metadata conventions add {@code icon},
   * {@code apple-icon}, {@code opengraph-image} and {@code twitter-image} when they are generated.
   */
  public static final Set<String> TOP_LEVEL = ShortCodes.PAGE_WORDS;

  /** The syntax of a short code: what a page segment could be mistaken for. */
  private static final Pattern CODE_SHAPED = Pattern.compile("^[A-Za-z0-9_-]+$");

  private SitePaths() {}

  /**
   * Whether a one-segment path is a page: a declared segment (in any letter case, as reserved words
   * are compared) or a name no short code can have (one with a dot).
   */
  public static boolean isPage(String segment) {
    return !CODE_SHAPED.matcher(segment).matches()
        || TOP_LEVEL.contains(segment.toLowerCase(Locale.ROOT));
  }

  /**
   * The code-shaped top-level names of a built site that are not declared here: pages the node
   * would answer as redirects instead. Empty when the directory does not exist.
   */
  public static List<String> undeclared(Path export) {
    if (!Files.isDirectory(export)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(export)) {
      return entries
          .map(entry -> entry.getFileName().toString())
          .filter(name -> !isPage(name))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
