import { describe, expect, it } from "vitest";
import { renderMarkdown, slugify } from "@/lib/markdown";
import { resolveRepositoryLink } from "@/lib/repository";

describe("renderMarkdown", () => {
  it("gives headings GitHub's anchors, unique within the document", () => {
    const { html, headings } = renderMarkdown("## Scale and roll\n\n## Scale and roll\n\n### `kubectl` & co.\n");
    expect(headings).toEqual([
      { depth: 2, text: "Scale and roll", id: "scale-and-roll" },
      { depth: 2, text: "Scale and roll", id: "scale-and-roll-1" },
      { depth: 3, text: "kubectl & co.", id: "kubectl--co" },
    ]);
    expect(html).toContain('<h3 id="kubectl--co"><code>kubectl</code> &amp; co.</h3>');
  });

  it("escapes code and makes a code block focusable, with its language", () => {
    const { html } = renderMarkdown("```sh\necho '<b>' && exit\n```\n");
    expect(html).toBe(
      '<pre tabindex="0" data-language="sh"><code class="language-sh">echo &#39;&lt;b&gt;&#39; &amp;&amp; exit</code></pre>\n',
    );
  });

  it("shows raw HTML as text", () => {
    const { html } = renderMarkdown('<script>alert("x")</script>\n\nText with <img src=x onerror=alert(1)>.\n');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("wraps tables in a region that scrolls on narrow screens, named after its section", () => {
    const table = "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n";
    const { html } = renderMarkdown(`${table}## Probes & checks\n\n${table}${table}`);
    expect(html).toMatch(/^<div class="table-scroll" role="region" aria-label="Table" tabindex="0"><table>/);
    expect([...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1])).toEqual([
      "Table",
      "Table: Probes &amp; checks",
      "Table: Probes &amp; checks (2)",
    ]);
  });

  it("escapes link destinations and titles", () => {
    const { html } = renderMarkdown('[x](https://example.com/?a=1&b=2 "a \\"title\\"")\n');
    expect(html).toContain('href="https://example.com/?a=1&amp;b=2"');
    expect(html).toContain('title="a &quot;title&quot;"');
  });

  it("shows a repository file the site does not serve as its path", () => {
    const resolveLink = (href: string) => resolveRepositoryLink(href, "src-docs/runbook.md", undefined);
    expect(renderMarkdown("See [the API](api.md).\n", { resolveLink }).html).toBe(
      "<p>See the API (<code>src-docs/api.md</code> in the repository).</p>\n",
    );
    expect(renderMarkdown("See [`deploy-k8s/`](../deploy-k8s).\n", { resolveLink }).html).toBe(
      "<p>See <code>deploy-k8s</code>.</p>\n",
    );
  });
});

describe("slugify", () => {
  it("follows GitHub's anchors", () => {
    expect(slugify("Backup and restore")).toBe("backup-and-restore");
    expect(slugify("SMO1NodeDown")).toBe("smo1nodedown");
    expect(slugify("Upgrading to accounts (workspaces, users, scoped keys)")).toBe(
      "upgrading-to-accounts-workspaces-users-scoped-keys",
    );
  });
});

describe("resolveRepositoryLink", () => {
  const from = "src-docs/runbook.md";

  it("keeps anchors, URLs and site paths", () => {
    for (const href of ["#metrics", "https://pekko.apache.org/", "mailto:ops@example.com", "/docs/"]) {
      expect(resolveRepositoryLink(href, from, undefined)).toEqual({ href });
    }
  });

  it("turns a file the site renders into its page, keeping the anchor", () => {
    expect(resolveRepositoryLink("runbook.md#recovery-figures", from, undefined)).toEqual({
      href: "/docs/runbook/#recovery-figures",
    });
    expect(
      resolveRepositoryLink("../../../../src-docs/runbook.md", "web/landing/content/blog/x.md", undefined),
    ).toEqual({ href: "/docs/runbook/" });
  });

  it("points other files to the repository when its URL is known, else names their path", () => {
    expect(resolveRepositoryLink("../deploy-k8s/base/", from, undefined)).toEqual({
      repositoryPath: "deploy-k8s/base",
    });
    expect(resolveRepositoryLink("clickhouse.md#tables", from, "https://git.example.com/smo1/")).toEqual({
      href: "https://git.example.com/smo1/blob/HEAD/src-docs/clickhouse.md#tables",
    });
  });

  it("fails on a link that leaves the repository", () => {
    expect(() => resolveRepositoryLink("../../etc/passwd", from, undefined)).toThrow("out of the repository");
  });
});
