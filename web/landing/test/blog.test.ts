import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  byDateDescending,
  listPosts,
  parsePost,
  readPosts,
  renderPost,
  SLUG,
  type PostSummary,
} from "@/lib/blog";
import { renderMarkdown } from "@/lib/markdown";
import { sitePages } from "@/lib/pages";
import { REPOSITORY_ROOT, resolveRepositoryLink } from "@/lib/repository";
import { readRunbook } from "@/lib/runbook";
import { EXAMPLE_TARGET_POST } from "@/lib/site";

/**
 * Every slug ever published. A post's URL is shared and linked to (the node's example short link
 * leads to one), so a slug may be added here but never removed or renamed.
 */
const PUBLISHED_SLUGS = [
  "clicks-counted-exactly-once",
  "redirects-at-the-edge",
  "running-smo1-on-kubernetes",
];

const post = (fields: Record<string, string>, body = "Body.\n") =>
  `---\n${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join("\n")}\n---\n${body}`;

const valid = {
  title: '"A title: with a colon"',
  description: "What it says.",
  date: "2026-12-01",
  author: "SMO1 team",
};

describe("front matter", () => {
  it("reads title, description, date and author, and the body after it", () => {
    expect(parsePost("a-post", post(valid, "## First\n"))).toEqual({
      slug: "a-post",
      title: "A title: with a colon",
      description: "What it says.",
      date: "2026-12-01",
      author: "SMO1 team",
      body: "## First\n",
    });
  });

  it("reads a quoted date as well as YAML's unquoted one", () => {
    expect(parsePost("a-post", post({ ...valid, date: '"2026-02-03"' })).date).toBe("2026-02-03");
  });

  it.each([
    ["title", { ...valid, title: '""' }],
    ["description", { author: valid.author, date: valid.date, title: valid.title }],
    ["author", { title: valid.title, description: valid.description, date: valid.date }],
    ["date", { ...valid, date: "December 1st" }],
    ["date", { ...valid, date: "2026-13-45" }],
    ["unknown front matter tags", { ...valid, tags: "edge" }],
  ])("refuses a post with a bad or missing %s", (field, fields) => {
    expect(() => parsePost("a-post", post(fields))).toThrow(field);
  });

  it("refuses a file name that is not a slug", () => {
    expect(() => parsePost("A Post", post(valid))).toThrow("slug");
    expect(() => parsePost("a--post", post(valid))).toThrow("slug");
  });
});

describe("order", () => {
  const summary = (slug: string, date: string): PostSummary => ({
    slug,
    date,
    title: slug,
    description: slug,
    author: "a",
  });

  it("is newest first, and by slug within a day", () => {
    const posts = [
      summary("b", "2026-01-02"),
      summary("old", "2025-12-31"),
      summary("a", "2026-01-02"),
      summary("new", "2026-03-01"),
    ];
    expect(posts.sort(byDateDescending).map((p) => p.slug)).toEqual(["new", "a", "b", "old"]);
  });

  it("of the blog's own posts is newest first", () => {
    const dates = listPosts().map((p) => p.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe("the blog's posts", () => {
  const posts = readPosts();

  it("keep every published slug", () => {
    const slugs = posts.map((p) => p.slug);
    for (const slug of PUBLISHED_SLUGS) {
      expect(slugs, `published post '${slug}' is gone`).toContain(slug);
    }
    expect(PUBLISHED_SLUGS).toContain(EXAMPLE_TARGET_POST);
  });

  it("are all listed as published, so their slugs are pinned", () => {
    for (const p of posts) {
      expect(PUBLISHED_SLUGS, `add '${p.slug}' to PUBLISHED_SLUGS`).toContain(p.slug);
      expect(p.slug).toMatch(SLUG);
    }
  });

  it("start their headings at level 2: the page's title is the only h1", () => {
    for (const p of posts) {
      const { headings } = renderPost(p);
      expect(headings.length, p.slug).toBeGreaterThan(0);
      expect(Math.min(...headings.map((h) => h.depth)), p.slug).toBe(2);
      for (let i = 1; i < headings.length; i++) {
        expect(headings[i]!.depth - headings[i - 1]!.depth, p.slug).toBeLessThanOrEqual(1);
      }
    }
  });

  it("have descriptions short enough for search results and cards", () => {
    for (const p of posts) {
      expect(p.description.length, p.slug).toBeLessThanOrEqual(300);
    }
  });

  it("link only to files of the repository and pages of the site that exist", () => {
    const pages = new Set(sitePages().map((page) => page.path));
    const runbookIds = new Set(readRunbook().headings.map((h) => h.id));
    for (const p of posts) {
      const file = `web/landing/content/blog/${p.slug}.md`;
      const own = new Set(renderPost(p).headings.map((h) => h.id));
      const targets: string[] = [];
      renderMarkdown(p.body, {
        resolveLink: (href) => {
          const target = resolveRepositoryLink(href, file, undefined);
          targets.push("href" in target ? target.href : `repository:${target.repositoryPath}`);
          return target;
        },
      });
      for (const target of targets) {
        if (target.startsWith("repository:")) {
          const repositoryPath = target.slice("repository:".length);
          expect(fs.existsSync(path.join(REPOSITORY_ROOT, repositoryPath)), target).toBe(true);
        } else if (target.startsWith("#")) {
          expect(own.has(target.slice(1)), `${p.slug}: ${target}`).toBe(true);
        } else if (target.startsWith("/")) {
          const [pagePath, anchor] = target.split("#");
          expect(pages.has(pagePath!), `${p.slug}: ${target}`).toBe(true);
          if (anchor !== undefined && pagePath === "/docs/runbook/") {
            expect(runbookIds.has(anchor), `${p.slug}: ${target}`).toBe(true);
          }
        } else {
          expect(target, p.slug).toMatch(/^https:\/\//);
        }
      }
    }
  });
});
