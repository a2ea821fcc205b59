import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import robots from "@/app/robots";
import sitemap from "@/app/sitemap";
import { listPosts } from "@/lib/blog";
import { sitePages } from "@/lib/pages";
import { DEFAULT_SITE_URL, links, siteUrl } from "@/lib/site";

const APP = path.join(process.cwd(), "app");
/** Routes under app/ that are not pages of the site. */
const NOT_PUBLIC = new Set(["/budget-floor/"]);

/** The URL path of every `page.tsx` under app/, dynamic segments filled from the content. */
function appPages(directory = APP, route = "/"): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") {
      found.push(route);
    } else if (entry.isDirectory()) {
      const child = path.join(directory, entry.name);
      if (entry.name === "[slug]" && route === "/blog/") {
        for (const post of listPosts()) {
          found.push(...appPages(child, `${route}${post.slug}/`));
        }
      } else if (entry.name.startsWith("[")) {
        throw new Error(`no content known for dynamic route ${route}${entry.name}/`);
      } else if (entry.name.startsWith("(")) {
        found.push(...appPages(child, route));
      } else {
        found.push(...appPages(child, `${route}${entry.name}/`));
      }
    }
  }
  return found;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the sitemap", () => {
  it("lists every page of the site, and the API reference built beside it", () => {
    const expected = [...appPages().filter((page) => !NOT_PUBLIC.has(page)), links.apiReference];
    expect(sitePages().map((page) => page.path).sort()).toEqual(expected.sort());
  });

  it("lists every blog post with its date", () => {
    const pages = sitePages();
    for (const post of listPosts()) {
      expect(pages).toContainEqual({ path: `/blog/${post.slug}/`, lastModified: post.date });
    }
  });

  it("has absolute URLs on the site URL given at build", () => {
    vi.stubEnv("SMO1_SITE_URL", "https://smo1.example.com/");
    const urls = sitemap().map((entry) => entry.url);
    expect(urls[0]).toBe("https://smo1.example.com/");
    expect(urls).toContain("https://smo1.example.com/pricing/");
    expect(urls.every((url) => url.startsWith("https://smo1.example.com/"))).toBe(true);
    expect(urls.some((url) => url.includes("budget-floor"))).toBe(false);
  });

  it("is named by robots.txt", () => {
    vi.stubEnv("SMO1_SITE_URL", "https://smo1.example.com");
    expect(robots().sitemap).toBe("https://smo1.example.com/sitemap.xml");
  });
});

describe("siteUrl", () => {
  it("defaults to the local node", () => {
    expect(siteUrl({})).toBe(DEFAULT_SITE_URL);
    expect(siteUrl({ SMO1_SITE_URL: " " })).toBe(DEFAULT_SITE_URL);
  });

  it("drops a trailing slash and keeps a path prefix", () => {
    expect(siteUrl({ SMO1_SITE_URL: "https://smo1.example.com/" })).toBe("https://smo1.example.com");
    expect(siteUrl({ SMO1_SITE_URL: "https://example.com/smo1/" })).toBe("https://example.com/smo1");
  });

  it("refuses what is not an http(s) URL", () => {
    expect(() => siteUrl({ SMO1_SITE_URL: "smo1.example.com" })).toThrow("not a URL");
    expect(() => siteUrl({ SMO1_SITE_URL: "ftp://smo1.example.com" })).toThrow("http or https");
  });
});
