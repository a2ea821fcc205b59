package dev.smo1.link;

/**
 * The page link-preview bots (Slack, X, Facebook, LinkedIn, Discord, WhatsApp, Telegram, …) get
 * instead of a redirect for a link with a {@link LinkOptions.Preview}: Open Graph and Twitter card
 * tags, and the target as a plain link. The edge Worker renders the same bytes ({@code previewPage}
 * in packages/kv-record/src/preview.ts; shared fixtures in
 * packages/kv-record/contract/fixtures/preview-pages.json).
 */
public final class PreviewPage {
  private PreviewPage() {}

  /**
   * The page for {@code preview}, linking to {@code location} (the target as redirects send it).
   */
  public static String html(LinkOptions.Preview preview, String location) {
    String title = escape(preview.title());
    String description = preview.description() == null ? null : escape(preview.description());
    String image = preview.image() == null ? null : escape(preview.image());
    String href = escape(location);
    var page =
        new StringBuilder(1024)
            .append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .append(title)
            .append("</title>");
    meta(page, "name", "description", description);
    meta(page, "property", "og:type", "website");
    meta(page, "property", "og:title", title);
    meta(page, "property", "og:description", description);
    meta(page, "property", "og:image", image);
    meta(page, "name", "twitter:card", image == null ? "summary" : "summary_large_image");
    meta(page, "name", "twitter:title", title);
    meta(page, "name", "twitter:description", description);
    meta(page, "name", "twitter:image", image);
    page.append("</head><body><main><h1>").append(title).append("</h1>");
    if (description != null) {
      page.append("<p>").append(description).append("</p>");
    }
    return page.append("<p><a href=\"")
        .append(href)
        .append("\">")
        .append(href)
        .append("</a></p></main></body></html>\n")
        .toString();
  }

  private static void meta(StringBuilder page, String attribute, String key, String value) {
    if (value != null) {
      page.append("<meta ")
          .append(attribute)
          .append("=\"")
          .append(key)
          .append("\" content=\"")
          .append(value)
          .append("\">");
    }
  }

  /** Text for HTML content and quoted attributes: {@code & < > " '} as entities. */
  public static String escape(String text) {
    var escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
