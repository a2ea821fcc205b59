import { Marked, Renderer, type Tokens } from "marked";

/** Where a link in a Markdown file leads: a URL, or a file of the repository the site does not serve. */
export type LinkTarget = { href: string } | { repositoryPath: string };

export interface Heading {
  depth: number;
  text: string;
  id: string;
}

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
}

export interface MarkdownOptions {
  /** Maps each link's destination; links are kept as written without it. */
  resolveLink?: (href: string) => LinkTarget;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens), so links into a
 * document written for the repository keep working on the site. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

const base = new Renderer();

/**
 * Markdown written in this repository (blog posts, the runbook) to HTML, at build time. The
 * sources are ours, but they are still escaped where they could break the page: raw HTML in a
 * source is shown as text, code is escaped, every attribute value is escaped.
 */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): RenderedMarkdown {
  const headings: Heading[] = [];
  const ids = new Map<string, number>();
  // each scrolling table is a region, named after its section: landmarks need distinct names
  const tableLabels = new Map<string, number>();
  const tableLabel = (): string => {
    const section = headings.at(-1)?.text;
    const label = section === undefined ? "Table" : `Table: ${section}`;
    const seen = tableLabels.get(label) ?? 0;
    tableLabels.set(label, seen + 1);
    return seen === 0 ? label : `${label} (${seen + 1})`;
  };
  const uniqueId = (text: string): string => {
    const slug = slugify(text) || "section";
    const seen = ids.get(slug) ?? 0;
    ids.set(slug, seen + 1);
    return seen === 0 ? slug : `${slug}-${seen}`;
  };

  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      heading({ tokens, depth }: Tokens.Heading): string {
        const text = this.parser.parseInline(tokens, this.parser.textRenderer);
        const id = uniqueId(text);
        headings.push({ depth, text, id });
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      code({ text, lang, escaped }: Tokens.Code): string {
        const language = /^[\w+-]+/.exec(lang ?? "")?.[0];
        const body = text.replace(/\n$/, "");
        const languageAttributes = language
          ? [` data-language="${escapeHtml(language)}"`, ` class="language-${escapeHtml(language)}"`]
          : ["", ""];
        // focusable: a long line scrolls, and a keyboard must be able to scroll it
        return `<pre tabindex="0"${languageAttributes[0]}><code${languageAttributes[1]}>${
          escaped ? body : escapeHtml(body)
        }</code></pre>\n`;
      },
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(text);
      },
      table(token: Tokens.Table): string {
        const label = escapeHtml(tableLabel());
        return `<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${base.table.call(this, token)}</div>\n`;
      },
      link({ href, title, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        const target = options.resolveLink ? options.resolveLink(href) : { href };
        if ("repositoryPath" in target) {
          const path = escapeHtml(target.repositoryPath);
          const plain = this.parser.parseInline(tokens, this.parser.textRenderer);
          // a link whose text is the path already: the path once, as code
          return plain.replace(/\/$/, "") === target.repositoryPath
            ? `<code>${path}</code>`
            : `${inner} (<code>${path}</code> in the repository)`;
        }
        const titleAttribute = title ? ` title="${escapeHtml(title)}"` : "";
        return `<a href="${escapeHtml(target.href)}"${titleAttribute}>${inner}</a>`;
      },
    },
  });
  const html = marked.parse(source) as string;
  return { html, headings };
}
