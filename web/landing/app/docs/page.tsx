import Link from "next/link";
import { links, pageMetadata } from "@/lib/site";

export const metadata = pageMetadata({
  title: "Docs",
  description:
    "SMO1's documentation: the HTTP API reference, the OpenAPI description and the operator runbook for running SMO1 on Kubernetes.",
  path: "/docs/",
});

const documents = [
  {
    href: links.apiReference,
    title: "API reference",
    body: "Every call of the HTTP API under /api/v1: links, analytics, workspaces, members, API keys, with their errors.",
    internal: false,
  },
  {
    href: links.openApi,
    title: "OpenAPI description (JSON)",
    body: "The same API as an OpenAPI 3.1 document, for client generators and tools.",
    internal: false,
  },
  {
    href: "/docs/runbook/",
    title: "Operator runbook",
    body: "Running SMO1 on Kubernetes: deploying, probes, scaling and rolling updates, split brain, metrics and alerts, backup and restore.",
    internal: true,
  },
] as const;

export default function Docs() {
  return (
    <>
      <h1 className="text-4xl font-bold tracking-tight">Docs</h1>
      <p className="mt-4 max-w-2xl text-lg text-muted">
        Build on SMO1&apos;s API, or run SMO1 yourself.
      </p>
      <ul className="mt-10 grid gap-5 md:grid-cols-3">
        {documents.map((document) => (
          <li key={document.href} className="rounded-lg border border-line p-5">
            <h2 className="text-lg font-semibold">
              {document.internal ? (
                <Link href={document.href} className="link">
                  {document.title}
                </Link>
              ) : (
                <a href={document.href} className="link">
                  {document.title}
                </a>
              )}
            </h2>
            <p className="mt-2 text-muted">{document.body}</p>
          </li>
        ))}
      </ul>
      <p className="mt-10 max-w-2xl text-muted">
        The posts on the{" "}
        <Link href="/blog/" className="link">
          blog
        </Link>{" "}
        explain the design behind them: the edge, exact click counts, Kubernetes.
      </p>
    </>
  );
}
