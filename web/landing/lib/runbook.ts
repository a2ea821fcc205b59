import fs from "node:fs";
import path from "node:path";
import { renderMarkdown, type RenderedMarkdown } from "./markdown";
import { REPOSITORY_ROOT, resolveRepositoryLink } from "./repository";

export const RUNBOOK_FILE = "src-docs/runbook.md";

export interface Runbook extends RenderedMarkdown {
  /** The file's level-1 heading; `html` is the rest of the file. */
  title: string;
  /** The first paragraph, as plain text. */
  description: string;
}

/** The operator runbook, rendered from the one file operators also read in the repository. */
export function readRunbook(root: string = REPOSITORY_ROOT): Runbook {
  const source = fs.readFileSync(path.join(root, RUNBOOK_FILE), "utf8");
  const title = /^# (.+)$/m.exec(source);
  if (title === null) {
    throw new Error(`${RUNBOOK_FILE} has no title (a level-1 heading)`);
  }
  const body = source.slice(title.index + title[0].length);
  const rendered = renderMarkdown(body, {
    resolveLink: (href) => resolveRepositoryLink(href, RUNBOOK_FILE),
  });
  const firstParagraph = body
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .find((block) => block !== "" && !block.startsWith("#"));
  return {
    ...rendered,
    title: title[1]!.trim(),
    description: (firstParagraph ?? title[1]!).replace(/\s+/g, " ").replace(/[`*_]/g, "").trim(),
  };
}
