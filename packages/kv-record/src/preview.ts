/**
 * The page link-preview bots (Slack, X, Facebook, LinkedIn, Discord, WhatsApp, Telegram, …) get
 * instead of a redirect for a link with a preview: Open Graph and Twitter card tags, and the target
 * as a plain link. The node's PreviewPage renders the same bytes (shared fixtures:
 * ../contract/fixtures/preview-pages.json).
 */

import type { Preview } from "./index";

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

export function previewPage(preview: Preview, location: string): string {
  const title = escape(preview.title);
  const description = preview.description === null ? null : escape(preview.description);
  const image = preview.image === null ? null : escape(preview.image);
  const href = escape(location);
  const meta = (attribute: "name" | "property", key: string, value: string | null): string =>
    value === null ? "" : `<meta ${attribute}="${key}" content="${value}">`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>` +
    meta("name", "description", description) +
    meta("property", "og:type", "website") +
    meta("property", "og:title", title) +
    meta("property", "og:description", description) +
    meta("property", "og:image", image) +
    meta("name", "twitter:card", image === null ? "summary" : "summary_large_image") +
    meta("name", "twitter:title", title) +
    meta("name", "twitter:description", description) +
    meta("name", "twitter:image", image) +
    `</head><body><main><h1>${title}</h1>` +
    (description === null ? "" : `<p>${description}</p>`) +
    `<p><a href="${href}">${href}</a></p></main></body></html>\n`
  );
}
