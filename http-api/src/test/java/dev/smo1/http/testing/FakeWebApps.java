package dev.smo1.http.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A web directory as the node finds it once the apps are built: three Next.js static exports
 * ({@code trailingSlash: true}) in their {@code out/} directories, each with a few pages, a 404
 * page and hashed assets under {@code _next/static/}, as {@code next build} writes them. Beside
 * them, outside every export, a secret no request may reach.
 */
public final class FakeWebApps {
  public static final String LANDING_HOME = "<p>landing home</p>";
  public static final String LANDING_PRICING = "<p>landing pricing</p>";
  public static final String LANDING_DOCS = "<p>landing docs</p>";
  public static final String LANDING_POST = "<p>landing blog post hello</p>";
  public static final String LANDING_NOT_FOUND = "<p>landing 404 page</p>";
  public static final String DASHBOARD_SHELL = "<p>dashboard shell</p>";
  public static final String DASHBOARD_LINKS = "<p>dashboard links page</p>";
  public static final String API_REFERENCE = "<p>API reference</p>";
  public static final String SECRET = "secret outside the exports";
  public static final String LANDING_CHUNK = "console.log('landing chunk abc123');\n";
  public static final String DASHBOARD_CHUNK = "console.log('dashboard chunk def456');\n";

  private FakeWebApps() {}

  /** Writes the three exports under {@code web} and returns it. */
  public static Path write(Path web) {
    try {
      Path landing = web.resolve("landing/out");
      page(landing.resolve("index.html"), LANDING_HOME);
      page(landing.resolve("404.html"), LANDING_NOT_FOUND);
      page(landing.resolve("404/index.html"), LANDING_NOT_FOUND);
      page(landing.resolve("pricing/index.html"), LANDING_PRICING);
      page(landing.resolve("docs/index.html"), LANDING_DOCS);
      page(landing.resolve("blog/hello/index.html"), LANDING_POST);
      file(landing.resolve("index.txt"), "0:[\"$\",\"main\",null,{}]\n");
      file(landing.resolve("pricing/__next.pricing.__PAGE__.txt"), "1:{}\n");
      file(landing.resolve("_next/static/chunks/chunk-abc123.js"), LANDING_CHUNK);
      file(landing.resolve("_next/static/css/app-abc123.css"), "body{margin:0}\n");
      file(landing.resolve("_next/static/media/font-abc123.woff2"), "wOF2");
      file(landing.resolve("robots.txt"), "User-Agent: *\nAllow: /\n");
      file(
          landing.resolve("sitemap.xml"),
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset></urlset>\n");
      file(landing.resolve("favicon.ico"), "ico");
      file(landing.resolve("icon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
      file(landing.resolve("og.png"), "png");
      file(landing.resolve("manifest.webmanifest"), "{\"name\":\"SMO1\"}\n");
      file(landing.resolve("data.json"), "{}\n");

      Path dashboard = web.resolve("dashboard/out");
      page(dashboard.resolve("index.html"), DASHBOARD_SHELL);
      page(dashboard.resolve("404.html"), "<p>dashboard 404 page</p>");
      page(dashboard.resolve("links/index.html"), DASHBOARD_LINKS);
      page(dashboard.resolve("verify-email/index.html"), "<p>dashboard verify email</p>");
      file(dashboard.resolve("_next/static/chunks/app-def456.js"), DASHBOARD_CHUNK);
      file(dashboard.resolve("_next/static/chunks/app-def456.js.br"), "brotli bytes");
      file(dashboard.resolve("_next/static/chunks/app-def456.js.gz"), "gzip bytes");

      Path apiReference = web.resolve("api-docs/out");
      page(apiReference.resolve("index.html"), API_REFERENCE);
      file(apiReference.resolve("openapi.json"), "{\"openapi\":\"3.1.0\"}\n");

      file(web.resolve("secret.txt"), SECRET);
      file(web.resolve("landing/secret.txt"), SECRET);
      Files.createSymbolicLink(landing.resolve("escape.txt"), web.resolve("secret.txt"));
      return web;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A page as a static export writes one: the App Router's inline bootstrap script included. */
  private static void page(Path file, String content) throws IOException {
    file(
        file,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/>"
            + "<script src=\"/_next/static/chunks/chunk-abc123.js\" async=\"\"></script></head>"
            + "<body>"
            + content
            + "<script>(self.__next_f=self.__next_f||[]).push([0])</script></body></html>\n");
  }

  private static void file(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
