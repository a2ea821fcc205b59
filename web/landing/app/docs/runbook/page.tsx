import Link from "next/link";
import { MarkdownBody } from "@/components/markdown-body";
import { readRunbook } from "@/lib/runbook";
import { pageMetadata } from "@/lib/site";

const runbook = readRunbook();

export const metadata = pageMetadata({
  title: runbook.title,
  description: runbook.description,
  path: "/docs/runbook/",
});

export default function RunbookPage() {
  const sections = runbook.headings.filter((heading) => heading.depth === 2);
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link href="/docs/" className="link">
          Docs
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold tracking-tight sm:text-4xl">{runbook.title}</h1>
      <nav aria-label="Runbook sections" className="mt-6 rounded-lg border border-line p-5">
        <p className="font-semibold">On this page</p>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className="link">
                {section.text}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-8">
        <MarkdownBody html={runbook.html} />
      </div>
    </article>
  );
}
