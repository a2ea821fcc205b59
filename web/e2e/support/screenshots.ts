/**
 * Screenshots of the main pages at a phone's and a laptop's width, written to
 * web/e2e/artifacts/screenshots/<name>-<width>.png (artifacts of the run, never committed).
 */
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { ARTIFACTS } from "./stack";

export const WIDTHS = [375, 1280] as const;

/**
 * Takes the page at each width (full page, unless `fullPage: false`: the first screen of a long
 * document, whose full-page images take seconds each), checking that nothing makes it scroll
 * sideways there, then puts the viewport back as it was.
 */
export async function screenshots(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const before = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 812 : 800 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), {
        message: `${name} scrolls sideways at ${width} px`,
      })
      .toBeLessThanOrEqual(width);
    await page.screenshot({ path: join(ARTIFACTS, "screenshots", `${name}-${width}.png`), fullPage: options.fullPage ?? true });
  }
  if (before) await page.setViewportSize(before);
}
