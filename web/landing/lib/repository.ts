import path from "node:path";
import type { LinkTarget } from "./markdown";

/** The repository's root, from the landing's directory (where `next build` and the tests run). */
export const REPOSITORY_ROOT = path.resolve(process.cwd(), "../..");

/** Repository files this site renders as pages of its own. */
export const RENDERED_FILES: Readonly<Record<string, string>> = {
  "src-docs/runbook.md": "/docs/runbook/",
};

/**
 * Resolves a link written in a repository file (`fromFile`, relative to the root) for the site:
 * anchors, URLs and site paths stay; a file the site renders becomes its page; any other file of
 * the repository becomes a link to it on `SMO1_REPOSITORY_URL` when that is set (e.g.
 * `https://github.com/<owner>/smo1`), otherwise its path, shown as text. A link leaving the
 * repository fails the build.
 */
export function resolveRepositoryLink(
  href: string,
  fromFile: string,
  repositoryUrl: string | undefined = process.env.SMO1_REPOSITORY_URL,
): LinkTarget {
  if (href.startsWith("#") || href.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(href)) {
    return { href };
  }
  const hashAt = href.indexOf("#");
  const filePart = hashAt < 0 ? href : href.slice(0, hashAt);
  const hash = hashAt < 0 ? "" : href.slice(hashAt);
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), filePart));
  if (resolved.startsWith("../") || resolved === "..") {
    throw new Error(`${fromFile}: link '${href}' leads out of the repository`);
  }
  const repositoryPath = resolved.replace(/\/$/, "");
  const page = RENDERED_FILES[repositoryPath];
  if (page !== undefined) {
    return { href: `${page}${hash}` };
  }
  if (repositoryUrl) {
    return { href: `${repositoryUrl.replace(/\/+$/, "")}/blob/HEAD/${repositoryPath}${hash}` };
  }
  return { repositoryPath };
}
