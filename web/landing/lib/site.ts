import type { Metadata } from "next";

export const SITE_NAME = "SMO1";
export const DEFAULT_SITE_URL = "http://127.0.0.1:8080";

/**
 * The site's public URL without a trailing slash, from `SMO1_SITE_URL` at build time: canonical
 * URLs, Open Graph, the sitemap and robots.txt are absolute, and a static export cannot ask the
 * request for its host.
 */
export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.SMO1_SITE_URL?.trim() || DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SMO1_SITE_URL is not a URL: '${raw}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`SMO1_SITE_URL must be http or https: '${raw}'`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** An absolute URL on this site for a path that starts with `/`. */
export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path}`;
}

/** Paths of the dashboard and the API reference: other builds the node serves beside this one. */
export const links = {
  signup: "/app/signup",
  login: "/app/login",
  apiReference: "/docs/api/",
  openApi: "/api/v1/openapi.json",
} as const;

/** The short link the node creates on its first start, leading to the post about the edge. */
export const EXAMPLE_ALIAS = "hello";
export const EXAMPLE_TARGET_POST = "redirects-at-the-edge";

const OG_IMAGE = { url: "/og.png", width: 1200, height: 630, alt: "SMO1: short links at the edge" };

interface PageMetadata {
  title: string;
  description: string;
  /** The page's path with its trailing slash, e.g. `/pricing/`. */
  path: string;
  /** A title used as is, without the site's name appended. */
  absoluteTitle?: boolean;
  article?: { publishedTime: string; authors: string[] };
}

/** Title, description, canonical URL, Open Graph and Twitter tags of one page. */
export function pageMetadata(page: PageMetadata): Metadata {
  const fullTitle = page.absoluteTitle ? page.title : `${page.title} · ${SITE_NAME}`;
  return {
    title: page.absoluteTitle ? { absolute: page.title } : page.title,
    description: page.description,
    alternates: { canonical: page.path },
    openGraph: {
      title: fullTitle,
      description: page.description,
      url: page.path,
      siteName: SITE_NAME,
      locale: "en",
      images: [OG_IMAGE],
      ...(page.article
        ? {
            type: "article",
            publishedTime: page.article.publishedTime,
            authors: page.article.authors,
          }
        : { type: "website" }),
    },
    twitter: {
      card: "summary_large_image",
      title: fullTitle,
      description: page.description,
      images: [OG_IMAGE.url],
    },
  };
}
