import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { renderMarkdown, type RenderedMarkdown } from "./markdown";
import { resolveRepositoryLink } from "./repository";

/** Where posts live: one Markdown file per post, its name (without `.md`) the post's slug. */
export const BLOG_DIRECTORY = path.join(process.cwd(), "content", "blog");
const BLOG_PATH_IN_REPOSITORY = "web/landing/content/blog";

/** Slugs are URLs people share: lower case words joined by hyphens, never changed once out. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PostSummary {
  slug: string;
  title: string;
  description: string;
  /** Day of publication, `YYYY-MM-DD`. */
  date: string;
  author: string;
}

export interface Post extends PostSummary {
  body: string;
}

/** Reads one post's front matter (title, description, date, author) and body; throws on anything missing. */
export function parsePost(slug: string, source: string): Post {
  if (!SLUG.test(slug)) {
    throw new Error(`blog post '${slug}': the file name must be a slug (${SLUG})`);
  }
  const { data, content } = frontMatter(slug, source);
  const field = (name: string): string => {
    const value: unknown = data[name];
    if (typeof value !== "string" || value.trim() === "") {
      throw new Error(`blog post '${slug}': front matter '${name}' must be a non-empty string`);
    }
    return value.trim();
  };
  const date: unknown = data.date;
  if (typeof date !== "string" || !isDay(date)) {
    throw new Error(`blog post '${slug}': front matter 'date' must be a day, YYYY-MM-DD`);
  }
  const known = new Set(["title", "description", "date", "author"]);
  const unknown = Object.keys(data).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new Error(`blog post '${slug}': unknown front matter ${unknown.join(", ")}`);
  }
  return {
    slug,
    title: field("title"),
    description: field("description"),
    date,
    author: field("author"),
    body: content,
  };
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** The YAML between the leading `---` lines, read with YAML 1.2's core schema: an unquoted
 * 2026-12-01 stays a string instead of becoming a JavaScript date. */
function frontMatter(slug: string, source: string): { data: Record<string, unknown>; content: string } {
  const match = FRONT_MATTER.exec(source.replace(/^\uFEFF/, ""));
  if (match === null) {
    throw new Error(`blog post '${slug}': no front matter (between '---' lines) at the top`);
  }
  const data: unknown = parseYaml(match[1]!, { schema: "core" });
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new Error(`blog post '${slug}': the front matter must be a YAML mapping`);
  }
  return { data: data as Record<string, unknown>, content: source.replace(/^\uFEFF/, "").slice(match[0].length) };
}

/** A real calendar day written YYYY-MM-DD (no 2026-02-30). */
function isDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return DATE.test(text) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

/** Newest first; posts of the same day by slug, so the order never depends on the file system. */
export function byDateDescending(a: PostSummary, b: PostSummary): number {
  return a.date === b.date ? a.slug.localeCompare(b.slug) : b.date.localeCompare(a.date);
}

export function readPosts(directory: string = BLOG_DIRECTORY): Post[] {
  return fs
    .readdirSync(directory)
    .filter((file) => file.endsWith(".md"))
    .map((file) =>
      parsePost(file.slice(0, -".md".length), fs.readFileSync(path.join(directory, file), "utf8")),
    )
    .sort(byDateDescending);
}

export function listPosts(directory: string = BLOG_DIRECTORY): PostSummary[] {
  return readPosts(directory).map((post) => ({
    slug: post.slug,
    title: post.title,
    description: post.description,
    date: post.date,
    author: post.author,
  }));
}

export function getPost(slug: string, directory: string = BLOG_DIRECTORY): Post | undefined {
  return readPosts(directory).find((post) => post.slug === slug);
}

export function renderPost(post: Post): RenderedMarkdown {
  const file = `${BLOG_PATH_IN_REPOSITORY}/${post.slug}.md`;
  return renderMarkdown(post.body, { resolveLink: (href) => resolveRepositoryLink(href, file) });
}

/** `2026-12-01` as people read it, fixed to UTC so the build machine's zone does not matter. */
export function formatDate(date: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
