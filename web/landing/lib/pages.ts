import { listPosts, type PostSummary } from "./blog";
import { links } from "./site";

export interface SitePage {
  /** With its trailing slash, as the export writes it (`/pricing/` is `out/pricing/index.html`). */
  path: string;
  /** Day of the last change, `YYYY-MM-DD`, where known. */
  lastModified?: string;
}

/**
 * Every public page of the site, in the sitemap's order. The API reference is a build of its own
 * (`web/api-docs`) that the node serves at /docs/api/ beside this site. The test compares this
 * list with the pages under `app/`, so a new page cannot be left out.
 */
export function sitePages(posts: PostSummary[] = listPosts()): SitePage[] {
  return [
    { path: "/" },
    { path: "/pricing/" },
    { path: "/blog/", lastModified: posts[0]?.date },
    ...posts.map((post) => ({ path: `/blog/${post.slug}/`, lastModified: post.date })),
    { path: "/docs/" },
    { path: "/docs/runbook/" },
    { path: links.apiReference },
  ];
}
