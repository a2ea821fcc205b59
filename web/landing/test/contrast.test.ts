import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const css = fs.readFileSync(path.join(process.cwd(), "app", "globals.css"), "utf8");

/** The custom properties of the first `:root { … }` after `from` in globals.css. */
function tokens(from: number): Record<string, string> {
  const start = css.indexOf(":root", from);
  const block = css.slice(css.indexOf("{", start) + 1, css.indexOf("}", start));
  return Object.fromEntries(
    [...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]),
  );
}

const schemes = {
  light: tokens(0),
  dark: tokens(css.indexOf("@media (prefers-color-scheme: dark)")),
};

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

/** [foreground, background] pairs the pages use for text (AA: 4.5) and for focus rings (3). */
const TEXT: [string, string][] = [
  ["ink", "canvas"],
  ["ink", "surface"],
  ["muted", "canvas"],
  ["muted", "surface"],
  ["accent", "canvas"],
  ["accent", "surface"],
  ["accent-strong", "canvas"],
  ["accent-strong", "surface"],
  ["accent-ink", "accent"],
  ["accent-ink", "accent-strong"],
  ["code-ink", "code-canvas"],
];
const NON_TEXT: [string, string][] = [
  ["focus", "canvas"],
  ["focus", "surface"],
];

describe.each(Object.entries(schemes))("the %s scheme", (_scheme, colours) => {
  it("defines every token the other scheme defines", () => {
    expect(Object.keys(colours).sort()).toEqual(Object.keys(schemes.light).sort());
  });

  it.each(TEXT)("has text %s on %s at 4.5:1 at least", (foreground, background) => {
    expect(contrast(colours[foreground]!, colours[background]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT)("has %s on %s at 3:1 at least", (foreground, background) => {
    expect(contrast(colours[foreground]!, colours[background]!)).toBeGreaterThanOrEqual(3);
  });
});
