/**
 * The landing site as a visitor meets it on the app host: every page renders with its title,
 * description and Open Graph tags, is accessible, and has a screenshot at 375 and 1280 px.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "../support/axe";
import { screenshots } from "../support/screenshots";
import { readStack } from "../support/stack";

const PAGES = [
  { path: "/", name: "landing-home", heading: /short links/i },
  { path: "/pricing/", name: "landing-pricing", heading: /pricing/i },
  { path: "/blog/", name: "landing-blog", heading: /blog/i },
  { path: "/blog/redirects-at-the-edge/", name: "landing-blog-post", heading: /edge/i },
  { path: "/blog/clicks-counted-exactly-once/", name: "landing-blog-post-clicks", heading: /click/i },
  { path: "/blog/running-smo1-on-kubernetes/", name: "landing-blog-post-kubernetes", heading: /kubernetes/i },
  { path: "/docs/", name: "landing-docs", heading: /docs|documentation/i },
  // the runbook is a long document: its first screen is pictured, not all of it
  { path: "/docs/runbook/", name: "landing-runbook", heading: /runbook/i, fullPage: false },
] as const;

async function meta(page: Page, selector: string): Promise<string | null> {
  return page.locator(selector).first().getAttribute("content");
}

for (const { path, name, heading, ...shot } of PAGES) {
  test(`landing ${path} renders with its meta tags and is accessible`, async ({ page }) => {
    const response = await page.goto(`${readStack().app}${path}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toContain("text/html");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    expect(await page.title()).toMatch(/SMO1/);
    expect(await meta(page, 'meta[name="description"]')).toBeTruthy();
    expect(await meta(page, 'meta[property="og:title"]')).toBeTruthy();
    expect(await meta(page, 'meta[property="og:description"]')).toBeTruthy();
    expect(await meta(page, 'meta[property="og:image"]')).toBeTruthy();
    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toMatch(/^https?:\/\//);
    await expectAccessible(page, `landing ${path}`);
    await screenshots(page, name, shot);
  });
}

test("a blog post is reached from the blog's index", async ({ page }) => {
  await page.goto(`${readStack().app}/blog/`);
  await page.getByRole("link", { name: /edge/i }).first().click();
  await expect(page).toHaveURL(/\/blog\/redirects-at-the-edge\/$/);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
});

test("an unknown page of the site answers the site's 404 page", async ({ page }) => {
  const response = await page.goto(`${readStack().app}/blog/no-such-post/`);
  expect(response?.status()).toBe(404);
  await expectAccessible(page, "the landing's 404 page");
});

test("sitemap.xml lists every page and robots.txt points to it", async ({ request }) => {
  const sitemap = await request.get(`${readStack().app}/sitemap.xml`);
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  for (const { path } of PAGES) expect(xml).toContain(path === "/" ? "<loc>" : path);
  const robots = await (await request.get(`${readStack().app}/robots.txt`)).text();
  expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);
});

test("the API reference renders the contract and loads nothing from elsewhere", async ({ page }) => {
  const app = new URL(readStack().app);
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && url.host !== app.host) foreign.push(request.url());
  });
  const response = await page.goto(`${app.origin}/docs/api/`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 }).first()).toContainText(/SMO1/);
  expect(foreign).toEqual([]);
  await screenshots(page, "api-reference");
});

test("the home page's live example short link redirects to the post about the edge", async ({ page }) => {
  const app = readStack().app;
  await page.goto(`${app}/`);
  const example = page.getByRole("link", { name: /\/hello$/ });
  await expect(example).toHaveText(`${app}/hello`);
  await example.click();
  await expect(page).toHaveURL(`${app}/blog/redirects-at-the-edge/`);
});
