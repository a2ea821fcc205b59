/** HTML rendered at build time from Markdown of this repository (lib/markdown.ts escapes it). */
export function MarkdownBody({ html }: { html: string }) {
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
