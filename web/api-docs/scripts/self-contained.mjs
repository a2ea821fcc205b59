// Checks that a built page loads nothing from another origin when it is viewed: no script,
// stylesheet, preload, module import or CSS url() outside the page itself. Links people may follow
// (<a href>) are not loads and are allowed.

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/**
 * @param {string} html
 * @returns {string[]} what the page would fetch from elsewhere, one line each
 */
export function externalLoads(html) {
  /** @type {string[]} */
  const found = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
    if (EXTERNAL.test(match[1] ?? "")) found.push(`script ${match[1]}`);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = /\brel\s*=\s*["']?([^"'>]+)/i.exec(tag)?.[1]?.toLowerCase() ?? "";
    const href = /\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1] ?? "";
    const loads = /\b(stylesheet|preload|modulepreload|prefetch|icon|manifest|preconnect|dns-prefetch)\b/.test(rel);
    if (loads && EXTERNAL.test(href)) found.push(`link rel=${rel} ${href}`);
  }
  for (const match of html.matchAll(/(?<!@)\bimport\s*(?:[\w{}\s,*]+from\s*)?["']([^"']+)["']/g)) {
    if (EXTERNAL.test(match[1] ?? "")) found.push(`import ${match[1]}`);
  }
  for (const match of html.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    if (EXTERNAL.test(match[1] ?? "")) found.push(`import() ${match[1]}`);
  }
  for (const match of html.matchAll(/(?:@import\s+|url\()\s*["']?([^"')\s;]+)/gi)) {
    if (EXTERNAL.test(match[1] ?? "")) found.push(`css ${match[1]}`);
  }
  for (const match of html.matchAll(/<(?:img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
    if (EXTERNAL.test(match[1] ?? "")) found.push(`media ${match[1]}`);
  }
  return found;
}
